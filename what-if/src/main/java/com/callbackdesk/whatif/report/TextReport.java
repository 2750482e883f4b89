package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The side-by-side table for a terminal. */
public final class TextReport {

    /** The metrics the table shows, in order (the Little's-law pair is summarised below it). */
    static final List<Metric> ROWS = List.of(
            Metric.REQUESTS, Metric.END_OF_DAY_MISSES, Metric.END_OF_DAY_MISS_RATE, Metric.WASTED_CALLBACKS,
            Metric.DIALS_AFTER_LEFT, Metric.TIME_TO_CONTACT_MEAN, Metric.TIME_TO_CONTACT_P90,
            Metric.DIALS, Metric.ATTEMPTS_PER_CONTACT, Metric.CONTACT_RATE, Metric.CANCELLED, Metric.EXPIRED, Metric.UNREACHABLE,
            Metric.WRONG_NUMBER, Metric.OPEN_AT_END, Metric.WINDOWS_MISSED, Metric.OCCUPANCY,
            Metric.OVERTIME_HOURS_PER_DAY, Metric.SURVEY_TRANSFERS, Metric.SCREENSHOTS_DECLINED, Metric.MERGED,
            Metric.REPEATS_FLAGGED, Metric.WAIT_PROBABILITY, Metric.MEAN_QUEUE_WAIT, Metric.MEAN_QUEUE_LENGTH);

    private TextReport() {
    }

    public static String render(Comparison c) {
        Scenario s = c.scenario();
        StringBuilder out = new StringBuilder();
        int reps = c.policies().get(0).runs().size();
        out.append("What-if: ").append(s.name()).append('\n');
        out.append(String.format(Locale.ROOT, "%d simulated day(s) from %s, %d replication(s), seed %d%n",
                s.days(), s.start(), reps, s.seed()));
        out.append(reps > 1 ? "mean ± 95 % confidence half-width over replications"
                : "one replication: no confidence interval");
        if (c.policies().size() > 1) {
            out.append("; Δ = paired difference to '").append(c.policies().get(0).policy())
                    .append("' (same callers in each replication)");
        }
        out.append("\n\n");
        out.append(layout(rows(c)));
        out.append('\n');
        for (PolicyRun p : c.policies()) {
            out.append(String.format(Locale.ROOT, "%s: %s; %,d events in %.2f s (%,.0f events/s)%n", p.policy(),
                    p.description(), p.events(), p.wallSeconds(), p.events() / Math.max(p.wallSeconds(), 1e-9)));
        }
        double little = c.maxLittleError();
        out.append(String.format(Locale.ROOT,
                "Little's law L = λW (open requests and the consultant queue) on every run: largest relative difference %.1e — %s%n",
                little, little < 1e-6 ? "holds" : "VIOLATED"));
        return out.toString();
    }

    /** The header row, then one row per metric: its label, each policy's estimate, each difference. */
    private static List<List<String>> rows(Comparison c) {
        List<String> header = new ArrayList<>();
        header.add("metric");
        for (PolicyRun p : c.policies()) {
            header.add(p.policy());
        }
        for (int i = 1; i < c.policies().size(); i++) {
            header.add("Δ " + c.policies().get(i).policy());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        List<java.util.EnumMap<Metric, com.callbackdesk.whatif.stats.Estimate>> est = new ArrayList<>();
        c.policies().forEach(p -> est.add(p.estimates()));
        for (Metric m : ROWS) {
            List<String> row = new ArrayList<>();
            row.add(m.label());
            for (var e : est) {
                row.add(Format.estimate(m, e.get(m)));
            }
            for (int i = 1; i < c.policies().size(); i++) {
                row.add(Format.signed(m, c.difference(i, m)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The rows as aligned columns (labels left, figures right), a rule under the header. */
    private static String layout(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        int[] widths = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            List<String> r = rows.get(k);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                if (i == 0) {
                    line.append(cell).append(" ".repeat(widths[i] - cell.length()));
                } else {
                    line.append("  ").append(" ".repeat(widths[i] - cell.length())).append(cell);
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (k == 0) {
                out.append("-".repeat(line.length())).append('\n');
            }
        }
        return out.toString();
    }
}
