package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.model.RunResult;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioParser;
import com.callbackdesk.whatif.stats.Estimate;
import com.callbackdesk.whatif.stats.LogHistogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict a report leads with: what counts as detectable, which way is better for each
 * headline figure, the sentence a supervisor reads, and the terminal report around it (colour,
 * diagnostics only with verbose) — on made-up replications, so every case is exact.
 */
class VerdictTest {

    private static final Scenario SCENARIO = ScenarioParser.parse("""
            name: made-up figures
            seed: 5
            days: 30
            replications: 4
            start: 2026-11-02
            arrivals: {poisson: {perHour: 1}}
            personas: [{name: p, share: 1}]
            consultants: [{group: g, handleTime: 5m, shifts: [{always: true, count: 1}]}]
            """, null);

    private static Estimate diff(double mean, double halfWidth, long n) {
        return new Estimate(mean, halfWidth, n, 0.95);
    }

    @Test
    void detectableOnlyWhenTheIntervalOfThePairedDifferenceExcludesZero() {
        assertThat(Verdict.judge(Metric.Better.LOWER, diff(-10, 5, 10))).isEqualTo(Verdict.Finding.BETTER);
        assertThat(Verdict.judge(Metric.Better.LOWER, diff(10, 5, 10))).isEqualTo(Verdict.Finding.WORSE);
        assertThat(Verdict.judge(Metric.Better.HIGHER, diff(10, 5, 10))).isEqualTo(Verdict.Finding.BETTER);
        assertThat(Verdict.judge(Metric.Better.HIGHER, diff(-10, 5, 10))).isEqualTo(Verdict.Finding.WORSE);
        assertThat(Verdict.judge(Metric.Better.NEITHER, diff(10, 5, 10))).isEqualTo(Verdict.Finding.CHANGED);
        // the interval reaches zero: could be chance, whichever way is better
        assertThat(Verdict.judge(Metric.Better.LOWER, diff(-4, 5, 10))).isEqualTo(Verdict.Finding.NOT_DETECTABLE);
        assertThat(Verdict.judge(Metric.Better.HIGHER, diff(4, 5, 10))).isEqualTo(Verdict.Finding.NOT_DETECTABLE);
        assertThat(Verdict.judge(Metric.Better.LOWER, diff(-5, 5, 10))).isEqualTo(Verdict.Finding.NOT_DETECTABLE);
        assertThat(Verdict.judge(Metric.Better.LOWER, diff(0, 0, 10))).isEqualTo(Verdict.Finding.NOT_DETECTABLE);
        // every replication moved by the same amount: zero width, still a difference
        assertThat(Verdict.judge(Metric.Better.LOWER, diff(-1, 0, 10))).isEqualTo(Verdict.Finding.BETTER);
        // one replication: no interval, no judgement however large the difference
        assertThat(Verdict.judge(Metric.Better.LOWER, diff(-500, Double.NaN, 1))).isEqualTo(Verdict.Finding.CANNOT_TELL);
    }

    @Test
    void whichWayIsBetterIsDefinedForEveryHeadlineFigure() {
        assertThat(Metric.END_OF_DAY_MISSES.better()).isEqualTo(Metric.Better.LOWER);
        assertThat(Metric.TIME_TO_CONTACT_MEAN.better()).isEqualTo(Metric.Better.LOWER);
        assertThat(Metric.CONTACT_RATE.better()).isEqualTo(Metric.Better.HIGHER);
        assertThat(Metric.WASTED_CALLBACKS.better()).isEqualTo(Metric.Better.LOWER);
        assertThat(Metric.ATTEMPTS_PER_CONTACT.better()).isEqualTo(Metric.Better.LOWER);
        assertThat(Metric.OCCUPANCY.better()).isEqualTo(Metric.Better.NEITHER);
        assertThat(Metric.OVERTIME_HOURS_PER_DAY.better()).isEqualTo(Metric.Better.LOWER);
    }

    @Test
    void theSentenceASupervisorReads() {
        Verdict.Line fewer = Verdict.line(Headline.END_OF_DAY_MISSES, "B", diff(2848, 120, 10), diff(2744, 130, 10), diff(-104, 40, 10));
        assertThat(fewer.finding()).isEqualTo(Verdict.Finding.BETTER);
        assertThat(fewer.sentence()).isEqualTo("Policy B misses fewer end-of-day callbacks: 2,744 vs 2,848 (−3.7%, detectable)");

        Verdict.Line more = Verdict.line(Headline.END_OF_DAY_MISSES, "B", diff(2744, 120, 10), diff(2770, 150, 10), diff(25.1, 52.3, 10));
        assertThat(more.finding()).isEqualTo(Verdict.Finding.NOT_DETECTABLE);
        assertThat(more.sentence()).isEqualTo("Policy B misses about as many end-of-day callbacks: 2,770 vs 2,744 (+0.9%, not detectable)");

        Verdict.Line sooner = Verdict.line(Headline.TIME_TO_FIRST_CONTACT, "B", diff(531.4, 13, 10), diff(519.4, 15, 10), diff(-12, 4.9, 10));
        assertThat(sooner.sentence()).isEqualTo("Policy B reaches callers sooner: 8 h 39 min vs 8 h 51 min from request to first contact,"
                + " on average (−2.3%, detectable)");

        Verdict.Line reachedFewer = Verdict.line(Headline.CALLERS_REACHED, "C", diff(96.02, 0.3, 10), diff(95.86, 0.3, 10), diff(-0.16, 0.08, 10));
        assertThat(reachedFewer.finding()).isEqualTo(Verdict.Finding.WORSE);
        assertThat(reachedFewer.sentence()).isEqualTo("Policy C reaches fewer callers: 95.86% vs 96.02% of requests (−0.16 points, detectable)");

        Verdict.Line busier = Verdict.line(Headline.CONSULTANT_OCCUPANCY, "B", diff(71.71, 0.5, 10), diff(73.17, 0.5, 10), diff(1.45, 0.11, 10));
        assertThat(busier.finding()).isEqualTo(Verdict.Finding.CHANGED);
        assertThat(busier.sentence()).isEqualTo("Policy B keeps consultants busier: 73.2% vs 71.7% of paid time on calls"
                + " (+1.45 points, detectable; neither better nor worse in itself)");

        Verdict.Line once = Verdict.line(Headline.WASTED_CALLBACKS, "B", diff(2113, Double.NaN, 1), diff(1727, Double.NaN, 1),
                diff(-386, Double.NaN, 1));
        assertThat(once.finding()).isEqualTo(Verdict.Finding.CANNOT_TELL);
        assertThat(once.sentence()).endsWith("(−18.3%, one replication: cannot tell)");
    }

    @Test
    void aWorsePolicyIsCalledWorseAndPaintedRed() {
        // B misses more callbacks in every replication, reaches as many callers (noise both ways).
        Comparison c = comparison(
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 100.0, Metric.CONTACT_RATE, 95.0),
                        Map.of(Metric.END_OF_DAY_MISSES, 110.0, Metric.CONTACT_RATE, 96.0),
                        Map.of(Metric.END_OF_DAY_MISSES, 90.0, Metric.CONTACT_RATE, 95.5)),
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 120.0, Metric.CONTACT_RATE, 95.5),
                        Map.of(Metric.END_OF_DAY_MISSES, 131.0, Metric.CONTACT_RATE, 95.5),
                        Map.of(Metric.END_OF_DAY_MISSES, 112.0, Metric.CONTACT_RATE, 95.4)));
        Verdict v = Verdict.of(c, 1);
        assertThat(v.lines().get(0).finding()).isEqualTo(Verdict.Finding.WORSE);
        assertThat(v.lines().get(0).sentence()).startsWith("Policy B misses more end-of-day callbacks: 121 vs 100 (+21.0%, detectable)");
        assertThat(v.lines().get(2).finding()).isEqualTo(Verdict.Finding.NOT_DETECTABLE);
        assertThat(v.summary()).startsWith("Policy B against policy A: worse on 1, no detectable difference on 1");

        String coloured = TextReport.render(c, false, true);
        assertThat(lineWith(coloured, "misses more end-of-day callbacks")).startsWith("  " + Ansi.RED + "✗ Policy B").endsWith(Ansi.RESET);
        assertThat(lineWith(coloured, "reaches about as many callers")).startsWith("  " + Ansi.GREY + "≈ Policy B");

        String plain = TextReport.render(c, false, false);
        assertThat(plain).doesNotContain("\u001b[");
        assertThat(lineWith(plain, "misses more end-of-day callbacks")).startsWith("  ✗ Policy B");
        assertThat(plain).contains("✗ worse under the proposed policy", "≈ no detectable difference");
    }

    @Test
    void aBetterPolicyIsPaintedGreen() {
        Comparison c = comparison(
                List.of(Map.of(Metric.WASTED_CALLBACKS, 200.0), Map.of(Metric.WASTED_CALLBACKS, 210.0), Map.of(Metric.WASTED_CALLBACKS, 190.0)),
                List.of(Map.of(Metric.WASTED_CALLBACKS, 150.0), Map.of(Metric.WASTED_CALLBACKS, 161.0), Map.of(Metric.WASTED_CALLBACKS, 139.0)));
        String coloured = TextReport.render(c, false, true);
        assertThat(lineWith(coloured, "wastes fewer callbacks")).startsWith("  " + Ansi.GREEN + "✓ Policy B");
    }

    @Test
    void theDefaultReportIsTheVerdictAndVerboseAddsTheDiagnostics() {
        Comparison c = comparison(
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 100.0), Map.of(Metric.END_OF_DAY_MISSES, 110.0)),
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 90.0), Map.of(Metric.END_OF_DAY_MISSES, 99.0)));
        String brief = TextReport.render(c, false, false);
        assertThat(brief).startsWith("What-if: made-up figures\n30 simulated days from Mon 2 Nov 2026, 2 replications")
                .contains("Policy A: current", "Policy B: proposed", "Policy B misses fewer end-of-day callbacks", "add --verbose")
                .doesNotContain("Little", "Scenario seed", " ± ", "share of due requests that waited", "events");
        assertThat(brief.indexOf("Policy B misses")).isLessThan(brief.indexOf("Detectable:"));

        String verbose = TextReport.render(c, true, false);
        assertThat(verbose).startsWith(brief.substring(0, brief.indexOf("Every figure")))
                .contains("Little's law L = λW", "holds", "Scenario seed 5", "Δ B − A", "share of due requests that waited",
                        "Replications: policy B − policy A", "events in");
        assertThat(verbose.indexOf("Policy B misses")).isLessThan(verbose.indexOf("Little's law"));
    }

    @Test
    void aFailedBookkeepingCheckIsStillReportedWithoutVerbose() {
        Comparison c = comparison(
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 100.0, Metric.LITTLE_RELATIVE_ERROR, 0.01)),
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 90.0)));
        assertThat(TextReport.render(c, false, false)).contains("bookkeeping check failed").doesNotContain("Little");
        assertThat(TextReport.render(c, true, false)).contains("VIOLATED");
    }

    @Test
    void aSinglePolicyGetsItsHeadlineFiguresNotAVerdict() {
        Comparison c = new Comparison(SCENARIO, List.of(policy("current",
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 100.0, Metric.TIME_TO_CONTACT_MEAN, 42.0),
                        Map.of(Metric.END_OF_DAY_MISSES, 110.0, Metric.TIME_TO_CONTACT_MEAN, 44.0)))));
        String out = TextReport.render(c, false, true);
        assertThat(out).contains("End-of-day misses: 105 (95 % interval", "Time to first contact (mean): 43 min")
                .doesNotContain("Policy B", "\u001b[3");
    }

    @Test
    void colourOnlyOnATerminalAndNeverAgainstTheUsersWish() {
        assertThat(Ansi.wanted(null, true, Map.of())).isTrue();
        assertThat(Ansi.wanted(null, false, Map.of())).isFalse();
        assertThat(Ansi.wanted(null, true, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Ansi.wanted(null, true, Map.of("NO_COLOR", ""))).isTrue();
        assertThat(Ansi.wanted(null, true, Map.of("TERM", "dumb"))).isFalse();
        assertThat(Ansi.wanted(false, true, Map.of())).isFalse();
        assertThat(Ansi.wanted(true, false, Map.of("NO_COLOR", "1"))).isTrue();
    }

    @Test
    void theHtmlVerdictCarriesSymbolsAndWordsNotColourAlone() {
        Comparison c = comparison(
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 100.0), Map.of(Metric.END_OF_DAY_MISSES, 110.0)),
                List.of(Map.of(Metric.END_OF_DAY_MISSES, 120.0), Map.of(Metric.END_OF_DAY_MISSES, 131.0)));
        String page = HtmlReport.render(c);
        assertThat(page).contains("<li class=\"worse\" data-metric=\"endOfDayMisses\" data-finding=\"worse\"><span class=\"sym\""
                + " title=\"worse under the proposed policy\">✗</span>Policy B misses more end-of-day callbacks");
        assertThat(page).contains(">✗</span>worse under the proposed policy<");
        assertThat(page).doesNotContain("Little", "Diagnostics");
        assertThat(page.indexOf("Verdict")).isLessThan(page.indexOf("<svg xmlns"));
        assertThat(HtmlReport.render(c, true)).contains("<h2>Diagnostics</h2>", "Little's law", "Scenario seed 5");
    }

    private static String lineWith(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).findFirst().orElseThrow(() -> new AssertionError(part + " in\n" + text));
    }

    private static Comparison comparison(List<Map<Metric, Double>> a, List<Map<Metric, Double>> b) {
        return new Comparison(SCENARIO, List.of(policy("current", a), policy("proposed", b)));
    }

    private static PolicyRun policy(String name, List<Map<Metric, Double>> replications) {
        List<RunResult> runs = new ArrayList<>();
        for (Map<Metric, Double> figures : replications) {
            EnumMap<Metric, Double> metrics = new EnumMap<>(Metric.class);
            metrics.put(Metric.LITTLE_RELATIVE_ERROR, 1e-14);
            metrics.putAll(figures);
            runs.add(new RunResult(metrics, new double[24], new double[24], new long[24], new LogHistogram(), 1000, 10, 10, 0.01));
        }
        return new PolicyRun(name, name + " (made up)", runs);
    }
}
