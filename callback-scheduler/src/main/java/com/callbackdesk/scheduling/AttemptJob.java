package com.callbackdesk.scheduling;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

import java.time.Instant;
import java.util.Optional;

/**
 * The Quartz job of one attempt: thin and stateless. It decides only one thing — is the
 * attempt's window still open? — and hands the firing on: to {@link AttemptFiring} when open,
 * to {@link Replanner} when closed (DESIGN.md: re-plan, never dial blindly). Anything that
 * fails is retried later rather than dropped: a fired trigger is gone from the JobStore, so
 * this job is the last place an attempt could be lost.
 *
 * <p>Not {@code @DisallowConcurrentExecution}: a callback has at most one pending trigger (the
 * next attempt), so the same job never runs twice at once in normal operation; the annotation
 * would add a BLOCKED-state update per firing for nothing. After a node failure a recovered
 * re-run may overlap — that is what the at-least-once contract of {@link AttemptFiring} covers.
 */
final class AttemptJob implements Job {

    private static final Logger LOG = LogManager.getLogger(AttemptJob.class);

    private final CallbackScheduler scheduler;

    AttemptJob(CallbackScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        Instant quartzStart = context.getTrigger().getStartTime().toInstant();
        waitUntilDue(quartzStart);
        Instant scheduledAt = scheduler.deskTime(quartzStart);
        Instant firedAt = scheduler.clock().instant();
        AttemptWindow window = AttemptTriggers.windowOf(context.getJobDetail().getKey(), context.getTrigger());
        boolean misfired = firedAt.isAfter(scheduledAt.plus(scheduler.settings().misfireThreshold()));
        String instanceId;
        try {
            instanceId = context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            instanceId = "unknown";
        }
        FiredAttempt fired = new FiredAttempt(window.callbackId(), window.attemptNo(), scheduledAt, firedAt,
                window.latest(), misfired, instanceId);
        ThreadContext.put("callback", Long.toString(window.callbackId()));
        try {
            if (context.isRecovering()) {
                LOG.info("Attempt {} re-run after the node that fired it failed", window.attemptNo());
            }
            if (fired.windowClosed()) {
                replan(fired, window);
            } else {
                scheduler.firing().fired(fired);
                LOG.debug("Attempt {} fired {} late", window.attemptNo(), fired.lateness());
            }
        } catch (RuntimeException e) {
            retryLater(window, e);
        } finally {
            ThreadContext.remove("callback");
        }
    }

    /**
     * Fire-ahead: Quartz hands a worker the triggers of one acquisition batch together, up to
     * {@link SchedulerSettings#batchFireAhead()} before their time (so one lock round trip serves
     * the batch). Never dial early: wait here until the planned time. Quartz's own timing is the
     * wall clock, hence {@code System.currentTimeMillis()}; the wait is bounded by the fire-ahead
     * window (plus Quartz's few milliseconds of slack).
     */
    private void waitUntilDue(Instant quartzStart) {
        long early = quartzStart.toEpochMilli() - System.currentTimeMillis();
        long bound = scheduler.settings().batchFireAhead().toMillis() + 5;
        if (early <= 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(early, bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: fire now rather than lose it
        }
    }

    private void replan(FiredAttempt missed, AttemptWindow window) {
        Optional<AttemptWindow> next = scheduler.replanner().replan(missed);
        if (next.isPresent()) {
            AttemptWindow w = next.get();
            if (w.callbackId() != window.callbackId()) {
                throw new IllegalStateException("Replanner answered for callback " + w.callbackId()
                        + " when asked about " + window.callbackId());
            }
            scheduler.schedule(w);
            LOG.info("Attempt {} missed its window (ended {}, fired {}): re-planned as attempt {} in [{}, {}]",
                    window.attemptNo(), window.latest(), missed.firedAt(), w.attemptNo(), w.earliest(), w.latest());
        } else {
            LOG.info("Attempt {} missed its window (ended {}); the planner gave up", window.attemptNo(),
                    window.latest());
        }
    }

    private void retryLater(AttemptWindow window, RuntimeException cause) throws JobExecutionException {
        Instant retryAt = scheduler.clock().instant().plus(scheduler.settings().handoffRetryDelay());
        LOG.error("Attempt {}: hand-off failed, retrying at {}", window.attemptNo(), retryAt, cause);
        try {
            scheduler.schedule(window, retryAt);
        } catch (RuntimeException rescheduleFailed) {
            // The database is probably unreachable: neither hand-off nor reschedule works. Let
            // Quartz run the job again rather than complete (and delete) the trigger — after a
            // pause, so an outage is not a hot loop.
            LOG.error("Attempt {}: cannot reschedule either; re-running the job", window.attemptNo(),
                    rescheduleFailed);
            try {
                Thread.sleep(Math.min(scheduler.settings().handoffRetryDelay().toMillis(), 5_000));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            JobExecutionException again = new JobExecutionException(rescheduleFailed, true);
            again.addSuppressed(cause);
            throw again;
        }
    }
}
