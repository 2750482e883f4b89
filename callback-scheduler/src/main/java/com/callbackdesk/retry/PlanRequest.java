package com.callbackdesk.retry;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.Urgency;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What the planner needs to know of a callback request.
 *
 * @param callbackId     for messages only
 * @param urgency        picks the first-attempt delay
 * @param requestedAt    when the caller asked (the request's day is the day their end of day applies to)
 * @param reachableUntil the caller's "until what time today", in the caller's local time; null =
 *                       until the office closes
 * @param callerZone     the caller's time zone; null = the office's
 * @param notBefore      a time the caller chose (never call earlier), or null
 */
public record PlanRequest(long callbackId, Urgency urgency, Instant requestedAt, LocalTime reachableUntil,
                          ZoneId callerZone, Instant notBefore) {

    public PlanRequest {
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /**
     * The request as stored. The caller's zone comes from their number when it maps to one zone
     * ({@link CallerTimeZones}); otherwise their reachable-until is taken on the office's clock.
     */
    public static PlanRequest of(Callback c) {
        return new PlanRequest(c.id(), c.urgency(), c.createdAt(), c.reachableUntil(),
                CallerTimeZones.of(c.callbackNumber()).orElse(null), c.notBefore());
    }
}
