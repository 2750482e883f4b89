package com.callbackdesk.callback;

import java.time.Instant;
import java.util.Objects;

/**
 * A repeat request that was merged into an open callback, kept as it was captured.
 *
 * @param id         row id
 * @param callbackId the open callback it was merged into
 * @param mergedAt   when (the store's clock)
 * @param request    everything the repeat call captured, including its call uniqueid
 */
public record MergeRecord(long id, long callbackId, Instant mergedAt, NewCallback request) {
    public MergeRecord {
        Objects.requireNonNull(mergedAt, "mergedAt");
        Objects.requireNonNull(request, "request");
    }
}
