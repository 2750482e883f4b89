package com.callbackdesk.whatif.scenario;

import com.callbackdesk.planning.config.ConfigProblems;
import com.callbackdesk.whatif.scenario.Scenario.ConsultantGroup;
import com.callbackdesk.whatif.scenario.Scenario.Persona;
import com.callbackdesk.whatif.scenario.Scenario.Shift;
import com.callbackdesk.whatif.scenario.ScenarioFile.GroupFile;
import com.callbackdesk.whatif.scenario.ScenarioFile.Hourly;
import com.callbackdesk.whatif.scenario.ScenarioFile.PersonaFile;
import com.callbackdesk.whatif.scenario.ScenarioFile.ShiftFile;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a bound scenario that binding cannot make — ranges, hours and days, the persona and
 * consultant sections, cross-references between them — each problem added with its field path.
 */
final class ScenarioRules {

    private final ConfigProblems p;
    private final Path baseDir;

    ScenarioRules(ConfigProblems problems, Path baseDir) {
        this.p = problems;
        this.baseDir = baseDir;
    }

    Path baseDir() {
        return baseDir;
    }

    static Path resolve(Path baseDir, String file) {
        Path path = Path.of(file);
        return path.isAbsolute() || baseDir == null ? path : baseDir.resolve(path);
    }

    // ---------------------------------------------------------------- values

    long whole(String at, Number v, long fallback, long min, long max, boolean required) {
        if (v == null) {
            if (required) {
                p.required(at, null, null);
            }
            return fallback;
        }
        if (v.longValue() < min || v.longValue() > max) {
            p.add(at, "must be between " + min + " and " + max + ", was " + v.longValue());
            return fallback;
        }
        return v.longValue();
    }

    double number(String at, Double v, double fallback, double min, double max, boolean required) {
        if (v == null) {
            if (required) {
                p.required(at, null, null);
            }
            return fallback;
        }
        if (!(v >= min && v <= max)) {
            p.add(at, "must be between " + fmt(min) + " and " + fmt(max) + ", was " + fmt(v));
            return fallback;
        }
        return v;
    }

    double probability(String at, Double v, double fallback) {
        return number(at, v, fallback, 0, 1, false);
    }

    LocalTime time(String at, String text, LocalTime fallback, boolean required) {
        if (text == null) {
            if (required) {
                p.required(at, null, null);
            }
            return fallback;
        }
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            p.add(at, "must be a time of day like 16:30, was '" + text + "'");
            return fallback;
        }
    }

    /** 24 hourly values in [min, max]: one number, or hours ("9", "08-12" end excluded, "other") to numbers. */
    double[] hourly(String at, Hourly v, double fallback, double min, double max, boolean required) {
        double[] out = new double[24];
        Arrays.fill(out, fallback);
        if (v == null) {
            if (required) {
                p.required(at, null, null);
            }
            return out;
        }
        if (v.all() != null) {
            p.check(v.all() >= min && v.all() <= max, at,
                    "must be between " + fmt(min) + " and " + fmt(max) + ", was " + fmt(v.all()));
            Arrays.fill(out, v.all());
            return out;
        }
        String range = "must be a number between " + fmt(min) + " and " + fmt(max);
        JsonNode other = v.byHour().get("other");
        if (other != null) {
            if (!inRange(other, min, max)) {
                p.add(at + ".other", range);
            } else {
                Arrays.fill(out, other.asDouble());
            }
        }
        boolean[] named = new boolean[24];
        v.byHour().forEach((key, value) -> {
            if (!key.equals("other")) {
                hourRange(at + "." + key, key, value, min, max, out, named);
            }
        });
        return out;
    }

    private void hourRange(String at, String key, JsonNode value, double min, double max, double[] out,
                           boolean[] named) {
        int from;
        int to;
        try {
            String[] parts = key.split("-");
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            from = Integer.parseInt(parts[0].trim());
            to = parts.length == 1 ? from + 1 : Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException ex) {
            p.add(at, "an hour key must be like \"9\" or \"08-12\" (end excluded) or \"other\"");
            return;
        }
        if (from < 0 || to > 24 || from >= to) {
            p.add(at, "hours must satisfy 0 <= from < to <= 24");
        } else if (!inRange(value, min, max)) {
            p.add(at, "must be a number between " + fmt(min) + " and " + fmt(max));
        } else {
            for (int h = from; h < to; h++) {
                if (named[h]) {
                    p.add(at, "hour " + h + " is given twice");
                }
                named[h] = true;
                out[h] = value.asDouble();
            }
        }
    }

    private static boolean inRange(JsonNode v, double min, double max) {
        return v != null && v.isNumber() && v.asDouble() >= min && v.asDouble() <= max;
    }

    /** Seven factors, Monday first: day names (MONDAY or MON, any case) to numbers; unnamed days 1. */
    double[] weekly(String at, Map<String, JsonNode> v) {
        double[] out = new double[7];
        Arrays.fill(out, 1);
        if (v != null) {
            v.forEach((key, value) -> {
                DayOfWeek d = day(key);
                if (d == null) {
                    p.add(at + "." + key, "not a day of the week");
                } else if (value == null || !value.isNumber() || value.asDouble() < 0) {
                    p.add(at + "." + key, "must be a number >= 0");
                } else {
                    out[d.getValue() - 1] = value.asDouble();
                }
            });
        }
        return out;
    }

    /** Days: a list of day names, or text "MON-FRI", "ALL", "MON,WED". */
    Set<DayOfWeek> days(String at, JsonNode v) {
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        if (v == null || v.isNull()) {
            p.required(at, null, null);
            return out;
        }
        List<String> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> items.add(x.asText()));
        } else {
            items.addAll(Arrays.asList(v.asText().split(",")));
        }
        for (String item : items) {
            addDays(at, item.trim(), out);
        }
        p.check(!out.isEmpty() || p.hasProblemAt(at), at, "must name at least one day");
        return out;
    }

    private void addDays(String at, String s, Set<DayOfWeek> out) {
        if (s.equalsIgnoreCase("all") || s.equalsIgnoreCase("every day")) {
            out.addAll(EnumSet.allOf(DayOfWeek.class));
        } else if (s.contains("-")) {
            DayOfWeek a = day(s.substring(0, s.indexOf('-')));
            DayOfWeek b = day(s.substring(s.indexOf('-') + 1));
            if (a == null || b == null) {
                p.add(at, "not a day range: '" + s + "'");
                return;
            }
            for (DayOfWeek d = a; ; d = d.plus(1)) {
                out.add(d);
                if (d == b) {
                    break;
                }
            }
        } else if (day(s) == null) {
            p.add(at, "not a day of the week: '" + s + "'");
        } else {
            out.add(day(s));
        }
    }

    static DayOfWeek day(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(u) || d.name().substring(0, 3).equals(u)) {
                return d;
            }
        }
        return null;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    // ---------------------------------------------------------------- sections

    List<Persona> personas(List<PersonaFile> files) {
        List<Persona> out = new ArrayList<>();
        if (listRequired("personas", files)) {
            Set<String> names = new HashSet<>();
            Distributions distributions = new Distributions(p, baseDir);
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i) != null) {
                    out.add(new PersonaRules(this, p, distributions).persona("personas[" + i + "]", files.get(i), names));
                }
            }
            p.check(out.isEmpty() || out.stream().mapToDouble(Persona::share).sum() > 0, "personas",
                    "the shares add up to 0");
        }
        return out;
    }

    ZoneId zone(String at, String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            p.add(at, "unknown time zone '" + text + "'");
            return null;
        }
    }

    List<ConsultantGroup> consultants(List<GroupFile> files, List<Scenario.Category> categories) {
        List<ConsultantGroup> out = new ArrayList<>();
        if (!listRequired("consultants", files)) {
            return out;
        }
        Set<String> categoryNames = new LinkedHashSet<>();
        categories.forEach(c -> categoryNames.add(c.name()));
        Set<String> names = new HashSet<>();
        Distributions distributions = new Distributions(p, baseDir);
        for (int i = 0; i < files.size(); i++) {
            GroupFile g = files.get(i);
            if (g != null) {
                out.add(group("consultants[" + i + "]", g, names, categoryNames, distributions));
            }
        }
        if (p.isEmpty()) {
            for (int i = 0; i < categories.size(); i++) {
                Scenario.Category c = categories.get(i);
                p.check(c.share() <= 0 || out.stream().anyMatch(g -> g.takes(c.name())), "categories[" + i + "]",
                        "no consultant group takes '" + c.name() + "' (add it to some group's skills)");
            }
            p.check(!out.stream().allMatch(g -> g.shifts().stream().allMatch(s -> s.count() == 0)), "consultants",
                    "no consultant works any shift");
        }
        return out;
    }

    private ConsultantGroup group(String at, GroupFile g, Set<String> names, Set<String> categoryNames,
                                  Distributions distributions) {
        String name = p.required(at + ".group", g.group(), null);
        p.check(name == null || names.add(name), at + ".group", "group '" + name + "' is defined twice");
        Set<String> skills = new LinkedHashSet<>();
        if (g.skills() != null && !g.skills().isNull()) {
            if (!g.skills().isArray()) {
                p.add(at + ".skills", "must be a list of category names");
            } else {
                for (JsonNode s : g.skills()) {
                    p.check(categoryNames.contains(s.asText()), at + ".skills",
                            "'" + s.asText() + "' is not a category (categories: " + categoryNames + ")");
                    skills.add(s.asText());
                }
            }
        }
        Distribution handle = distributions.of(at + ".handleTime", g.handleTime(), true);
        List<Shift> shifts = new ArrayList<>();
        if (listRequired(at + ".shifts", g.shifts())) {
            for (int i = 0; i < g.shifts().size(); i++) {
                if (g.shifts().get(i) != null) {
                    shifts.add(shift(at + ".shifts[" + i + "]", g.shifts().get(i)));
                }
            }
        }
        return new ConsultantGroup(name, shifts, skills, handle);
    }

    private Shift shift(String at, ShiftFile s) {
        int count = (int) whole(at + ".count", s.count(), 1, 0, 100_000, true);
        if (Boolean.TRUE.equals(s.always())) {
            return new Shift(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true, count);
        }
        Set<DayOfWeek> days = days(at + ".days", s.days());
        LocalTime start = time(at + ".start", s.start(), LocalTime.of(8, 0), true);
        if ("24:00".equals(s.end())) {
            return new Shift(days, start, LocalTime.MIDNIGHT, true, count);
        }
        LocalTime end = time(at + ".end", s.end(), LocalTime.of(17, 0), true);
        p.check(s.end() == null || end.isAfter(start) || p.hasProblemAt(at + ".end"), at + ".end", "must be after start ("
                + start + "); a shift does not cross midnight (use 24:00 and a second shift)");
        return new Shift(days, start, end, false, count);
    }

    /** Whether a required list is there and not empty (each problem reported). */
    private boolean listRequired(String at, List<?> list) {
        if (list == null) {
            p.required(at, null, null);
            return false;
        }
        p.check(!list.isEmpty(), at, "must not be empty");
        return true;
    }
}
