package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.Urgency;

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

}
