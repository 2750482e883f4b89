package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.stats.Estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a report leads with: for each headline figure, whether policy B (a proposed policy)
 * differs detectably from policy A (the first, usually the live one) and in whose favour, in a
 * sentence a supervisor reads.
 * <p>
 * <b>Detectable</b> means the 95 % confidence interval of the paired difference B − A over the
 * replications (Student t, n − 1 degrees of freedom) excludes zero: replication r of every
 * policy runs the same callers, so the paired difference is the right test (a paired t test at
 * the 5 % level, two-sided). With one replication there is no interval and nothing is called
 * detectable. Which way is better is {@link Metric#better()}, defined once.
 *
 * @param letterA   the baseline's letter ("A")
 * @param nameA     the baseline policy's name
 * @param letterB   the compared policy's letter ("B", "C", …)
 * @param nameB     the compared policy's name
 * @param lines     one per {@link Headline}, in that order
 */
public record Verdict(String letterA, String nameA, String letterB, String nameB, List<Line> lines) {

    /** What the difference on one figure amounts to. */
    public enum Finding {
        /** Detectable, and B is better. */
        BETTER("✓", "better under the proposed policy"),
        /** Detectable, and B is worse. */
        WORSE("✗", "worse under the proposed policy"),
        /** Detectable, on a figure where neither direction is better (consultant occupancy). */
        CHANGED("•", "changed, neither better nor worse in itself"),
        /** The interval includes zero: could be chance. */
        NOT_DETECTABLE("≈", "no detectable difference"),
        /** One replication (no interval) or nothing measured: no judgement. */
        CANNOT_TELL("?", "cannot tell");

        private final String symbol;
        private final String meaning;

        Finding(String symbol, String meaning) {
            this.symbol = symbol;
            this.meaning = meaning;
        }

        /** A symbol that carries the finding without colour. */
        public String symbol() {
            return symbol;
        }

        /** The finding in words (legends). */
        public String meaning() {
            return meaning;
        }

        /** The JSON value. */
        public String key() {
            return switch (this) {
                case BETTER -> "better";
                case WORSE -> "worse";
                case CHANGED -> "changed";
                case NOT_DETECTABLE -> "notDetectable";
                case CANNOT_TELL -> "cannotTell";
            };
        }

        public boolean detectable() {
            return this == BETTER || this == WORSE || this == CHANGED;
        }
    }

    /**
     * One headline figure.
     *
     * @param headline    which figure
     * @param a           the baseline's mean (and interval) over replications
     * @param b           the compared policy's
     * @param difference  the paired difference B − A with its interval
     * @param finding     the judgement
     * @param sentence    the line as a supervisor reads it, without symbol or colour
     */
    public record Line(Headline headline, Estimate a, Estimate b, Estimate difference, Finding finding, String sentence) {
    }

    /** Whether a paired difference is detectable and, if so, whether it is good for B. */
    public static Finding judge(Metric.Better better, Estimate difference) {
        double mean = difference.mean();
        double hw = difference.halfWidth();
        if (difference.n() < 2 || Double.isNaN(mean) || Double.isNaN(hw)) {
            return Finding.CANNOT_TELL;
        }
        if (Math.abs(mean) <= hw) {
            return Finding.NOT_DETECTABLE;
        }
        return switch (better) {
            case LOWER -> mean < 0 ? Finding.BETTER : Finding.WORSE;
            case HIGHER -> mean > 0 ? Finding.BETTER : Finding.WORSE;
            case NEITHER -> Finding.CHANGED;
        };
    }

    /** The letter of the i-th policy of a comparison: A, B, C, … */
    public static String letter(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : "P" + (i + 1);
    }

    /** Policy {@code i} (≥ 1) against the first. */
    public static Verdict of(Comparison c, int i) {
        List<Line> lines = new ArrayList<>();
        for (Headline h : Headline.values()) {
            Estimate a = c.policies().get(0).estimate(h.metric());
            Estimate b = c.policies().get(i).estimate(h.metric());
            lines.add(line(h, letter(i), a, b, c.difference(i, h.metric())));
        }
        return new Verdict(letter(0), c.policies().get(0).policy(), letter(i), c.policies().get(i).policy(), lines);
    }

    /** One line from the two means and the paired difference. */
    static Line line(Headline h, String letterB, Estimate a, Estimate b, Estimate difference) {
        Finding finding = judge(h.metric().better(), difference);
        double d = difference.mean();
        String phrase = finding == Finding.NOT_DETECTABLE || d == 0 || Double.isNaN(d) ? h.same()
                : d < 0 ? h.lower() : h.higher();
        String qualifier = switch (finding) {
            case BETTER, WORSE -> "detectable";
            case CHANGED -> "detectable; neither better nor worse in itself";
            case NOT_DETECTABLE -> "not detectable";
            case CANNOT_TELL -> difference.n() == 0 ? "not measured" : "one replication: cannot tell";
        };
        if (Double.isNaN(a.mean()) && Double.isNaN(b.mean())) {
            return new Line(h, a, b, difference, finding, h.title() + ": not measured");
        }
        String sentence = "Policy " + letterB + " " + phrase + ": " + h.format(b.mean(), d) + " vs " + h.format(a.mean(), d)
                + h.suffix() + " (" + change(h, a.mean(), d) + qualifier + ")";
        return new Line(h, a, b, difference, finding, sentence);
    }

    /** "−3.7%, " or "+0.93 points, " or "" when nothing can be said. */
    private static String change(Headline h, double a, double d) {
        if (Double.isNaN(d) || Double.isNaN(a)) {
            return "";
        }
        if (d == 0) {
            return "no change, ";
        }
        if (h.metric().kind() == Metric.Kind.PERCENT) {
            return signed(d, 2) + " points, ";
        }
        if (a == 0) {
            return signed(d, 1) + ", ";
        }
        double relative = 100 * d / Math.abs(a);
        return signed(relative, Math.abs(relative) < 0.1 ? 2 : 1) + "%, ";
    }

    /** A signed number with a real minus sign. */
    static String signed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%,." + decimals + "f", Math.abs(v));
        return (v < 0 ? "−" : "+") + s;
    }

    /** Counts of each finding, as a sentence: "Policy B against policy A: better on 3, worse on 1, … of 6 headline figures." */
    public String summary() {
        int better = count(Finding.BETTER);
        int worse = count(Finding.WORSE);
        int changed = count(Finding.CHANGED);
        int same = count(Finding.NOT_DETECTABLE);
        int cannotTell = count(Finding.CANNOT_TELL);
        if (cannotTell == lines.size()) {
            return "Policy " + letterB + " against policy " + letterA
                    + ": one replication cannot tell a difference from chance; run at least 2 (10 is better).";
        }
        List<String> parts = new ArrayList<>();
        if (better > 0) {
            parts.add("better on " + better);
        }
        if (worse > 0) {
            parts.add("worse on " + worse);
        }
        if (changed > 0) {
            parts.add("changed on " + changed);
        }
        if (same > 0) {
            parts.add("no detectable difference on " + same);
        }
        if (cannotTell > 0) {
            parts.add("cannot tell on " + cannotTell);
        }
        return "Policy " + letterB + " against policy " + letterA + ": " + String.join(", ", parts) + " of the "
                + lines.size() + " headline figures.";
    }

    public int count(Finding f) {
        return (int) lines.stream().filter(l -> l.finding() == f).count();
    }
}
