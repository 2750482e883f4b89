package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.CallerLine;
import com.callbackdesk.ivr.dialog.Interpretation;
import com.callbackdesk.ivr.dialog.Say;
import org.asteriskjava.fastagi.AgiException;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static com.callbackdesk.ivr.intake.IntakePrompts.CALLBACK_AT;
import static com.callbackdesk.ivr.intake.IntakePrompts.REACHABLE_INVALID;
import static com.callbackdesk.ivr.intake.IntakePrompts.TOMORROW_MORNING;

/**
 * Times as the caller hears and keys them: a callback time spoken as HHMM digits in office time,
 * and "1 keeps the slot, HHMM chooses a time" read from their keys.
 */
final class CallbackTimes {

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");

    private final ZoneId officeZone;

    CallbackTimes(ZoneId officeZone) {
        this.officeZone = officeZone;
    }

    /** "We will call you back at about" + the time as HHMM digits in office time (+ "tomorrow morning"). */
    void sayCallbackAt(CallerLine line, ZonedDateTime when, boolean nextBusinessMorning) throws AgiException {
        Say.prompts(CALLBACK_AT).to(line);
        sayTime(line, when);
        if (nextBusinessMorning) {
            Say.prompts(TOMORROW_MORNING).to(line);
        }
    }

    /** The time alone, as HHMM digits in office time. */
    void sayTime(CallerLine line, ZonedDateTime when) throws AgiException {
        line.sayDigits(HHMM.format(when.withZoneSameInstant(officeZone)));
    }

    /** "1" keeps the offered slot; four digits HHMM choose a time of day. */
    static Interpretation<Optional<LocalTime>> keepOrTime(String keys) {
        if ("1".equals(keys)) {
            return Interpretation.valid(Optional.empty());
        }
        if (keys.length() == 4 && keys.chars().allMatch(Character::isDigit)) {
            int h = Integer.parseInt(keys.substring(0, 2));
            int m = Integer.parseInt(keys.substring(2));
            if (h < 24 && m < 60) {
                return Interpretation.valid(Optional.of(LocalTime.of(h, m)));
            }
        }
        return Interpretation.invalid(REACHABLE_INVALID);
    }
}
