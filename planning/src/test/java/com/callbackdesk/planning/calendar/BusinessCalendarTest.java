package com.callbackdesk.planning.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    @Test
    void readsHoursShiftEndsHolidaysAndAHolidayFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tw-2027.txt"), """
                # Taiwan public holidays, 2027 (excerpt)
                2027-01-01  Founding Day
                2027-02-05, Lunar New Year's Eve
                """);
        Path file = dir.resolve("calendar.yaml");
        Files.writeString(file, """
                zone: Asia/Taipei
                hours:
                  MONDAY: "09:00-18:00"
                  TUESDAY: "09:00-18:00"
                  WEDNESDAY: "09:00-18:00"
                  THURSDAY: "09:00-18:00"
                  FRIDAY: "09:00-17:00"
                  SATURDAY: "10:00-12:00"
                shiftEnds:
                  FRIDAY: "16:30"
                holidays: [2026-12-25]
                holidayFiles: [tw-2027.txt]
                """);

        BusinessCalendar c = BusinessCalendar.load(file);

        assertThat(c.zone()).isEqualTo(TAIPEI);
        assertThat(c.holidays()).containsExactly(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 5));
        BusinessDay friday = c.day(LocalDate.of(2026, 11, 27)).orElseThrow();
        assertThat(friday.closes()).isEqualTo(at("2026-11-27T17:00"));
        assertThat(friday.workEnds()).isEqualTo(at("2026-11-27T16:30"));
        assertThat(c.day(LocalDate.of(2026, 11, 29))).isEmpty(); // Sunday
        assertThat(c.day(LocalDate.of(2026, 12, 25))).isEmpty();
        assertThat(c.isOpen(at("2026-11-28T11:59"))).isTrue(); // Saturday morning
        assertThat(c.isOpen(at("2026-11-28T12:00"))).isFalse();
        assertThat(c.nextOpening(at("2026-11-28T13:00"))).isEqualTo(at("2026-11-30T09:00"));
        assertThat(c.nextOpening(at("2026-11-30T10:15"))).isEqualTo(at("2026-11-30T10:15"));
        assertThat(c.closeOfNthBusinessDay(LocalDate.of(2026, 12, 24), 2)).isEqualTo(at("2026-12-26T12:00"));
        assertThat(BusinessCalendar.parse(c.toYaml()).toYaml()).isEqualTo(c.toYaml());
    }

    @Test
    void problemsNameTheirField() {
        assertThatThrownBy(() -> BusinessCalendar.parse("""
                zone: Mars/Olympus
                hours:
                  MONDAY: "18:00-09:00"
                  FUNDAY: "09:00-17:00"
                shiftEnds: { MONDAY: "late" }
                holidays: [2026-13-01]
                """)).isInstanceOfSatisfying(CalendarException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                "zone: unknown time zone 'Mars/Olympus'",
                "hours.MONDAY: closes (09:00) must be after opens (18:00)",
                "hours.FUNDAY: not a weekday (MONDAY..SUNDAY)",
                "shiftEnds.MONDAY: expected HH:MM, was 'late'",
                "holidays[0]: expected YYYY-MM-DD, was '2026-13-01'"));
        assertThatThrownBy(() -> BusinessCalendar.parse("zone: Asia/Taipei\nhours: {}\n"))
                .isInstanceOf(CalendarException.class).hasMessageContaining("hours: required");
    }

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(TAIPEI).toInstant();
    }
}
