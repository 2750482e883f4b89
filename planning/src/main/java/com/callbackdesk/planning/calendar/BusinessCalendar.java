package com.callbackdesk.planning.calendar;

import com.callbackdesk.planning.config.ConfigProblems;
import com.callbackdesk.planning.config.YamlBinding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the office works: opening hours per weekday, holidays, the office's time zone, and the
 * latest shift end of the consultants who take callbacks on each weekday (DESIGN.md "Time": the
 * end of day is the earliest of the caller's, the office's and the shift's).
 *
 * <p>Immutable and thread-safe. Days are resolved to instants once and cached, because the
 * retry planner asks the same few days millions of times in the what-if simulator.
 *
 * <p>Quartz: {@code QuartzCalendars.closedDays} (callback-scheduler) gives the same closed days as a Quartz calendar chain
 * (HolidayCalendar → WeeklyCalendar) for anyone who wants to bind Quartz triggers to it. Our
 * attempt triggers are deliberately <em>not</em> bound: a one-shot trigger whose time a calendar
 * excludes never fires at all, silently — we would rather the planner never plan such a time
 * and the job re-plan if it ever sees one.
 *
 * <p>YAML form (see docs/POLICY.md):
 * <pre>
 * zone: Asia/Taipei
 * hours: { MONDAY: "09:00-18:00", ..., SATURDAY: "09:00-12:00" }   # absent day = closed
 * shiftEnds: { FRIDAY: "17:00" }                                   # absent = closing time
 * holidays: [ 2026-12-25, 2027-01-01 ]
 * holidayFiles: [ /etc/callbackdesk/holidays-tw.txt ]              # one ISO date per line, # comments
 * </pre>
 */
public final class BusinessCalendar {

    private static final int SEARCH_DAYS = 400;

    private final ZoneId zone;
    private final Map<DayOfWeek, OpeningHours> hours;
    private final Map<DayOfWeek, LocalTime> shiftEnds;
    private final Set<LocalDate> holidays;
    private final ConcurrentHashMap<LocalDate, Optional<BusinessDay>> days = new ConcurrentHashMap<>();

    BusinessCalendar(ZoneId zone, Map<DayOfWeek, OpeningHours> hours, Map<DayOfWeek, LocalTime> shiftEnds,
                             Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.hours = Collections.unmodifiableMap(new EnumMap<>(hours));
        this.shiftEnds = Collections.unmodifiableMap(new EnumMap<>(shiftEnds));
        this.holidays = Collections.unmodifiableSet(new TreeSet<>(holidays));
        if (this.hours.isEmpty()) {
            throw new CalendarException(List.of("hours: the office must open on at least one weekday"));
        }
    }

    /** Monday to Friday 09:00–18:00 in Asia/Taipei, no holidays, shifts until closing. */
    public static BusinessCalendar defaults() {
        return builder(ZoneId.of("Asia/Taipei")).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)).build();
    }

    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, OpeningHours> hours() {
        return hours;
    }

    public Map<DayOfWeek, LocalTime> shiftEnds() {
        return shiftEnds;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** The office-local date of an instant. */
    public LocalDate dateOf(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }

    /** The working day on that office-local date, or empty when the office is closed all day. */
    public Optional<BusinessDay> day(LocalDate date) {
        Optional<BusinessDay> d = days.get(date);
        if (d == null) {
            if (days.size() > 50_000) {
                days.clear(); // a simulator walking centuries; keep memory bounded
            }
            d = resolve(date);
            days.put(date, d);
        }
        return d;
    }

    private Optional<BusinessDay> resolve(LocalDate date) {
        OpeningHours h = hours.get(date.getDayOfWeek());
        if (h == null || holidays.contains(date)) {
            return Optional.empty();
        }
        // ZonedDateTime.of moves a time inside a DST gap forward and takes the earlier offset in
        // an overlap: an office "opening at 02:30" on a spring-forward day opens at 03:30.
        Instant opens = ZonedDateTime.of(date, h.opens(), zone).toInstant();
        Instant closes = ZonedDateTime.of(date, h.closes(), zone).toInstant();
        LocalTime shift = shiftEnds.get(date.getDayOfWeek());
        Instant shiftEnd = shift == null ? closes : ZonedDateTime.of(date, shift, zone).toInstant();
        if (shiftEnd.isAfter(closes)) {
            shiftEnd = closes;
        }
        return Optional.of(new BusinessDay(date, opens, closes, shiftEnd));
    }

    public boolean isBusinessDay(LocalDate date) {
        return day(date).isPresent();
    }

    /** Whether the office is open at that instant. */
    public boolean isOpen(Instant t) {
        return day(dateOf(t)).map(d -> d.contains(t)).orElse(false);
    }

    /** The first working day strictly after {@code date}. */
    public BusinessDay nextBusinessDay(LocalDate date) {
        LocalDate d = date;
        for (int i = 0; i < SEARCH_DAYS; i++) {
            d = d.plusDays(1);
            Optional<BusinessDay> day = day(d);
            if (day.isPresent()) {
                return day.get();
            }
        }
        throw new IllegalStateException("No business day within " + SEARCH_DAYS + " days after " + date);
    }

    /** The working day on or after {@code date}. */
    public BusinessDay businessDayOnOrAfter(LocalDate date) {
        Optional<BusinessDay> day = day(date);
        return day.isPresent() ? day.get() : nextBusinessDay(date);
    }

    /** {@code from} itself when the office is open then, else the next time it opens. */
    public Instant nextOpening(Instant from) {
        LocalDate date = dateOf(from);
        Optional<BusinessDay> today = day(date);
        if (today.isPresent()) {
            BusinessDay d = today.get();
            if (from.isBefore(d.opens())) {
                return d.opens();
            }
            if (from.isBefore(d.closes())) {
                return from;
            }
        }
        return nextBusinessDay(date).opens();
    }

    /**
     * The close of the {@code n}-th working day counting the working day on or after
     * {@code date} as the first (n = 1: that same day's close).
     */
    public Instant closeOfNthBusinessDay(LocalDate date, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        BusinessDay d = businessDayOnOrAfter(date);
        for (int i = 1; i < n; i++) {
            d = nextBusinessDay(d.date());
        }
        return d.closes();
    }

    // ---------------------------------------------------------------- YAML

    /** Reads the YAML form; relative holiday files resolve against {@code baseDir}. */
    public static BusinessCalendar parse(String yaml, Path baseDir) {
        ConfigProblems problems = new ConfigProblems();
        CalendarFile file = YamlBinding.bind(yaml, CalendarFile.class,
                "must be a mapping with zone, hours, holidays", problems);
        BusinessCalendar calendar = file == null ? null : file.toCalendar(baseDir, problems);
        if (!problems.isEmpty()) {
            throw new CalendarException(problems.list());
        }
        return calendar;
    }

    public static BusinessCalendar parse(String yaml) {
        return parse(yaml, null);
    }

    public static BusinessCalendar load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new CalendarException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** A holiday list: one ISO date per line; text after the date and {@code #} comments are ignored. */
    public static List<LocalDate> readHolidayList(String text) {
        List<LocalDate> dates = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String first = line.split("[\\s,;]+")[0];
            try {
                dates.add(LocalDate.parse(first));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected YYYY-MM-DD, was '" + first + "'");
            }
        }
        return dates;
    }

    /** The YAML form of this calendar (holiday files already folded into holidays). */
    public String toYaml() {
        StringBuilder y = new StringBuilder("zone: ").append(zone.getId()).append('\n').append("hours:\n");
        hours.forEach((d, h) -> y.append("  ").append(d).append(": \"").append(h).append("\"\n"));
        if (!shiftEnds.isEmpty()) {
            y.append("shiftEnds:\n");
            shiftEnds.forEach((d, t) -> y.append("  ").append(d).append(": \"").append(t).append("\"\n"));
        }
        if (!holidays.isEmpty()) {
            y.append("holidays:\n");
            holidays.forEach(d -> y.append("  - ").append(d).append('\n'));
        }
        return y.toString();
    }

    @Override
    public String toString() {
        return "BusinessCalendar" + hours + " " + zone + (holidays.isEmpty() ? "" : " holidays=" + holidays);
    }

    /** Builds a calendar in code (tests, the simulator). */
    public static final class Builder {
        private final ZoneId zone;
        private final Map<DayOfWeek, OpeningHours> hours = new EnumMap<>(DayOfWeek.class);
        private final Map<DayOfWeek, LocalTime> shiftEnds = new EnumMap<>(DayOfWeek.class);
        private final Set<LocalDate> holidays = new TreeSet<>();

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        public Builder open(DayOfWeek day, LocalTime opens, LocalTime closes) {
            hours.put(day, new OpeningHours(opens, closes));
            return this;
        }

        /** Monday to Friday with the same hours. */
        public Builder weekdays(LocalTime opens, LocalTime closes) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.getValue() <= 5) {
                    open(d, opens, closes);
                }
            }
            return this;
        }

        public Builder shiftEnds(DayOfWeek day, LocalTime end) {
            shiftEnds.put(day, end);
            return this;
        }

        public Builder holiday(LocalDate date) {
            holidays.add(date);
            return this;
        }

        public BusinessCalendar build() {
            return new BusinessCalendar(zone, hours, shiftEnds, holidays);
        }
    }
}
