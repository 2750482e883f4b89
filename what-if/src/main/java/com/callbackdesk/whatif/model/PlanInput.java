package com.callbackdesk.whatif.model;

import com.callbackdesk.callback.Urgency;

import java.time.LocalTime;

/**
 * What the retry path needs to know about a request (mirrors the production
 * {@code PlanRequest}): virtual seconds, and the caller's stated reachable-until (office local
 * time, null = until the office closes), {@code notBefore} NaN when the caller chose no time.
 */
public record PlanInput(long callbackId, Urgency urgency, double requestedAt, LocalTime reachableUntil, double notBefore) {
}
