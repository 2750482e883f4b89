package com.callbackdesk.planning.queue;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A callback as the queue's rules see it — the order it is served in ({@link QueueOrder}), who
 * may take it ({@link Eligibility}) and whether it is still to be dialled ({@link PreDialCheck}).
 * Production builds it from the stored callback, the what-if simulator from a simulated request,
 * so both ask the same rules the same question.
 *
 * @param id              unique among the callbacks compared (the last tie-break of the order)
 * @param state           lifecycle state
 * @param product         the product code consultants' skills are matched against
 * @param escalationLevel a higher level is served first; reputational risk goes to supervisors only
 * @param urgency         urgent before normal among equal deadlines
 * @param reachableUntil  the caller's stated end of day (office local time), null = until the office closes
 * @param createdAt       when the request was taken (older first)
 * @param notBefore       a time the caller chose (never dial earlier), or null
 */
public record QueueItem(long id, CallbackState state, String product, EscalationLevel escalationLevel,
                        Urgency urgency, LocalTime reachableUntil, Instant createdAt, Instant notBefore) {

    public QueueItem {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(escalationLevel, "escalationLevel");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
