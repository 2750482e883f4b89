package com.callbackdesk.policy;

import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.callback.Actor;

import java.time.Instant;

/** One stored version of the retry policy, with who made it live, when, why and what changed. */
public record PolicyVersion(int version, RetryPolicy policy, Actor changedBy, Instant changedAt, String reason,
                            String diff) {
}
