package com.callbackdesk.whatif;

import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.whatif.model.DeskSimulation;
import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.model.RunResult;
import com.callbackdesk.whatif.report.Comparison;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The desk model: reproducibility, Little's law, bounded memory and the personas' stories. */
class DeskSimulationTest {

    private static final RetryPolicy CURRENT = RetryPolicy.load(Path.of("examples/policy-current.yaml"));
    private static final RetryPolicy PROPOSED = RetryPolicy.load(Path.of("examples/policy-proposed.yaml"));

    private static Scenario month(int days, int replications) {
        return WhatIf.override(ScenarioParser.read(Path.of("examples/scenario-month.yaml")), replications, null, days);
    }

    /** A small desk: one persona, one group of {@code consultants} working 09:00-18:00 on weekdays, default calendar. */
    private static Scenario desk(String persona, int consultants, int days, double perHour) {
        return ScenarioParser.parse("""
                seed: 11
                days: %d
                replications: 4
                arrivals: {poisson: {perHour: {"9-17": %s}, dayOfWeek: {SAT: 0, SUN: 0}}}
                personas:
                  - %s
                consultants:
                  - {group: g, handleTime: {kind: exponential, mean: 6m}, shifts: [{days: MON-FRI, start: "09:00", end: "18:00", count: %d}]}
                """.formatted(days, perHour, persona, consultants), null);
    }

    @Test
    void sameSeedSameNumbersAndAnotherSeedOthers() {
        Scenario s = month(5, 2);
        PolicyRun a = Experiment.run(s, "current", CURRENT);
        PolicyRun b = Experiment.run(s, "current", CURRENT);
        for (int r = 0; r < 2; r++) {
            assertThat(b.runs().get(r).metrics()).isEqualTo(a.runs().get(r).metrics());
            assertThat(b.runs().get(r).queueDepthByHour()).containsExactly(a.runs().get(r).queueDepthByHour());
            assertThat(b.runs().get(r).events()).isEqualTo(a.runs().get(r).events());
        }
        PolicyRun other = Experiment.run(WhatIf.override(s, null, 99L, null), "current", CURRENT);
        assertThat(other.runs().get(0).metrics()).isNotEqualTo(a.runs().get(0).metrics());
        assertThat(a.runs().get(0).metrics()).isNotEqualTo(a.runs().get(1).metrics()); // replications differ
    }

    @Test
    void littlesLawHoldsOnEveryRun() {
        Scenario s = month(10, 3);
        for (RetryPolicy p : List.of(CURRENT, PROPOSED)) {
            for (RunResult r : Experiment.run(s, "p", p).runs()) {
                assertThat(r.get(Metric.LITTLE_RELATIVE_ERROR)).isLessThan(1e-9);
                assertThat(r.get(Metric.LITTLE_L)).isGreaterThan(1);
            }
        }
    }

    @Test
    void policiesAreComparedOnTheSameCallers() {
        Scenario s = month(5, 3);
        Comparison c = new Comparison(s, List.of(Experiment.run(s, "current", CURRENT), Experiment.run(s, "proposed", PROPOSED)));
        // The same arrivals: request counts differ only by repeat requests that follow a resolution.
        for (int r = 0; r < 3; r++) {
            double requestsA = c.policies().get(0).runs().get(r).get(Metric.REQUESTS) - c.policies().get(0).runs().get(r).get(Metric.REPEATS_FLAGGED);
            double requestsB = c.policies().get(1).runs().get(r).get(Metric.REQUESTS) - c.policies().get(1).runs().get(r).get(Metric.REPEATS_FLAGGED);
            assertThat(requestsB).isEqualTo(requestsA);
        }
        assertThat(c.difference(1, Metric.REQUESTS).n()).isEqualTo(3);
    }

    @Test
    void memoryFollowsCallersInTheSystemNotCallersSimulated() throws IOException {
        Scenario base = com.callbackdesk.whatif.bench.WhatIfBenchmark.scenario(); // 5,000 requests a day
        Scenario s10 = WhatIf.override(base, 1, null, 10);
        Scenario s40 = WhatIf.override(base, 1, null, 40);
        RunResult a = new DeskSimulation(s10, Experiment.path(s10, "c", CURRENT).get(), 1).run();
        RunResult b = new DeskSimulation(s40, Experiment.path(s40, "c", CURRENT).get(), 1).run();
        assertThat(b.get(Metric.REQUESTS)).isGreaterThan(3.5 * a.get(Metric.REQUESTS));
        // What is held (pending events: each belongs to a caller in the system or to one closed today,
        // or is a consultant's shift) does not grow with what was simulated.
        assertThat((double) b.peakPendingEvents()).isLessThan(1.2 * a.peakPendingEvents());
        assertThat((double) b.peakInSystem()).isLessThan(1.2 * a.peakInSystem());
        assertThat((double) b.peakInSystem()).isLessThan(0.01 * b.get(Metric.REQUESTS));
    }

    @Test
    void callingSoonerWastesFewerCallbacks() {
        Scenario s = desk("{name: fixes it alone, share: 1, selfResolves: {probability: 0.8, within: {kind: exponential, mean: 10m}, cancels: 0}}",
                4, 5, 20);
        RetryPolicy late = CURRENT.withFirstAttemptDelay(com.callbackdesk.planning.Urgency.NORMAL, Duration.ofMinutes(60));
        RetryPolicy soon = CURRENT.withFirstAttemptDelay(com.callbackdesk.planning.Urgency.URGENT, Duration.ofMinutes(1))
                .withFirstAttemptDelay(com.callbackdesk.planning.Urgency.NORMAL, Duration.ofMinutes(2));
        double wastedLate = Experiment.run(s, "late", late).estimate(Metric.WASTED_CALLBACKS).mean();
        double wastedSoon = Experiment.run(s, "soon", soon).estimate(Metric.WASTED_CALLBACKS).mean();
        assertThat(wastedLate).isGreaterThan(0);
        assertThat(wastedSoon).isLessThan(wastedLate * 0.8);

        Scenario cancelling = desk("{name: fixes it alone, share: 1, selfResolves: {probability: 0.8, within: {kind: exponential, mean: 10m}, cancels: 1}}",
                4, 5, 20);
        PolicyRun c = Experiment.run(cancelling, "late", late);
        assertThat(c.estimate(Metric.WASTED_CALLBACKS).mean()).isZero();
        assertThat(c.estimate(Metric.CANCELLED).mean()).isGreaterThan(0);
    }

    @Test
    void aCallerWhoSaysWhenTheyLeaveIsDialledAfterLeavingLess() {
        String says = "{name: leaves, share: 1, leavesForTheDay: {around: \"16:00\", sdMinutes: 10, states: 1, colleagueAnswers: 0.5}}";
        String silent = "{name: leaves, share: 1, leavesForTheDay: {around: \"16:00\", sdMinutes: 10, states: 0, colleagueAnswers: 0.5}}";
        PolicyRun a = Experiment.run(desk(says, 3, 5, 25), "c", CURRENT);
        PolicyRun b = Experiment.run(desk(silent, 3, 5, 25), "c", CURRENT);
        assertThat(b.estimate(Metric.DIALS_AFTER_LEFT).mean()).isGreaterThan(0);
        assertThat(a.estimate(Metric.DIALS_AFTER_LEFT).mean()).isLessThan(b.estimate(Metric.DIALS_AFTER_LEFT).mean());
        assertThat(b.estimate(Metric.END_OF_DAY_MISSES).mean()).isGreaterThan(0);
    }

    @Test
    void aCallerInAnotherZoneIsHeldToTheirOwnClock() {
        // Same stated "until 17:00"; in Tokyo that is 16:00 at the Taipei office. The planner gets
        // the caller's zone (PlanRequest.callerZone), so it stops dialling them an hour earlier.
        String taipei = "{name: leaves, share: 1, leavesForTheDay: {around: \"17:00\", sdMinutes: 0, states: 1, colleagueAnswers: 0.5}}";
        String tokyo = "{name: leaves, share: 1, zone: Asia/Tokyo, leavesForTheDay: {around: \"17:00\", sdMinutes: 0, states: 1, colleagueAnswers: 0.5}}";
        PolicyRun a = Experiment.run(desk(taipei, 3, 5, 25), "c", CURRENT);
        PolicyRun b = Experiment.run(desk(tokyo, 3, 5, 25), "c", CURRENT);
        assertThat(b.estimate(Metric.END_OF_DAY_MISSES).mean()).isGreaterThan(a.estimate(Metric.END_OF_DAY_MISSES).mean());
        assertThat(b.estimate(Metric.DIALS_AFTER_LEFT).mean()).isLessThan(0.01 * b.estimate(Metric.DIALS).mean());
    }

    @Test
    void askingForLaterRefusedScreenshotsAndRepeatsAreCounted() {
        Scenario s = ScenarioParser.parse(("""
                seed: 3
                days: 10
                replications: 2
                arrivals: {poisson: {perHour: {"9-17": 15}, dayOfWeek: {SAT: 0, SUN: 0}}}
                categories: [{name: app-error, share: 1, screenshot: true}]
                personas:
                  - {name: mixed, share: 1, answers: 0.9, asksForLater: {probability: 0.5, after: 1h},
                     refusesScreenshot: {probability: 1, handleTimeFactor: 2},
                     repeats: {whilePending: 0.5, whilePendingAfter: 10m, afterResolved: 0.5, afterResolvedAfter: 1d}}
                consultants:
                  - {group: g, handleTime: {kind: exponential, mean: 6m}, shifts: [{days: MON-FRI, start: "09:00", end: "18:00", count: 5}]}
                """), null);
        PolicyRun r = Experiment.run(s, "c", CURRENT);
        assertThat(r.estimate(Metric.SCREENSHOTS_DECLINED).mean()).isGreaterThan(0);
        assertThat(r.estimate(Metric.MERGED).mean()).isGreaterThan(0);
        assertThat(r.estimate(Metric.REPEATS_FLAGGED).mean()).isGreaterThan(0);
        assertThat(r.estimate(Metric.SURVEY_TRANSFERS).mean()).isGreaterThan(0);
        assertThat(r.estimate(Metric.ATTEMPTS_PER_CONTACT).mean()).isGreaterThan(1.2); // "call me later" costs a dial
    }

    @Test
    void answerProbabilityByHourMatters() {
        PolicyRun always = Experiment.run(desk("{name: p, share: 1, answers: 1}", 4, 5, 15), "c", CURRENT);
        PolicyRun lunch = Experiment.run(desk("{name: p, share: 1, answers: {other: 1, \"9-17\": 0.3}}", 4, 5, 15), "c", CURRENT);
        assertThat(always.estimate(Metric.ATTEMPTS_PER_CONTACT).mean()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(lunch.estimate(Metric.ATTEMPTS_PER_CONTACT).mean()).isGreaterThan(2);
        assertThat(lunch.estimate(Metric.UNREACHABLE).mean() + lunch.estimate(Metric.EXPIRED).mean()).isGreaterThan(0);
    }

    @Test
    void runsAcrossDaylightSavingChangesInTheOfficeZone() {
        // Berlin: clocks go forward on 29 March 2026 and back on 25 October 2026.
        for (String start : List.of("2026-03-23", "2026-10-19")) {
            Scenario s = ScenarioParser.parse("""
                    seed: 4
                    days: 14
                    replications: 2
                    start: %s
                    calendar: {zone: Europe/Berlin, hours: {MONDAY: "08:00-18:00", TUESDAY: "08:00-18:00", WEDNESDAY: "08:00-18:00",
                               THURSDAY: "08:00-18:00", FRIDAY: "08:00-18:00", SATURDAY: "08:00-12:00", SUNDAY: "01:00-04:00"}}
                    arrivals: {poisson: {perHour: {"1-4": 20, "8-18": 30, other: 1}}}
                    personas:
                      - {name: p, share: 1, answers: 0.7, leavesForTheDay: {around: "17:00", sdMinutes: 30, states: 0.5, colleagueAnswers: 0.5}}
                    consultants:
                      - {group: g, handleTime: {kind: exponential, mean: 6m}, shifts: [{days: ALL, start: "00:00", end: "24:00", count: 4}]}
                    """.formatted(start), null);
            for (RunResult r : Experiment.run(s, "c", CURRENT).runs()) {
                // 371 expected a day (3 h x 20 + 10 h x 30 + 11 h x 1), one hour of 20 less or more on the change day
                assertThat(r.get(Metric.REQUESTS)).isCloseTo(14 * 371, org.assertj.core.data.Percentage.withPercentage(5));
                assertThat(r.get(Metric.LITTLE_RELATIVE_ERROR)).isLessThan(1e-9);
                assertThat(r.get(Metric.CONTACT_RATE)).isGreaterThan(60);
            }
        }
    }

    @Test
    void replayedArrivalsAreTheRowsOfTheCsv(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("caller,arrival\n");
        int rows = 0;
        for (int day = 5; day <= 9; day++) { // Mon 5 Jan 2026 .. Fri 9 Jan
            for (int minute = 0; minute < 8 * 60; minute += 7) {
                csv.append("+8869").append(rows).append(String.format(",2026-01-%02dT%02d:%02d:00+08:00%n", day, 9 + minute / 60, minute % 60));
                rows++;
            }
        }
        csv.append("+88600,2026-01-20T10:00:00+08:00\n"); // after the simulated days: ignored
        Files.writeString(dir.resolve("arrivals.csv"), csv.toString());
        Files.writeString(dir.resolve("s.yaml"), """
                seed: 2
                days: 5
                replications: 2
                arrivals: {replay: {csv: arrivals.csv, column: arrival}}
                personas: [{name: p, share: 1}]
                consultants: [{group: g, handleTime: 5m, shifts: [{days: MON-FRI, start: "09:00", end: "18:00", count: 2}]}]
                """);
        Scenario s = ScenarioParser.read(dir.resolve("s.yaml"));
        PolicyRun r = Experiment.run(s, "c", CURRENT);
        for (RunResult run : r.runs()) {
            assertThat(run.get(Metric.REQUESTS)).isEqualTo(rows);
            assertThat(run.get(Metric.LITTLE_RELATIVE_ERROR)).isLessThan(1e-9);
        }
    }
}
