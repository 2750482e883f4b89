package com.callbackdesk.whatif.scenario;

import com.callbackdesk.whatif.scenario.Scenario.Arrivals;
import com.callbackdesk.whatif.scenario.Scenario.CalendarSpec;
import com.callbackdesk.whatif.scenario.Scenario.CallTimes;
import com.callbackdesk.whatif.scenario.Scenario.Category;
import com.callbackdesk.whatif.scenario.Scenario.ConsultantGroup;
import com.callbackdesk.whatif.scenario.Scenario.Persona;
import com.callbackdesk.whatif.scenario.Scenario.Shift;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.calendar.CalendarException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a scenario from YAML and validates it, reporting every problem with its field path
 * ({@code personas[2].selfResolves.within.mean: must be > 0}). Unknown fields are errors. The
 * field reference is docs/WHAT-IF.md.
 */
public final class ScenarioParser {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The first simulated day when the scenario names none: a Monday. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 5);

    private ScenarioParser() {
    }

    public static Scenario read(Path file) {
        try {
            return parse(Files.readString(file), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot read: " + e.getMessage()));
        }
    }

    /** Parses YAML text; relative file names (CSV, calendar) resolve against {@code baseDir} (may be null). */
    public static Scenario parse(String yaml, Path baseDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(List.of("(yaml): " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : "")));
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(List.of("(root): a scenario must be a YAML mapping"));
        }
        List<String> problems = new ArrayList<>();
        Node n = new Node(root, "", problems, baseDir);

        String name = n.text("name", "scenario", false);
        long seed = n.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE, true);
        int days = (int) n.integer("days", 1, 1, 3650, true);
        int replications = (int) n.integer("replications", 1, 1, 100_000, false);
        LocalDate start = DEFAULT_START;
        String startText = n.text("start", null, false);
        if (startText != null) {
            try {
                start = LocalDate.parse(startText);
            } catch (DateTimeParseException e) {
                n.problem("start", "must be a date like 2026-12-07, was '" + startText + "'");
            }
        }
        double warmup = n.duration("warmup", 0, false);
        if (warmup >= days * 86_400.0) {
            n.problem("warmup", "must be shorter than the simulated days");
        }
        CalendarSpec calendar = calendar(n);
        Arrivals arrivals = arrivals(n);
        List<Category> categories = categories(n);
        List<Persona> personas = personas(n);
        List<ConsultantGroup> consultants = consultants(n, categories);
        CallTimes calls = calls(n);
        n.rejectUnknown();
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Scenario(name, seed, days, replications, start, warmup / 3600, calendar, arrivals,
                categories, personas, consultants, calls);
    }

    private static CalendarSpec calendar(Node n) {
        JsonNode v = n.raw("calendar");
        if (v == null || v.isNull()) {
            return new CalendarSpec.Office(BusinessCalendar.defaults());
        }
        if (v.isTextual()) {
            switch (v.asText().toLowerCase(Locale.ROOT)) {
                case "defaults", "default" -> {
                    return new CalendarSpec.Office(BusinessCalendar.defaults());
                }
                case "always-open", "none" -> {
                    return new CalendarSpec.AlwaysOpen();
                }
                default -> {
                    n.problem("calendar", "must be defaults, always-open, {file: calendar.yaml} or a BusinessCalendar mapping; was '" + v.asText() + "'");
                    return null;
                }
            }
        }
        if (!v.isObject()) {
            n.problem("calendar", "must be defaults, always-open, {file: calendar.yaml} or a BusinessCalendar mapping");
            return null;
        }
        String text;
        Path base = n.baseDir;
        String prefix = "calendar.";
        if (v.size() == 1 && v.has("file")) {
            Path p = n.resolve(v.get("file").asText());
            try {
                text = Files.readString(p);
                base = p.toAbsolutePath().getParent();
                prefix = "calendar.file (" + p + "): ";
            } catch (IOException e) {
                n.problems.add("calendar.file: cannot read " + p + ": " + e.getMessage());
                return null;
            }
        } else {
            try {
                text = YAML.writeValueAsString(v); // inline: the BusinessCalendar's own YAML format
            } catch (JsonProcessingException e) {
                n.problem("calendar", e.getOriginalMessage());
                return null;
            }
        }
        try {
            return new CalendarSpec.Office(BusinessCalendar.parse(text, base));
        } catch (CalendarException e) {
            for (String problem : e.problems()) {
                n.problems.add(prefix + problem);
            }
            return null;
        }
    }

    private static Arrivals arrivals(Node n) {
        Node a = n.child("arrivals", true);
        if (a == null) {
            return null;
        }
        Node poisson = a.child("poisson", false);
        Node replay = a.child("replay", false);
        Arrivals out = null;
        if ((poisson == null) == (replay == null)) {
            a.problem("poisson", "give exactly one of arrivals.poisson or arrivals.replay");
        } else if (poisson != null) {
            double[] perHour = poisson.hourly("perHour", 0, 0, 1e7, true);
            double[] dayFactor = poisson.weekly("dayOfWeek");
            double total = 0;
            for (double r : perHour) {
                total += r;
            }
            double week = 0;
            for (double f : dayFactor) {
                week += f;
            }
            if (total * week <= 0 && n.problems.isEmpty()) {
                poisson.problem("perHour", "no arrivals at all: every hour (or every day) has rate 0");
            }
            poisson.rejectUnknown();
            out = new Arrivals.Poisson(perHour, dayFactor);
        } else {
            String csv = replay.text("csv", null, true);
            String column = replay.text("column", null, false);
            replay.rejectUnknown();
            if (csv != null) {
                Path p = n.resolve(csv);
                if (!Files.isReadable(p)) {
                    replay.problem("csv", "cannot read " + p);
                }
                out = new Arrivals.Replay(p, column);
            }
        }
        a.rejectUnknown();
        return out;
    }

    private static List<Category> categories(Node n) {
        List<Category> out = new ArrayList<>();
        if (!n.has("categories")) {
            out.add(new Category("general", 1, false));
            return out;
        }
        Set<String> names = new HashSet<>();
        for (Node c : n.list("categories", true)) {
            String name = c.text("name", null, true);
            double share = c.number("share", 1, 0, 1e9, false);
            boolean screenshot = c.bool("screenshot", false);
            c.rejectUnknown();
            if (name != null && !names.add(name)) {
                c.problem("name", "category '" + name + "' is defined twice");
            }
            out.add(new Category(name, share, screenshot));
        }
        if (!out.isEmpty() && out.stream().mapToDouble(Category::share).sum() <= 0) {
            n.problem("categories", "the shares add up to 0");
        }
        return out;
    }

    private static List<Persona> personas(Node n) {
        List<Persona> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node p : n.list("personas", true)) {
            String name = p.text("name", null, true);
            if (name != null && !names.add(name)) {
                p.problem("name", "persona '" + name + "' is defined twice");
            }
            double share = p.number("share", 1, 0, 1e9, true);
            double urgent = p.probability("urgent", 0, false);
            double[] answers = p.hourly("answers", 1, 0, 1, false);
            double busyShare = p.probability("busyShare", 0.2, false);
            double wrong = p.probability("wrongNumber", 0, false);
            java.time.ZoneId zone = null;
            String zoneText = p.text("zone", null, false);
            if (zoneText != null) {
                try {
                    zone = java.time.ZoneId.of(zoneText);
                } catch (java.time.DateTimeException e) {
                    p.problem("zone", "unknown time zone '" + zoneText + "'");
                }
            }

            Scenario.SelfResolves self = null;
            Node s = p.child("selfResolves", false);
            if (s != null) {
                double prob = s.probability("probability", 1, false);
                Distribution within = s.distribution("within", true);
                double cancels = s.probability("cancels", 0, false);
                s.rejectUnknown();
                self = new Scenario.SelfResolves(prob, within, cancels);
            }
            Scenario.LeavesForTheDay leaves = null;
            Node l = p.child("leavesForTheDay", false);
            if (l != null) {
                LocalTime around = l.time("around", LocalTime.of(17, 0), true);
                double sd = l.number("sdMinutes", 0, 0, 600, false);
                double states = l.probability("states", 0, false);
                double colleague = l.probability("colleagueAnswers", 0, false);
                l.rejectUnknown();
                leaves = new Scenario.LeavesForTheDay(around, sd, states, colleague);
            }
            Scenario.AsksForLater later = null;
            Node a = p.child("asksForLater", false);
            if (a != null) {
                double prob = a.probability("probability", 1, false);
                Distribution after = a.distribution("after", true);
                a.rejectUnknown();
                later = new Scenario.AsksForLater(prob, after);
            }
            Scenario.RefusesScreenshot refuses = null;
            Node r = p.child("refusesScreenshot", false);
            if (r != null) {
                double prob = r.probability("probability", 1, false);
                double factor = r.number("handleTimeFactor", 1, 0.1, 100, false);
                r.rejectUnknown();
                refuses = new Scenario.RefusesScreenshot(prob, factor);
            }
            Scenario.Repeats repeats = null;
            Node rp = p.child("repeats", false);
            if (rp != null) {
                double whilePending = rp.probability("whilePending", 0, false);
                Distribution wpa = rp.distribution("whilePendingAfter", whilePending > 0);
                double afterResolved = rp.probability("afterResolved", 0, false);
                Distribution ara = rp.distribution("afterResolvedAfter", afterResolved > 0);
                rp.rejectUnknown();
                repeats = new Scenario.Repeats(whilePending, wpa, afterResolved, ara);
            }
            p.rejectUnknown();
            out.add(new Persona(name, share, urgent, answers, busyShare, self, leaves, later, refuses, repeats, wrong, zone));
        }
        if (!out.isEmpty() && out.stream().mapToDouble(Persona::share).sum() <= 0) {
            n.problem("personas", "the shares add up to 0");
        }
        return out;
    }

    private static List<ConsultantGroup> consultants(Node n, List<Category> categories) {
        List<ConsultantGroup> out = new ArrayList<>();
        Set<String> categoryNames = new HashSet<>();
        categories.forEach(c -> categoryNames.add(c.name()));
        Set<String> names = new HashSet<>();
        List<Node> groups = n.list("consultants", true);
        for (Node g : groups) {
            String name = g.text("group", null, true);
            if (name != null && !names.add(name)) {
                g.problem("group", "group '" + name + "' is defined twice");
            }
            Set<String> skills = new LinkedHashSet<>();
            JsonNode sk = g.raw("skills");
            if (sk != null && !sk.isNull()) {
                if (!sk.isArray()) {
                    g.problem("skills", "must be a list of category names");
                } else {
                    for (JsonNode s : sk) {
                        if (!categoryNames.contains(s.asText())) {
                            g.problem("skills", "'" + s.asText() + "' is not a category (categories: " + categoryNames + ")");
                        }
                        skills.add(s.asText());
                    }
                }
            }
            Distribution handle = g.distribution("handleTime", true);
            List<Shift> shifts = new ArrayList<>();
            for (Node s : g.list("shifts", true)) {
                int count = (int) s.integer("count", 1, 0, 100_000, true);
                if (s.bool("always", false)) {
                    shifts.add(new Shift(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true, count));
                    s.rejectUnknown();
                    continue;
                }
                Set<DayOfWeek> days = s.days("days", true);
                LocalTime start = s.time("start", LocalTime.of(8, 0), true);
                String endText = s.text("end", null, true);
                LocalTime end = LocalTime.of(17, 0);
                boolean midnight = false;
                if ("24:00".equals(endText)) {
                    midnight = true;
                    end = LocalTime.MIDNIGHT;
                } else if (endText != null) {
                    end = s.time("end", end, true);
                    if (!end.isAfter(start)) {
                        s.problem("end", "must be after start (" + start + "); a shift does not cross midnight (use 24:00 and a second shift)");
                    }
                }
                s.rejectUnknown();
                shifts.add(new Shift(days, start, end, midnight, count));
            }
            g.rejectUnknown();
            out.add(new ConsultantGroup(name, shifts, skills, handle));
        }
        if (n.problems.isEmpty()) {
            for (int i = 0; i < categories.size(); i++) {
                Category c = categories.get(i);
                if (c.share() > 0 && out.stream().noneMatch(g -> g.takes(c.name()))) {
                    n.problems.add("categories[" + i + "]: no consultant group takes '" + c.name() + "' (add it to some group's skills)");
                }
            }
            if (out.stream().allMatch(g -> g.shifts().stream().allMatch(s -> s.count() == 0))) {
                n.problem("consultants", "no consultant works any shift");
            }
        }
        return out;
    }

    private static CallTimes calls(Node n) {
        Node c = n.child("calls", false);
        if (c == null) {
            return new CallTimes(30, 10, 60);
        }
        CallTimes out = new CallTimes(c.duration("ringNoAnswer", 30, false), c.duration("answerAfter", 10, false),
                c.duration("shortCall", 60, false));
        c.rejectUnknown();
        return out;
    }
}
