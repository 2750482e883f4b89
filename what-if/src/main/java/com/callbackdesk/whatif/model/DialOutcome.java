package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.Scenario.Persona;

import java.util.SplittableRandom;

/**
 * What a dial ends in and how long it takes — the caller's side of it, drawn from the caller's
 * own random stream, in order: already solved (a wasted dial), gone home, wrong number, contact
 * (asked for later, or a conversation), busy, no answer.
 *
 * @param outcome      what the consultant records
 * @param duration     from the dial until the consultant is free, seconds
 * @param callBackAt   the time the caller asked for (CALL_BACK_AT), else NaN
 * @param conversation whether it was a conversation (it goes on to the survey)
 * @param contactAt    when the caller answered in person, else NaN
 * @param wasted       the caller had already solved it
 * @param afterLeft    the caller had already left for the day
 */
record DialOutcome(OutcomeCode outcome, double duration, double callBackAt, boolean conversation, double contactAt,
                   boolean wasted, boolean afterLeft) {

    private static final double BUSY_SIGNAL_SECONDS = 5;

    /** The dial of {@code x} at {@code now} by a consultant of {@code group}; {@code hasLeft}: the caller left for the day. */
    static DialOutcome draw(Scenario sc, Caller x, int group, double now, int callerHour, boolean hasLeft) {
        Persona p = x.persona;
        Scenario.CallTimes calls = sc.calls();
        SplittableRandom rng = x.rng;
        boolean answers = rng.nextDouble() < p.answerByHour()[callerHour];
        double shortCall = calls.answerAfter() + calls.shortCall();
        if (!Double.isNaN(x.resolvedAt)) {
            // They solved it and did not cancel; we dial anyway.
            return answers
                    ? new DialOutcome(OutcomeCode.RESOLVED, shortCall, Double.NaN, true, now + calls.answerAfter(), true, false)
                    : new DialOutcome(OutcomeCode.NO_ANSWER, calls.ringNoAnswer(), Double.NaN, false, Double.NaN, true, false);
        }
        if (hasLeft) {
            // Gone home. A colleague may say so; otherwise it rings out.
            return rng.nextDouble() < p.leaves().colleagueAnswers()
                    ? new DialOutcome(OutcomeCode.LEFT_FOR_THE_DAY, shortCall, Double.NaN, false, Double.NaN, false, true)
                    : new DialOutcome(OutcomeCode.NO_ANSWER, calls.ringNoAnswer(), Double.NaN, false, Double.NaN, false, true);
        }
        if (answers && x.wrongNumber) {
            return new DialOutcome(OutcomeCode.WRONG_NUMBER, shortCall, Double.NaN, false, Double.NaN, false, false);
        }
        if (answers) {
            return answered(sc, x, group, now, rng);
        }
        if (rng.nextDouble() < p.busyShare()) {
            return new DialOutcome(OutcomeCode.BUSY, Math.min(BUSY_SIGNAL_SECONDS, calls.ringNoAnswer()), Double.NaN,
                    false, Double.NaN, false, false);
        }
        return new DialOutcome(OutcomeCode.NO_ANSWER, calls.ringNoAnswer(), Double.NaN, false, Double.NaN, false, false);
    }

    private static DialOutcome answered(Scenario sc, Caller x, int group, double now, SplittableRandom rng) {
        Persona p = x.persona;
        Scenario.CallTimes calls = sc.calls();
        double contactAt = now + calls.answerAfter();
        if (!x.askedForLater && p.asksForLater() != null && rng.nextDouble() < p.asksForLater().probability()) {
            // "Can't talk now, call me at ..."
            x.askedForLater = true;
            double duration = calls.answerAfter() + calls.shortCall();
            double callBackAt = now + duration + p.asksForLater().after().sample(rng);
            return new DialOutcome(OutcomeCode.CALL_BACK_AT, duration, callBackAt, false, contactAt, false, false);
        }
        double handle = sc.consultants().get(group).handleTime().sample(rng);
        if (x.refusesScreenshot) {
            handle *= p.refusesScreenshot().handleTimeFactor();
        }
        return new DialOutcome(OutcomeCode.RESOLVED, calls.answerAfter() + handle, Double.NaN, true, contactAt,
                false, false);
    }
}
