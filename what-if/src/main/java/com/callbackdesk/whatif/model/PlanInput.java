package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.Urgency;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * What the retry path needs to know about a request (mirrors the production
 * {@code PlanRequest}): virtual seconds, the caller's stated reachable-until (the caller's local
 * time, null = until the office closes), the caller's zone (null = the office's),
 * {@code notBefore} NaN when the caller chose no time.
 */
public record PlanInput(long callbackId, Urgency urgency, double requestedAt, LocalTime reachableUntil,
                        ZoneId callerZone, double notBefore) {
}
