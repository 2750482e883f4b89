package com.callbackdesk.scheduling;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import org.quartz.impl.calendar.HolidayCalendar;
import org.quartz.impl.calendar.WeeklyCalendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Date;
import java.util.TimeZone;

/**
 * The business calendar's closed days as a Quartz calendar chain, for binding Quartz triggers to
 * it. Lives here, not in planning, so that the planning rules carry no Quartz.
 */
public final class QuartzCalendars {

    private QuartzCalendars() {
    }

    /**
     * Holidays (HolidayCalendar) under closed weekdays (WeeklyCalendar), in the office's time
     * zone. Hours within a day differ per weekday, which Quartz's DailyCalendar cannot express;
     * those stay with {@link BusinessCalendar#day}.
     */
    public static org.quartz.Calendar closedDays(BusinessCalendar calendar) {
        TimeZone tz = TimeZone.getTimeZone(calendar.zone());
        HolidayCalendar holidayCalendar = new HolidayCalendar();
        holidayCalendar.setTimeZone(tz);
        holidayCalendar.setDescription("Callback Desk holidays");
        for (LocalDate h : calendar.holidays()) {
            holidayCalendar.addExcludedDate(Date.from(h.atStartOfDay(calendar.zone()).toInstant()));
        }
        WeeklyCalendar weekly = new WeeklyCalendar(holidayCalendar, tz);
        weekly.setDescription("Callback Desk opening days");
        for (DayOfWeek dow : DayOfWeek.values()) {
            // java.util.Calendar numbers Sunday 1 .. Saturday 7.
            weekly.setDayExcluded(dow.getValue() % 7 + 1, !calendar.hours().containsKey(dow));
        }
        return weekly;
    }
}
