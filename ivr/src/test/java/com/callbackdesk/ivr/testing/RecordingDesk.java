package com.callbackdesk.ivr.testing;

import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.ivr.intake.IntakeDesk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The intake port as ivr's tests need it: records what it was handed and answers as told. */
public final class RecordingDesk implements IntakeDesk {

    private final List<CapturedIntake> submitted = new CopyOnWriteArrayList<>();
    private volatile Function<CapturedIntake, IntakeDecision> answer;

    public RecordingDesk(Function<CapturedIntake, IntakeDecision> answer) {
        this.answer = answer;
    }

    public RecordingDesk answering(Function<CapturedIntake, IntakeDecision> newAnswer) {
        this.answer = newAnswer;
        return this;
    }

    @Override
    public IntakeDecision submit(CapturedIntake intake) {
        submitted.add(intake);
        return answer.apply(intake);
    }

    public List<CapturedIntake> submitted() {
        return List.copyOf(submitted);
    }

    /** The times callers keyed instead of the next-morning slot, as "callbackId@HH:MM". */
    private final List<String> chosenTimes = new CopyOnWriteArrayList<>();

    @Override
    public IntakeDecision callMeAt(long callbackId, java.time.LocalTime time, String callUniqueId) {
        chosenTimes.add(callbackId + "@" + time);
        return new IntakeDecision.Accepted(callbackId,
                java.time.ZonedDateTime.of(2025, 3, 13, time.getHour(), time.getMinute(), 0, 0,
                        java.time.ZoneId.of("Asia/Taipei")), false);
    }

    public List<String> chosenTimes() {
        return List.copyOf(chosenTimes);
    }

    private volatile com.callbackdesk.ivr.intake.PendingCallback pending;
    private final List<Long> cancelled = new CopyOnWriteArrayList<>();

    /** Numbers asking {@link #pendingFor} get this waiting callback (null: none). */
    public RecordingDesk withPending(com.callbackdesk.ivr.intake.PendingCallback waiting) {
        this.pending = waiting;
        return this;
    }

    @Override
    public java.util.Optional<com.callbackdesk.ivr.intake.PendingCallback> pendingFor(String e164) {
        return java.util.Optional.ofNullable(pending);
    }

    @Override
    public boolean cancelByCaller(long callbackId, String callUniqueId) {
        cancelled.add(callbackId);
        return true;
    }

    public List<Long> cancelled() {
        return List.copyOf(cancelled);
    }
}
