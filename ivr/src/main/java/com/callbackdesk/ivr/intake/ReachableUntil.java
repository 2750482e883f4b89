package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.dialog.Interpretation;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * "Until what time today can we reach you?": HHMM on the keypad, or * for "until the office
 * closes" (an empty Optional). The time must exist and must not have passed in the office's
 * zone: a caller saying 09:00 at 16:00 mistyped, and a callback planned for it would be a miss.
 */
public final class ReachableUntil {

    /** The key meaning "until the office closes". */
    public static final String UNTIL_OFFICE_CLOSES = "*";

    private final Clock clock;
    private final ZoneId officeZone;

    public ReachableUntil(Clock clock, ZoneId officeZone) {
        this.clock = clock;
        this.officeZone = officeZone;
    }

    public Interpretation<Optional<LocalTime>> interpret(String digits) {
        if (UNTIL_OFFICE_CLOSES.equals(digits)) {
            return Interpretation.valid(Optional.empty());
        }
        if (digits == null || digits.length() != 4 || !digits.chars().allMatch(Character::isDigit)) {
            return Interpretation.invalid(IntakePrompts.REACHABLE_INVALID);
        }
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = Integer.parseInt(digits.substring(2));
        if (hours > 23 || minutes > 59) {
            return Interpretation.invalid(IntakePrompts.REACHABLE_INVALID);
        }
        LocalTime until = LocalTime.of(hours, minutes);
        LocalTime now = LocalTime.now(clock.withZone(officeZone));
        if (!until.isAfter(now)) {
            return Interpretation.invalid(IntakePrompts.REACHABLE_PAST);
        }
        return Interpretation.valid(Optional.of(until));
    }
}
