package com.callbackdesk.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An attempt whose time came, handed by the scheduler to {@link AttemptFiring} (or, when its
 * window had already closed, to {@link Replanner}).
 *
 * @param callbackId   the callback
 * @param attemptNo    1-based attempt number
 * @param scheduledAt  when the trigger was planned to fire
 * @param firedAt      when the job actually ran (scheduler clock)
 * @param windowLatest the last instant at which dialing still makes sense
 * @param misfired     fired later than the misfire threshold (typically: the process was down
 *                     or overloaded); the window may still be open
 * @param instanceId   the Quartz instance (cluster node) that fired it
 */
public record FiredAttempt(long callbackId, int attemptNo, Instant scheduledAt, Instant firedAt,
                           Instant windowLatest, boolean misfired, String instanceId) {

    public FiredAttempt {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(firedAt, "firedAt");
        Objects.requireNonNull(windowLatest, "windowLatest");
        Objects.requireNonNull(instanceId, "instanceId");
    }

    /** How late the firing was against its plan (negative when a batch fired it slightly early). */
    public Duration lateness() {
        return Duration.between(scheduledAt, firedAt);
    }

    /** Whether the window had closed when it fired: dialing now would be blind. */
    public boolean windowClosed() {
        return firedAt.isAfter(windowLatest);
    }
}
