package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.model.RunResult;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.stats.Estimate;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report for a terminal. It leads with the verdict (one line per headline figure: detectable
 * or not, in whose favour); {@code verbose} adds the diagnostics: every figure side by side, the
 * replications one by one with their seeds, the run times and the simulator's own bookkeeping
 * check (Little's law).
 */
public final class TextReport {

    /** The metrics the full table shows, in order (the Little's-law pair is summarised below it). */
    static final List<Metric> ROWS = List.of(
            Metric.REQUESTS, Metric.END_OF_DAY_MISSES, Metric.END_OF_DAY_MISS_RATE, Metric.WASTED_CALLBACKS,
            Metric.DIALS_AFTER_LEFT, Metric.TIME_TO_CONTACT_MEAN, Metric.TIME_TO_CONTACT_P90,
            Metric.DIALS, Metric.ATTEMPTS_PER_CONTACT, Metric.CONTACT_RATE, Metric.CANCELLED, Metric.EXPIRED, Metric.UNREACHABLE,
            Metric.WRONG_NUMBER, Metric.OPEN_AT_END, Metric.WINDOWS_MISSED, Metric.OCCUPANCY,
            Metric.OVERTIME_HOURS_PER_DAY, Metric.SURVEY_TRANSFERS, Metric.SCREENSHOTS_DECLINED, Metric.MERGED,
            Metric.REPEATS_FLAGGED, Metric.WAIT_PROBABILITY, Metric.MEAN_QUEUE_WAIT, Metric.MEAN_QUEUE_LENGTH);

    /** Above this, the bookkeeping check fails (docs/WHAT-IF.md, "Little's law on every run"). */
    static final double LITTLE_TOLERANCE = 1e-6;

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private TextReport() {
    }

    /** The verdict only, without colour. */
    public static String render(Comparison c) {
        return render(c, false, false);
    }

    /**
     * @param verbose  add every figure, the replications and the simulator's checks
     * @param colour   ANSI colours (green better, red worse, grey no detectable difference)
     */
    public static String render(Comparison c, boolean verbose, boolean colour) {
        StringBuilder out = new StringBuilder();
        header(out, c);
        if (c.policies().size() > 1) {
            Set<Verdict.Finding> seen = EnumSet.noneOf(Verdict.Finding.class);
            for (int i = 1; i < c.policies().size(); i++) {
                Verdict v = Verdict.of(c, i);
                out.append('\n').append(Ansi.paint(colour, Ansi.BOLD, v.summary())).append('\n');
                for (Verdict.Line l : v.lines()) {
                    seen.add(l.finding());
                    out.append("  ").append(Ansi.paint(colour, Ansi.of(l.finding()), l.finding().symbol() + " " + l.sentence()))
                            .append('\n');
                }
            }
            out.append('\n');
            List<String> legend = new ArrayList<>();
            for (Verdict.Finding f : seen) {
                legend.add(Ansi.paint(colour, Ansi.of(f), f.symbol() + " " + f.meaning()));
            }
            out.append(String.join("   ", legend)).append('\n');
            int reps = c.policies().get(0).runs().size();
            if (reps > 1) {
                out.append(String.format(Locale.ROOT, "Detectable: the 95 %% confidence interval of the paired difference over the "
                        + "%d replications (the same callers under each policy) excludes zero.%n", reps));
            }
        } else {
            headlineFigures(out, c.policies().get(0));
        }
        if (c.maxLittleError() >= LITTLE_TOLERANCE && !verbose) {
            out.append(Ansi.paint(colour, Ansi.RED,
                    "Warning: the simulator's own bookkeeping check failed on some run: do not rely on these figures (details: --verbose)."))
                    .append('\n');
        }
        if (verbose) {
            diagnostics(out, c, colour);
        } else {
            out.append("Every figure, the replications with their seeds and the simulator's checks: add --verbose.\n");
        }
        return out.toString();
    }

    private static void header(StringBuilder out, Comparison c) {
        Scenario s = c.scenario();
        int reps = c.policies().get(0).runs().size();
        out.append("What-if: ").append(s.name()).append('\n');
        out.append(String.format(Locale.ROOT, "%s from %s, %s; figures per run, mean of the replications%n",
                plural(s.days(), "simulated day"), DAY.format(s.start()), plural(reps, "replication")));
        for (int i = 0; i < c.policies().size(); i++) {
            out.append(c.policies().size() == 1 ? "Policy" : "Policy " + Verdict.letter(i)).append(": ").append(c.policies().get(i).policy())
                    .append(i == 0 && c.policies().size() > 1 ? " (the others are compared with it)" : "").append('\n');
        }
    }

    /** One policy, nothing to compare: its headline figures with their intervals. */
    private static void headlineFigures(StringBuilder out, PolicyRun p) {
        out.append('\n');
        for (Headline h : Headline.values()) {
            Estimate e = p.estimate(h.metric());
            out.append("  ").append(h.title()).append(": ").append(h.format(e.mean()));
            if (!Double.isNaN(e.halfWidth())) {
                out.append(" (95 % interval ").append(h.format(e.low())).append(" to ").append(h.format(e.high())).append(')');
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static void diagnostics(StringBuilder out, Comparison c, boolean colour) {
        int reps = c.policies().get(0).runs().size();
        out.append("\nEvery figure: ").append(reps > 1 ? "mean ± 95 % confidence half-width over replications"
                : "one replication, no confidence interval");
        if (c.policies().size() > 1) {
            out.append("; Δ = paired difference to policy A, marked as in the verdict");
        }
        out.append("\n\n");
        out.append(layout(rows(c, colour)));

        if (c.policies().size() == 1) {
            out.append("\nReplications: the headline figures of each\n").append(layout(replications(c, 0)));
        }
        for (int i = 1; i < c.policies().size(); i++) {
            out.append("\nReplications: policy ").append(Verdict.letter(i))
                    .append(" − policy A on each headline figure (the verdict's intervals are over these differences)\n")
                    .append(layout(replications(c, i)));
        }

        out.append('\n');
        for (int i = 0; i < c.policies().size(); i++) {
            PolicyRun p = c.policies().get(i);
            out.append(String.format(Locale.ROOT, "Policy %s, %s: %s; %,d events in %.2f s (%,.0f events/s)%n", Verdict.letter(i),
                    p.policy(), p.description(), p.events(), p.wallSeconds(), p.events() / Math.max(p.wallSeconds(), 1e-9)));
        }
        out.append("Scenario seed ").append(c.scenario().seed()).append("; replication r runs with the seed shown for it, under every policy\n");
        double little = c.maxLittleError();
        out.append(Ansi.paint(colour, little < LITTLE_TOLERANCE ? "" : Ansi.RED, String.format(Locale.ROOT,
                "Little's law L = λW (open requests and the consultant queue) on every run: largest relative difference %.1e — %s",
                little, little < LITTLE_TOLERANCE ? "holds" : "VIOLATED"))).append('\n');
    }

    /** The header row, then one row per metric: its label, each policy's estimate, each difference. */
    private static List<List<Cell>> rows(Comparison c, boolean colour) {
        List<Cell> header = new ArrayList<>();
        header.add(new Cell("metric"));
        for (int i = 0; i < c.policies().size(); i++) {
            header.add(new Cell(Verdict.letter(i) + ": " + c.policies().get(i).policy()));
        }
        for (int i = 1; i < c.policies().size(); i++) {
            header.add(new Cell("Δ " + Verdict.letter(i) + " − A"));
        }
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(header);
        List<java.util.EnumMap<Metric, Estimate>> est = new ArrayList<>();
        c.policies().forEach(p -> est.add(p.estimates()));
        for (Metric m : ROWS) {
            List<Cell> row = new ArrayList<>();
            row.add(new Cell(m.label()));
            for (var e : est) {
                row.add(new Cell(Format.estimate(m, e.get(m))));
            }
            for (int i = 1; i < c.policies().size(); i++) {
                Estimate d = c.difference(i, m);
                Verdict.Finding f = Verdict.judge(m.better(), d);
                row.add(new Cell(Format.signed(m, d) + " " + f.symbol(), colour ? Ansi.of(f) : ""));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Replication by replication: its seed, then the headline figures of policy i (or their differences to policy A). */
    private static List<List<Cell>> replications(Comparison c, int i) {
        boolean paired = i > 0;
        List<List<Cell>> rows = new ArrayList<>();
        List<Cell> header = new ArrayList<>();
        header.add(new Cell("replication"));
        header.add(new Cell("seed"));
        for (Headline h : Headline.values()) {
            header.add(new Cell(h.column()));
        }
        rows.add(header);
        List<RunResult> base = c.policies().get(0).runs();
        List<RunResult> runs = c.policies().get(i).runs();
        for (int r = 0; r < runs.size(); r++) {
            List<Cell> row = new ArrayList<>();
            row.add(new Cell(Integer.toString(r + 1)));
            row.add(new Cell(Long.toString(Experiment.replicationSeed(c.scenario().seed(), r))));
            for (Headline h : Headline.values()) {
                double v = runs.get(r).get(h.metric());
                if (paired) {
                    double d = r < base.size() ? v - base.get(r).get(h.metric()) : Double.NaN;
                    row.add(new Cell(Double.isNaN(d) ? "–" : (d > 0 ? "+" : "") + Format.value(h.metric().kind(), d)));
                } else {
                    row.add(new Cell(Format.value(h.metric().kind(), v)));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** A table cell: its text and the colour to paint it in (empty: none). */
    private record Cell(String text, String colour) {
        Cell(String text) {
            this(text, "");
        }
    }

    /** The rows as aligned columns (labels left, figures right), a rule under the header; widths ignore colour. */
    private static String layout(List<List<Cell>> rows) {
        StringBuilder out = new StringBuilder();
        int[] widths = new int[rows.get(0).size()];
        for (List<Cell> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).text().length());
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            List<Cell> r = rows.get(k);
            StringBuilder line = new StringBuilder();
            int plain = 0;
            for (int i = 0; i < r.size(); i++) {
                Cell cell = r.get(i);
                String pad = " ".repeat(widths[i] - cell.text().length());
                String text = Ansi.paint(true, cell.colour(), cell.text());
                if (i == 0) {
                    line.append(text).append(pad);
                } else {
                    line.append("  ").append(pad).append(text);
                    plain += 2;
                }
                plain += widths[i];
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (k == 0) {
                out.append("-".repeat(plain)).append('\n');
            }
        }
        return out.toString();
    }

    static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
