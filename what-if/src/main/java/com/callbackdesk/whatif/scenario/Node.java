package com.callbackdesk.whatif.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping being read, with its path for error messages. Every accessor records problems
 * in the shared list rather than throwing, so one run of the parser reports every mistake.
 * Fields not read by the end are reported as unknown (a misspelt field must not be silently
 * ignored).
 */
final class Node {
    final JsonNode json;
    final String path;
    final List<String> problems;
    final Path baseDir;
    private final Set<String> read = new java.util.HashSet<>();

    Node(JsonNode json, String path, List<String> problems, Path baseDir) {
        this.json = json;
        this.path = path;
        this.problems = problems;
        this.baseDir = baseDir;
    }

    String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    void problem(String field, String message) {
        problems.add(at(field) + ": " + message);
    }

    boolean has(String field) {
        read.add(field);
        JsonNode v = json.get(field);
        return v != null && !v.isNull();
    }

    JsonNode raw(String field) {
        read.add(field);
        return json.get(field);
    }

    /** Reports fields present but never read. Call after reading everything. */
    void rejectUnknown() {
        Iterator<String> names = json.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!read.contains(n)) {
                problems.add(at(n) + ": unknown field");
            }
        }
    }

    Node child(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return null;
        }
        if (!v.isObject()) {
            problem(field, "must be a mapping");
            return null;
        }
        return new Node(v, at(field), problems, baseDir);
    }

    List<Node> list(String field, boolean required) {
        JsonNode v = raw(field);
        List<Node> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return out;
        }
        if (!v.isArray()) {
            problem(field, "must be a list");
            return out;
        }
        if (v.isEmpty() && required) {
            problem(field, "must not be empty");
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = at(field) + "[" + i + "]";
            if (!e.isObject()) {
                problems.add(p + ": must be a mapping");
            } else {
                out.add(new Node(e, p, problems, baseDir));
            }
        }
        return out;
    }

    String text(String field, String fallback, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return fallback;
        }
        if (!v.isValueNode()) {
            problem(field, "must be a text value");
            return fallback;
        }
        return v.asText();
    }

    double number(String field, double fallback, double min, double max, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return fallback;
        }
        if (!v.isNumber()) {
            problem(field, "must be a number, was '" + v.asText() + "'");
            return fallback;
        }
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            problem(field, "must be between " + fmt(min) + " and " + fmt(max) + ", was " + fmt(d));
            return fallback;
        }
        return d;
    }

    double probability(String field, double fallback, boolean required) {
        return number(field, fallback, 0, 1, required);
    }

    long integer(String field, long fallback, long min, long max, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            problem(field, "must be a whole number, was '" + v.asText() + "'");
            return fallback;
        }
        long n = v.asLong();
        if (n < min || n > max) {
            problem(field, "must be between " + min + " and " + max + ", was " + n);
            return fallback;
        }
        return n;
    }

    boolean bool(String field, boolean fallback) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(field, "must be true or false");
            return fallback;
        }
        return v.asBoolean();
    }

    /** A duration: seconds as a number, or text like 90s, 10m, 1.5h, 2d, or ISO-8601 (PT10M). */
    double duration(String field, double fallback, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return fallback;
        }
        double d = parseDuration(v);
        if (Double.isNaN(d)) {
            problem(field, "must be a duration (seconds, or like 90s, 10m, 1.5h, 2d, PT10M), was '" + v.asText() + "'");
            return fallback;
        }
        if (d < 0) {
            problem(field, "must not be negative");
            return fallback;
        }
        return d;
    }

    static double parseDuration(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (!v.isTextual()) {
            return Double.NaN;
        }
        String s = v.asText().trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT)).toMillis() / 1000.0;
            } catch (DateTimeParseException e) {
                return Double.NaN;
            }
        }
        Map<String, Double> units = Map.of("s", 1.0, "m", 60.0, "min", 60.0, "h", 3600.0, "d", 86_400.0);
        for (String u : List.of("min", "s", "m", "h", "d")) {
            if (s.endsWith(u)) {
                try {
                    return Double.parseDouble(s.substring(0, s.length() - u.length()).trim()) * units.get(u);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    LocalTime time(String field, LocalTime fallback, boolean required) {
        String t = text(field, null, required);
        if (t == null) {
            return fallback;
        }
        try {
            return LocalTime.parse(t.length() == 4 ? "0" + t : t);
        } catch (DateTimeParseException e) {
            problem(field, "must be a time of day like 16:30, was '" + t + "'");
            return fallback;
        }
    }

    /**
     * A distribution: a plain duration (constant), or a mapping with {@code kind} exponential
     * (mean), lognormal (mean, sd), empirical (values, or csv: a file of durations one per line),
     * constant (value) or uniform (min, max).
     */
    Distribution distribution(String field, boolean required) {
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return null;
        }
        if (v.isValueNode()) {
            double d = parseDuration(v);
            if (Double.isNaN(d) || d < 0) {
                problem(field, "must be a duration or a distribution mapping (kind: exponential|lognormal|empirical|constant|uniform)");
                return null;
            }
            return new Distribution.Constant(d);
        }
        Node n = child(field, true);
        if (n == null) {
            return null;
        }
        String kind = n.text("kind", null, true);
        Distribution out = null;
        int before = problems.size();
        if (kind != null) {
            switch (kind.toLowerCase(Locale.ROOT)) {
                case "exponential" -> {
                    double mean = n.duration("mean", 1, true);
                    if (problems.size() == before && mean <= 0) {
                        n.problem("mean", "must be > 0");
                    }
                    if (problems.size() == before) {
                        out = new Distribution.Exponential(mean);
                    }
                }
                case "lognormal" -> {
                    double mean = n.duration("mean", 1, true);
                    double sd = n.duration("sd", 1, true);
                    if (problems.size() == before && mean <= 0) {
                        n.problem("mean", "must be > 0");
                    }
                    if (problems.size() == before && sd <= 0) {
                        n.problem("sd", "must be > 0");
                    }
                    if (problems.size() == before) {
                        out = new Distribution.LogNormal(mean, sd);
                    }
                }
                case "constant" -> {
                    double value = n.duration("value", 0, true);
                    if (problems.size() == before) {
                        out = new Distribution.Constant(value);
                    }
                }
                case "uniform" -> {
                    double min = n.duration("min", 0, true);
                    double max = n.duration("max", 0, true);
                    if (problems.size() == before && max < min) {
                        n.problem("max", "must be >= min");
                    }
                    if (problems.size() == before) {
                        out = new Distribution.Uniform(min, max);
                    }
                }
                case "empirical" -> {
                    double[] values = empiricalValues(n);
                    if (values != null && problems.size() == before) {
                        out = new Distribution.Empirical(values);
                    }
                }
                default -> n.problem("kind", "must be one of exponential, lognormal, empirical, constant, uniform; was '" + kind + "'");
            }
        }
        n.rejectUnknown();
        return out;
    }

    private double[] empiricalValues(Node n) {
        boolean hasValues = n.has("values");
        boolean hasCsv = n.has("csv");
        if (hasValues == hasCsv) {
            n.problem("values", "give exactly one of values (a list) or csv (a file)");
            return null;
        }
        List<Double> out = new ArrayList<>();
        if (hasValues) {
            JsonNode arr = n.raw("values");
            if (!arr.isArray() || arr.isEmpty()) {
                n.problem("values", "must be a non-empty list of durations");
                return null;
            }
            for (int i = 0; i < arr.size(); i++) {
                double d = parseDuration(arr.get(i));
                if (Double.isNaN(d) || d < 0) {
                    problems.add(n.at("values") + "[" + i + "]: must be a duration, was '" + arr.get(i).asText() + "'");
                } else {
                    out.add(d);
                }
            }
        } else {
            String file = n.text("csv", null, true);
            Path p = resolve(file);
            try {
                int lineNo = 0;
                for (String line : Files.readAllLines(p)) {
                    lineNo++;
                    String s = line.split(",")[0].trim();
                    if (s.isEmpty() || s.startsWith("#")) {
                        continue;
                    }
                    double d = parseDuration(new com.fasterxml.jackson.databind.node.TextNode(s));
                    if (Double.isNaN(d) || d < 0) {
                        if (lineNo == 1) {
                            continue; // a header
                        }
                        n.problem("csv", p + " line " + lineNo + ": not a duration: '" + s + "'");
                        return null;
                    }
                    out.add(d);
                }
            } catch (java.io.IOException e) {
                n.problem("csv", "cannot read " + p + ": " + e.getMessage());
                return null;
            }
            if (out.isEmpty()) {
                n.problem("csv", p + " holds no durations");
                return null;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    Path resolve(String file) {
        Path p = Path.of(file);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }

    /**
     * 24 hourly values: a plain number (every hour), or a mapping of hours ("9", "08-12" with the
     * end excluded, "other" for hours not named) to numbers in [min, max].
     */
    double[] hourly(String field, double fallback, double min, double max, boolean required) {
        double[] out = new double[24];
        Arrays.fill(out, fallback);
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return out;
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            if (!(d >= min && d <= max)) {
                problem(field, "must be between " + fmt(min) + " and " + fmt(max) + ", was " + fmt(d));
            }
            Arrays.fill(out, d);
            return out;
        }
        if (!v.isObject()) {
            problem(field, "must be a number or a mapping of hours (\"9\", \"08-12\", \"other\") to numbers");
            return out;
        }
        JsonNode other = v.get("other");
        if (other != null) {
            if (!other.isNumber() || !(other.asDouble() >= min && other.asDouble() <= max)) {
                problems.add(at(field) + ".other: must be a number between " + fmt(min) + " and " + fmt(max));
            } else {
                Arrays.fill(out, other.asDouble());
            }
        }
        boolean[] named = new boolean[24];
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("other")) {
                continue;
            }
            String p = at(field) + "." + key;
            int from;
            int to;
            try {
                String[] parts = key.split("-");
                if (parts.length == 1) {
                    from = Integer.parseInt(parts[0].trim());
                    to = from + 1;
                } else if (parts.length == 2) {
                    from = Integer.parseInt(parts[0].trim());
                    to = Integer.parseInt(parts[1].trim());
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException ex) {
                problems.add(p + ": an hour key must be like \"9\" or \"08-12\" (end excluded) or \"other\"");
                continue;
            }
            if (from < 0 || to > 24 || from >= to) {
                problems.add(p + ": hours must satisfy 0 <= from < to <= 24");
                continue;
            }
            if (!e.getValue().isNumber() || !(e.getValue().asDouble() >= min && e.getValue().asDouble() <= max)) {
                problems.add(p + ": must be a number between " + fmt(min) + " and " + fmt(max));
                continue;
            }
            for (int h = from; h < to; h++) {
                if (named[h]) {
                    problems.add(p + ": hour " + h + " is given twice");
                }
                named[h] = true;
                out[h] = e.getValue().asDouble();
            }
        }
        return out;
    }

    /** Seven factors, Monday first: a mapping of day names (MONDAY or MON, any case) to numbers; unnamed days 1. */
    double[] weekly(String field) {
        double[] out = new double[7];
        Arrays.fill(out, 1);
        JsonNode v = raw(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            problem(field, "must be a mapping of day names to factors");
            return out;
        }
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            DayOfWeek d = day(e.getKey());
            String p = at(field) + "." + e.getKey();
            if (d == null) {
                problems.add(p + ": not a day of the week");
            } else if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                problems.add(p + ": must be a number >= 0");
            } else {
                out[d.getValue() - 1] = e.getValue().asDouble();
            }
        }
        return out;
    }

    /** Days: a list of day names, or text "MON-FRI", "ALL", "MON,WED". */
    Set<DayOfWeek> days(String field, boolean required) {
        JsonNode v = raw(field);
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required");
            }
            return out;
        }
        List<String> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> items.add(x.asText()));
        } else {
            items.addAll(Arrays.asList(v.asText().split(",")));
        }
        for (String item : items) {
            String s = item.trim();
            if (s.equalsIgnoreCase("all") || s.equalsIgnoreCase("every day")) {
                out.addAll(EnumSet.allOf(DayOfWeek.class));
            } else if (s.contains("-")) {
                DayOfWeek a = day(s.substring(0, s.indexOf('-')));
                DayOfWeek b = day(s.substring(s.indexOf('-') + 1));
                if (a == null || b == null) {
                    problem(field, "not a day range: '" + s + "'");
                } else {
                    for (DayOfWeek d = a; ; d = d.plus(1)) {
                        out.add(d);
                        if (d == b) {
                            break;
                        }
                    }
                }
            } else {
                DayOfWeek d = day(s);
                if (d == null) {
                    problem(field, "not a day of the week: '" + s + "'");
                } else {
                    out.add(d);
                }
            }
        }
        if (out.isEmpty() && required) {
            problem(field, "must name at least one day");
        }
        return out;
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
}
