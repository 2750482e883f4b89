package com.callbackdesk.scheduling;

/**
 * The port through which a due attempt leaves the scheduler. camel-routes implements it by
 * sending to a {@code direct:}/{@code seda:} endpoint (the dialing route is another issue);
 * {@link RecordingAttemptFiring} records it in {@code fired_attempt}.
 *
 * <p>Delivery is <b>at least once</b>: if a node dies while the job runs, another node re-runs it
 * (Quartz job recovery), so an implementation must be idempotent per (callbackId, attemptNo) —
 * e.g. the store's {@code transition(id, SCHEDULED, QUEUED, ...)} refuses the second move, and
 * {@code fired_attempt}'s UNIQUE constraint refuses the second record. The dialer still checks
 * that the callback is wanted just before dialing.
 *
 * <p>Only called while the attempt's window is open; throwing makes the scheduler retry the
 * hand-off later (see {@link SchedulerSettings#handoffRetryDelay()}), never drop it.
 */
@FunctionalInterface
public interface AttemptFiring {

    void fired(FiredAttempt attempt);

    /** This, then {@code next} (e.g. record, then hand to Camel). */
    default AttemptFiring andThen(AttemptFiring next) {
        java.util.Objects.requireNonNull(next, "next");
        return a -> {
            fired(a);
            next.fired(a);
        };
    }
}
