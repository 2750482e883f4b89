package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.CallerLine;
import com.callbackdesk.ivr.dialog.DigitsPrompt;
import com.callbackdesk.ivr.dialog.Fallback;
import com.callbackdesk.ivr.dialog.Interpretation;
import com.callbackdesk.ivr.dialog.Menu;
import com.callbackdesk.ivr.dialog.Say;
import com.callbackdesk.ivr.intake.IntakeScript.Result;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.asteriskjava.fastagi.AgiException;

import java.time.LocalTime;
import java.util.Optional;

import static com.callbackdesk.ivr.intake.IntakePrompts.CALLBACK_AT;
import static com.callbackdesk.ivr.intake.IntakePrompts.GOODBYE;
import static com.callbackdesk.ivr.intake.IntakePrompts.PENDING_CANCELLED;
import static com.callbackdesk.ivr.intake.IntakePrompts.PENDING_ENTER_TIME;
import static com.callbackdesk.ivr.intake.IntakePrompts.PENDING_MENU;
import static com.callbackdesk.ivr.intake.IntakePrompts.PENDING_RECOGNISED;
import static com.callbackdesk.ivr.intake.IntakePrompts.REACHABLE_INVALID;
import static com.callbackdesk.ivr.intake.IntakeScript.CALLBACK_ID_VARIABLE;
import static com.callbackdesk.ivr.intake.IntakeScript.RESULT_VARIABLE;

/**
 * A caller who phones again while their callback waits: 1 = solved, cancel; 2 = keep; 3 = change
 * the time. Silence or wrong keys keep it — the safe choice. Part of the intake flow
 * ({@link IntakeScript}), which hands the call here when it recognises the caller.
 */
final class PendingCallbackCall {

    private static final Logger LOG = LogManager.getLogger(PendingCallbackCall.class);

    /** What a recognised caller wants done with their pending callback. */
    private enum PendingChoice { CANCEL, KEEP, CHANGE_TIME }

    private final IntakeDesk desk;
    private final CallbackTimes times;
    private final Menu<PendingChoice> pendingMenu;
    private final DigitsPrompt<Optional<LocalTime>> pendingTime;

    PendingCallbackCall(IntakeDesk desk, IntakeSettings settings, CallbackTimes times) {
        this.desk = desk;
        this.times = times;
        this.pendingMenu = Menu.<PendingChoice>asking(IntakeStep.PENDING_CALLBACK, PENDING_MENU)
                .choice("1", PendingChoice.CANCEL)
                .choice("2", PendingChoice.KEEP)
                .choice("3", PendingChoice.CHANGE_TIME)
                .timeoutMs(settings.timeouts().menuMs()).tries(settings.maxTries())
                .otherwise(Fallback.useDefault(PendingChoice.KEEP));
        this.pendingTime = DigitsPrompt.<Optional<LocalTime>>asking(IntakeStep.PENDING_CALLBACK, PENDING_ENTER_TIME)
                .maxDigits(4).timeoutMs(settings.timeouts().timeOfDayMs()).tries(settings.maxTries())
                .interpretedBy(keys -> "1".equals(keys) ? Interpretation.invalid(REACHABLE_INVALID)
                        : CallbackTimes.keepOrTime(keys))
                .otherwise(Fallback.useDefault(Optional.empty()));
    }

    void handle(PendingCallback pending, CallerLine line) throws AgiException {
        line.enter(IntakeStep.PENDING_CALLBACK);
        LOG.info("caller recognised: pending callback {} at {}", pending.callbackId(), pending.plannedAt());
        line.setVariable(CALLBACK_ID_VARIABLE, Long.toString(pending.callbackId()));
        Say.prompts(PENDING_RECOGNISED).to(line);
        times.sayTime(line, pending.plannedAt());
        PendingChoice choice = pendingMenu.run(line);
        switch (choice) {
            case CANCEL -> cancel(pending, line);
            case KEEP -> {
                line.setVariable(RESULT_VARIABLE, Result.KEPT.name());
                times.sayCallbackAt(line, pending.plannedAt(), false);
            }
            case CHANGE_TIME -> changeTime(pending, line);
            default -> throw new IllegalStateException("unknown choice " + choice);
        }
        Say.ifPresent(GOODBYE).to(line);
    }

    private void cancel(PendingCallback pending, CallerLine line) throws AgiException {
        boolean cancelled = desk.cancelByCaller(pending.callbackId(), ThreadContext.get("call"));
        LOG.info("caller asked to cancel callback {}: {}", pending.callbackId(), cancelled ? "cancelled" : "already in progress");
        line.setVariable(RESULT_VARIABLE, cancelled ? Result.CANCELLED.name() : Result.KEPT.name());
        Say.prompts(cancelled ? PENDING_CANCELLED : CALLBACK_AT).to(line);
        if (!cancelled) {
            times.sayTime(line, pending.plannedAt());
        }
    }

    private void changeTime(PendingCallback pending, CallerLine line) throws AgiException {
        Optional<LocalTime> time = pendingTime.run(line);
        IntakeDecision changed = time.isEmpty() ? null
                : desk.callMeAt(pending.callbackId(), time.get(), ThreadContext.get("call"));
        if (changed instanceof IntakeDecision.Accepted now) {
            line.setVariable(RESULT_VARIABLE, Result.RESCHEDULED.name());
            times.sayCallbackAt(line, now.estimatedCallback(), false);
        } else {
            line.setVariable(RESULT_VARIABLE, Result.KEPT.name());
            times.sayCallbackAt(line, pending.plannedAt(), false);
        }
    }
}
