package com.callbackdesk.queue;

import com.callbackdesk.callback.Callback;

import java.time.Instant;
import java.util.Objects;

/**
 * A consultant holding a callback from the queue.
 *
 * @param callback   the callback as it was when claimed / read
 * @param consultant the consultant's login
 * @param claimedAt  when they took it
 */
public record Claim(Callback callback, String consultant, Instant claimedAt) {

    public Claim {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(consultant, "consultant");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }

    public long callbackId() {
        return callback.id();
    }
}
