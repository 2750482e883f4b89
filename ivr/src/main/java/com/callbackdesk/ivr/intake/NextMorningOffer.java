package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.CallerLine;
import com.callbackdesk.ivr.dialog.DigitsPrompt;
import com.callbackdesk.ivr.dialog.Fallback;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.asteriskjava.fastagi.AgiException;

import java.time.LocalTime;
import java.util.Optional;

/**
 * The callback could not fit before the caller's end of day and moved to the next business
 * morning: the caller keeps that slot (1, or silence) or keys the time they want, HHMM, on that
 * day. The request is committed already, so a hang-up here loses nothing; a desk failure keeps
 * the slot already spoken. Part of the intake flow ({@link IntakeScript}).
 */
final class NextMorningOffer {

    private static final Logger LOG = LogManager.getLogger(NextMorningOffer.class);

    private final IntakeDesk desk;
    private final CallbackTimes times;
    private final DigitsPrompt<Optional<LocalTime>> offer;

    NextMorningOffer(IntakeDesk desk, IntakeSettings settings, CallbackTimes times) {
        this.desk = desk;
        this.times = times;
        // Silence or wrong keys keep the slot already offered: the caller is booked either way.
        this.offer = DigitsPrompt.<Optional<LocalTime>>asking(IntakeStep.NEXT_MORNING_OFFER, IntakePrompts.NEXT_MORNING_OFFER)
                .maxDigits(4).timeoutMs(settings.timeouts().timeOfDayMs()).tries(settings.maxTries())
                .interpretedBy(CallbackTimes::keepOrTime)
                .otherwise(Fallback.useDefault(Optional.empty()));
    }

    void make(long callbackId, CallerLine line) throws AgiException {
        line.enter(IntakeStep.NEXT_MORNING_OFFER);
        Optional<LocalTime> chosen = offer.run(line);
        if (chosen.isEmpty()) {
            return;
        }
        IntakeDecision changed;
        try {
            changed = desk.callMeAt(callbackId, chosen.get(), ThreadContext.get("call"));
        } catch (RuntimeException e) {
            LOG.error("could not change callback {} to {}; the next-morning slot stands", callbackId, chosen.get(), e);
            return;
        }
        if (changed instanceof IntakeDecision.Accepted now) {
            LOG.info("caller chose {}: callback {} now at {}", chosen.get(), callbackId, now.estimatedCallback());
            times.sayCallbackAt(line, now.estimatedCallback(), false);
        } else {
            LOG.info("chosen time {} refused: {}", chosen.get(), changed);
        }
    }
}
