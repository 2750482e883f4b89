package com.callbackdesk.whatif.scenario;

import com.callbackdesk.planning.config.ConfigProblems;
import com.callbackdesk.whatif.scenario.ScenarioFile.DistributionFile;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bound distribution made into a {@link Distribution}: a plain duration is a constant; a mapping
 * names its {@code kind} — exponential (mean), lognormal (mean, sd), empirical (values, or csv: a
 * file of durations one per line), constant (value) or uniform (min, max).
 */
final class Distributions {

    private final ConfigProblems p;
    private final Path baseDir;

    Distributions(ConfigProblems problems, Path baseDir) {
        this.p = problems;
        this.baseDir = baseDir;
    }

    Distribution of(String at, DistributionFile f, boolean required) {
        if (f == null) {
            if (required) {
                p.required(at, null, null);
            }
            return null;
        }
        if (f.constant() != null) {
            return new Distribution.Constant(f.constant().value());
        }
        String kind = p.required(at + ".kind", f.kind(), null);
        if (kind == null) {
            return null;
        }
        int before = p.size();
        Distribution out = switch (kind.toLowerCase(Locale.ROOT)) {
            case "exponential" -> positive(at + ".mean", f.mean()) ? new Distribution.Exponential(f.mean().value()) : null;
            case "lognormal" -> positive(at + ".mean", f.mean()) & positive(at + ".sd", f.sd())
                    ? new Distribution.LogNormal(f.mean().value(), f.sd().value()) : null;
            case "constant" -> p.required(at + ".value", f.value(), null) == null ? null
                    : new Distribution.Constant(f.value().value());
            case "uniform" -> uniform(at, f);
            case "empirical" -> {
                double[] values = empiricalValues(at, f);
                yield values == null ? null : new Distribution.Empirical(values);
            }
            default -> {
                p.add(at + ".kind", "must be one of exponential, lognormal, empirical, constant, uniform; was '"
                        + kind + "'");
                yield null;
            }
        };
        return p.size() == before ? out : null;
    }

    private boolean positive(String at, Seconds s) {
        if (p.required(at, s, null) == null) {
            return false;
        }
        p.check(s.value() > 0, at, "must be > 0");
        return s.value() > 0;
    }

    private Distribution uniform(String at, DistributionFile f) {
        Seconds min = p.required(at + ".min", f.min(), null);
        Seconds max = p.required(at + ".max", f.max(), null);
        if (min == null || max == null) {
            return null;
        }
        p.check(max.value() >= min.value(), at + ".max", "must be >= min");
        return max.value() >= min.value() ? new Distribution.Uniform(min.value(), max.value()) : null;
    }

    private double[] empiricalValues(String at, DistributionFile f) {
        if ((f.values() == null) == (f.csv() == null)) {
            p.add(at + ".values", "give exactly one of values (a list) or csv (a file)");
            return null;
        }
        List<Double> out = new ArrayList<>();
        if (f.values() != null) {
            if (f.values().isEmpty()) {
                p.add(at + ".values", "must be a non-empty list of durations");
                return null;
            }
            for (int i = 0; i < f.values().size(); i++) {
                JsonNode v = f.values().get(i);
                double d = v == null ? Double.NaN : Seconds.parse(v);
                if (Double.isNaN(d) || d < 0) {
                    p.add(at + ".values[" + i + "]", "must be a duration, was '" + (v == null ? "" : v.asText()) + "'");
                } else {
                    out.add(d);
                }
            }
        } else if (!readCsv(at + ".csv", ScenarioRules.resolve(baseDir, f.csv()), out)) {
            return null;
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Durations one per line (first column); a first line that is no duration is a header. */
    private boolean readCsv(String at, Path file, List<Double> out) {
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file)) {
                lineNo++;
                String s = line.split(",")[0].trim();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                double d = Seconds.parse(s);
                if (Double.isNaN(d) || d < 0) {
                    if (lineNo == 1) {
                        continue;
                    }
                    p.add(at, file + " line " + lineNo + ": not a duration: '" + s + "'");
                    return false;
                }
                out.add(d);
            }
        } catch (IOException e) {
            p.add(at, "cannot read " + file + ": " + e.getMessage());
            return false;
        }
        if (out.isEmpty()) {
            p.add(at, file + " holds no durations");
            return false;
        }
        return true;
    }
}
