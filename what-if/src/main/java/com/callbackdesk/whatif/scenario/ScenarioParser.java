package com.callbackdesk.whatif.scenario;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.calendar.CalendarException;
import com.callbackdesk.planning.config.ConfigProblems;
import com.callbackdesk.planning.config.YamlBinding;
import com.callbackdesk.whatif.scenario.Scenario.Arrivals;
import com.callbackdesk.whatif.scenario.Scenario.CalendarSpec;
import com.callbackdesk.whatif.scenario.Scenario.CallTimes;
import com.callbackdesk.whatif.scenario.Scenario.Category;
import com.callbackdesk.whatif.scenario.ScenarioFile.CategoryFile;
import com.callbackdesk.whatif.scenario.ScenarioFile.PoissonFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a scenario from YAML and validates it, reporting every problem with its field path
 * ({@code personas[2].selfResolves.within.mean: must be > 0}). The file binds into
 * {@link ScenarioFile} like every YAML file of the desk ({@link YamlBinding}: unknown fields are
 * errors, durations read as in a retry policy); this class and {@link ScenarioRules} then check
 * ranges and cross-references. The field reference is docs/WHAT-IF.md.
 */
public final class ScenarioParser {

    /** The first simulated day when the scenario names none: a Monday. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 1, 5);

    private static final YAMLMapper YAML = new YAMLMapper();

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
        ConfigProblems p = new ConfigProblems();
        JsonNode root = YamlBinding.tree(yaml, "a scenario must be a YAML mapping", p);
        ScenarioFile f = root == null ? null : YamlBinding.bind(root, "", ScenarioFile.class, p, false);
        if (f == null) {
            throw new ScenarioException(p.list());
        }
        ScenarioRules rules = new ScenarioRules(p, baseDir);
        String name = f.name() == null ? "scenario" : f.name();
        long seed = p.required("seed", f.seed(), null) == null ? 1 : f.seed();
        int days = (int) rules.whole("days", f.days(), 1, 1, 3650, true);
        int replications = (int) rules.whole("replications", f.replications(), 1, 1, 100_000, false);
        LocalDate start = DEFAULT_START;
        if (f.start() != null) {
            try {
                start = LocalDate.parse(f.start());
            } catch (DateTimeParseException e) {
                p.add("start", "must be a date like 2026-12-07, was '" + f.start() + "'");
            }
        }
        double warmup = f.warmup() == null ? 0 : f.warmup().value();
        p.check(warmup < days * 86_400.0, "warmup", "must be shorter than the simulated days");
        CalendarSpec calendar = calendar(f.calendar(), p, baseDir);
        Arrivals arrivals = arrivals(f, p, rules);
        List<Category> categories = categories(f.categories(), p, rules);
        var personas = rules.personas(f.personas());
        var consultants = rules.consultants(f.consultants(), categories);
        CallTimes calls = f.calls() == null ? new CallTimes(30, 10, 60)
                : new CallTimes(seconds(f.calls().ringNoAnswer(), 30), seconds(f.calls().answerAfter(), 10),
                seconds(f.calls().shortCall(), 60));
        if (!p.isEmpty()) {
            throw new ScenarioException(p.list());
        }
        return new Scenario(name, seed, days, replications, start, warmup / 3600, calendar, arrivals,
                categories, personas, consultants, calls);
    }

    static double seconds(Seconds s, double fallback) {
        return s == null ? fallback : s.value();
    }

    private static CalendarSpec calendar(JsonNode v, ConfigProblems p, Path baseDir) {
        String shapes = "must be defaults, always-open, {file: calendar.yaml} or a BusinessCalendar mapping";
        if (v == null || v.isNull()) {
            return new CalendarSpec.Office(BusinessCalendar.defaults());
        }
        if (v.isTextual()) {
            return switch (v.asText().toLowerCase(Locale.ROOT)) {
                case "defaults", "default" -> new CalendarSpec.Office(BusinessCalendar.defaults());
                case "always-open", "none" -> new CalendarSpec.AlwaysOpen();
                default -> {
                    p.add("calendar", shapes + "; was '" + v.asText() + "'");
                    yield null;
                }
            };
        }
        if (!v.isObject()) {
            p.add("calendar", shapes);
            return null;
        }
        String text;
        Path base = baseDir;
        String prefix = "calendar.";
        if (v.size() == 1 && v.has("file")) {
            Path file = ScenarioRules.resolve(baseDir, v.get("file").asText());
            try {
                text = Files.readString(file);
                base = file.toAbsolutePath().getParent();
                prefix = "calendar.file (" + file + "): ";
            } catch (IOException e) {
                p.add("calendar.file", "cannot read " + file + ": " + e.getMessage());
                return null;
            }
        } else {
            try {
                text = YAML.writeValueAsString(v); // inline: the BusinessCalendar's own YAML format
            } catch (JsonProcessingException e) {
                p.add("calendar", e.getOriginalMessage());
                return null;
            }
        }
        try {
            return new CalendarSpec.Office(BusinessCalendar.parse(text, base));
        } catch (CalendarException e) {
            for (String problem : e.problems()) {
                p.addLine(prefix + problem);
            }
            return null;
        }
    }

    private static Arrivals arrivals(ScenarioFile f, ConfigProblems p, ScenarioRules rules) {
        if (p.required("arrivals", f.arrivals(), null) == null) {
            return null;
        }
        PoissonFile poisson = f.arrivals().poisson();
        ScenarioFile.ReplayFile replay = f.arrivals().replay();
        if ((poisson == null) == (replay == null)) {
            p.add("arrivals.poisson", "give exactly one of arrivals.poisson or arrivals.replay");
            return null;
        }
        if (poisson != null) {
            int before = p.size();
            double[] perHour = rules.hourly("arrivals.poisson.perHour", poisson.perHour(), 0, 0, 1e7, true);
            double[] dayFactor = rules.weekly("arrivals.poisson.dayOfWeek", poisson.dayOfWeek());
            double total = 0;
            for (double r : perHour) {
                total += r;
            }
            double week = 0;
            for (double d : dayFactor) {
                week += d;
            }
            p.check(total * week > 0 || p.size() > before, "arrivals.poisson.perHour",
                    "no arrivals at all: every hour (or every day) has rate 0");
            return new Arrivals.Poisson(perHour, dayFactor);
        }
        if (p.required("arrivals.replay.csv", replay.csv(), null) == null) {
            return null;
        }
        Path csv = ScenarioRules.resolve(rules.baseDir(), replay.csv());
        p.check(Files.isReadable(csv), "arrivals.replay.csv", "cannot read " + csv);
        return new Arrivals.Replay(csv, replay.column());
    }

    private static List<Category> categories(List<CategoryFile> files, ConfigProblems p, ScenarioRules rules) {
        List<Category> out = new ArrayList<>();
        if (files == null) {
            out.add(new Category("general", 1, false));
            return out;
        }
        p.check(!files.isEmpty() || p.hasProblemAt("categories"), "categories", "must not be empty");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            CategoryFile c = files.get(i);
            String at = "categories[" + i + "]";
            if (c == null) {
                continue;
            }
            String name = p.required(at + ".name", c.name(), null);
            double share = rules.number(at + ".share", c.share(), 1, 0, 1e9, false);
            p.check(name == null || names.add(name), at + ".name", "category '" + name + "' is defined twice");
            out.add(new Category(name, share, Boolean.TRUE.equals(c.screenshot())));
        }
        p.check(out.isEmpty() || out.stream().mapToDouble(Category::share).sum() > 0, "categories",
                "the shares add up to 0");
        return out;
    }
}
