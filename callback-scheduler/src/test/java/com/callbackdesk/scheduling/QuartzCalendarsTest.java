package com.callbackdesk.scheduling;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class QuartzCalendarsTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @Test
    void theQuartzCalendarChainExcludesTheSameDays() {
        BusinessCalendar c = BusinessCalendar.builder(TAIPEI).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))
                .open(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
                .holiday(LocalDate.of(2026, 12, 25)).holiday(LocalDate.of(2027, 1, 1)).build();
        org.quartz.Calendar quartz = QuartzCalendars.closedDays(c);

        for (LocalDate d = LocalDate.of(2026, 11, 1); d.isBefore(LocalDate.of(2027, 11, 1)); d = d.plusDays(1)) {
            long noon = d.atTime(12, 0).atZone(TAIPEI).toInstant().toEpochMilli();
            assertThat(quartz.isTimeIncluded(noon)).as("%s (%s)", d, d.getDayOfWeek()).isEqualTo(c.isBusinessDay(d));
        }
    }
}
