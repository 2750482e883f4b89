package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.MissingPrompts;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what happened to intake calls, safe to update from many call threads and to read
 * at any time (the demo prints them; a supervisor asks "where do callers give up?").
 */
public final class IntakeMetrics {

    private final LongAdder started = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder merged = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder deskFailures = new LongAdder();
    private final LongAdder operatorTransfers = new LongAdder();
    private final AtomicLongArray abandonedAt = new AtomicLongArray(IntakeStep.values().length);
    private final AtomicLongArray defaultsUsedAt = new AtomicLongArray(IntakeStep.values().length);
    private final AtomicLongArray operatorFallbacksAt = new AtomicLongArray(IntakeStep.values().length);
    private final MissingPrompts missingPrompts = new MissingPrompts();

    /**
     * Sound files the PBX did not have while a caller was on the line, and how often callers met
     * each (the intake's calls; a survey script given this counter counts there too).
     */
    public MissingPrompts missingPrompts() {
        return missingPrompts;
    }

    void callStarted() {
        started.increment();
    }

    void accepted() {
        accepted.increment();
    }

    void merged() {
        merged.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void deskFailed() {
        deskFailures.increment();
    }

    void transferredToOperator() {
        operatorTransfers.increment();
    }

    void abandoned(IntakeStep step) {
        abandonedAt.incrementAndGet(step.ordinal());
    }

    void fallback(IntakeStep step, boolean operator) {
        (operator ? operatorFallbacksAt : defaultsUsedAt).incrementAndGet(step.ordinal());
    }

    public Snapshot snapshot() {
        return new Snapshot(started.sum(), accepted.sum(), merged.sum(), rejected.sum(), deskFailures.sum(),
                operatorTransfers.sum(), byStep(abandonedAt), byStep(defaultsUsedAt), byStep(operatorFallbacksAt));
    }

    private static Map<IntakeStep, Long> byStep(AtomicLongArray counts) {
        Map<IntakeStep, Long> map = new EnumMap<>(IntakeStep.class);
        for (IntakeStep step : IntakeStep.values()) {
            long n = counts.get(step.ordinal());
            if (n > 0) {
                map.put(step, n);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * The counters at one moment.
     *
     * @param started             intake calls that reached the script
     * @param accepted            new callback requests committed by the desk
     * @param merged              calls merged into a pending callback of the same number
     * @param rejected            intakes the desk refused (nothing stored)
     * @param deskFailures        the desk threw: technical failure, caller sent to the operator
     * @param operatorTransfers   calls routed to the operator (no valid answer, or desk failure)
     * @param abandonedByStep     caller hung up before the desk answered, by the step they were at;
     *                            steps with none are absent
     * @param defaultsUsedByStep  questions that ran out of tries and went on with a default value
     * @param operatorFallbacksByStep questions that ran out of tries and had no default
     */
    public record Snapshot(long started, long accepted, long merged, long rejected, long deskFailures,
                           long operatorTransfers, Map<IntakeStep, Long> abandonedByStep,
                           Map<IntakeStep, Long> defaultsUsedByStep, Map<IntakeStep, Long> operatorFallbacksByStep) {

        /** Callback requests the caller was told about: accepted plus merged. */
        public long completed() {
            return accepted + merged;
        }

        public long abandoned() {
            return abandonedByStep.values().stream().mapToLong(Long::longValue).sum();
        }

        public long abandonedAt(IntakeStep step) {
            return abandonedByStep.getOrDefault(step, 0L);
        }

        public long fallbacks() {
            return defaultsUsedByStep.values().stream().mapToLong(Long::longValue).sum()
                    + operatorFallbacksByStep.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
