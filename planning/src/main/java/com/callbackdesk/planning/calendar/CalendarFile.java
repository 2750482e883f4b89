package com.callbackdesk.planning.calendar;

import com.callbackdesk.planning.config.ConfigProblems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A business calendar file as written (docs/POLICY.md), bound by Jackson. Weekday keys stay text so
 * that a misspelt day is named as such; {@link #toCalendar} checks what binding cannot.
 */
record CalendarFile(
        ZoneId zone,
        Map<String, OpeningHours> hours,
        Map<String, LocalTime> shiftEnds,
        List<LocalDate> holidays,
        List<String> holidayFiles) {

    BusinessCalendar toCalendar(Path baseDir, ConfigProblems problems) {
        problems.required("zone", zone, "a time zone id such as Asia/Taipei");
        Map<DayOfWeek, OpeningHours> open = new EnumMap<>(DayOfWeek.class);
        if (hours == null || hours.isEmpty()) {
            if (!problems.hasProblemAt("hours")) {
                problems.add("hours", "required, a mapping of weekday to HH:MM-HH:MM with at least one day");
            }
        } else {
            hours.forEach((day, h) -> {
                DayOfWeek d = weekday("hours." + day, day, problems);
                if (d != null && h != null) {
                    open.put(d, h);
                }
            });
        }
        Map<DayOfWeek, LocalTime> shifts = new EnumMap<>(DayOfWeek.class);
        if (shiftEnds != null) {
            shiftEnds.forEach((day, t) -> {
                DayOfWeek d = weekday("shiftEnds." + day, day, problems);
                if (d != null && t != null) {
                    OpeningHours h = open.get(d);
                    problems.check(h == null || t.isAfter(h.opens()), "shiftEnds." + day,
                            t + " is not after opening " + (h == null ? "" : h.opens()));
                    shifts.put(d, t);
                }
            });
        }
        Set<LocalDate> days = new TreeSet<>();
        if (holidays != null) {
            holidays.stream().filter(java.util.Objects::nonNull).forEach(days::add);
        }
        if (holidayFiles != null) {
            for (int i = 0; i < holidayFiles.size(); i++) {
                Path p = baseDir == null ? Path.of(holidayFiles.get(i)) : baseDir.resolve(holidayFiles.get(i));
                try {
                    days.addAll(BusinessCalendar.readHolidayList(Files.readString(p, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    problems.add("holidayFiles[" + i + "]", "cannot read " + p + ": " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    problems.add("holidayFiles[" + i + "]", p + ": " + e.getMessage());
                }
            }
        }
        return problems.isEmpty() ? new BusinessCalendar(zone, open, shifts, days) : null;
    }

    private static DayOfWeek weekday(String path, String name, ConfigProblems problems) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(path, "not a weekday (MONDAY..SUNDAY)");
            return null;
        }
    }
}
