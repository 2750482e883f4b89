package com.callbackdesk.desk;

import com.callbackdesk.account.PasswordHash;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.RetryPolicy;

import java.util.Objects;
import java.util.Set;

/**
 * What the desk's use cases need to know beyond the database and the clock.
 *
 * @param initialPolicy           the retry policy a new desk starts with (version 1)
 * @param calendar                the office's business calendar
 * @param categoriesNeedingScreen the IVR catalogue's categories whose callbacks need the screenshot step
 * @param repeatWithinDays        a new request within this many days of a resolved one is a repeat (escalated)
 * @param passwordIterations      PBKDF2 iterations for passwords set from now on (tests use few)
 */
public record DeskSettings(RetryPolicy initialPolicy, BusinessCalendar calendar, Set<String> categoriesNeedingScreen,
                           int repeatWithinDays, int passwordIterations) {

    /** The repeat-caller policy's N days when none is configured. */
    public static final int REPEAT_WITHIN_DAYS = 7;

    public DeskSettings {
        Objects.requireNonNull(initialPolicy, "initialPolicy");
        Objects.requireNonNull(calendar, "calendar");
        categoriesNeedingScreen = Set.copyOf(categoriesNeedingScreen);
        if (repeatWithinDays < 1) {
            throw new IllegalArgumentException("repeatWithinDays: must be 1 or more, was " + repeatWithinDays);
        }
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("passwordIterations: must be 1 or more, was " + passwordIterations);
        }
    }

    /** The production settings: repeat callers within 7 days, the default password hashing. */
    public static DeskSettings of(RetryPolicy initialPolicy, BusinessCalendar calendar,
                                  Set<String> categoriesNeedingScreen) {
        return new DeskSettings(initialPolicy, calendar, categoriesNeedingScreen, REPEAT_WITHIN_DAYS,
                PasswordHash.DEFAULT_ITERATIONS);
    }
}
