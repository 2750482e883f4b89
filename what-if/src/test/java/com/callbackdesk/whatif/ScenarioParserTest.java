package com.callbackdesk.whatif;

import com.callbackdesk.whatif.scenario.Distribution;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioException;
import com.callbackdesk.whatif.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScenarioParserTest {

    private static final String MINIMAL = """
            seed: 1
            days: 2
            arrivals: {poisson: {perHour: 10}}
            personas: [{name: p, share: 1}]
            consultants: [{group: g, handleTime: 5m, shifts: [{days: MON-FRI, start: "09:00", end: "18:00", count: 2}]}]
            """;

    @Test
    void theExamplesParse() {
        Scenario month = ScenarioParser.read(Path.of("examples/scenario-month.yaml"));
        assertThat(month.days()).isEqualTo(30);
        assertThat(month.personas()).hasSize(6);
        assertThat(month.calendar()).isInstanceOf(Scenario.CalendarSpec.Office.class);
        Scenario.Persona leaves = month.personas().get(2);
        assertThat(leaves.leaves().around()).isEqualTo(LocalTime.of(16, 30));
        assertThat(month.personas().get(0).answerByHour()[12]).isEqualTo(0.65);
        assertThat(month.personas().get(0).answerByHour()[9]).isEqualTo(0.85);
        Scenario.Arrivals.Poisson p = (Scenario.Arrivals.Poisson) month.arrivals();
        assertThat(p.perHour()[15]).isEqualTo(120);
        assertThat(p.perHour()[3]).isEqualTo(2);
        assertThat(p.rate(10, DayOfWeek.SATURDAY)).isEqualTo(13.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(month.consultants().get(1).skills()).containsExactly("billing", "account");
        assertThat(month.consultants().get(1).handleTime()).isInstanceOf(Distribution.Empirical.class);

        Scenario mmc = ScenarioParser.read(Path.of("examples/scenario-mmc.yaml"));
        assertThat(mmc.calendar()).isInstanceOf(Scenario.CalendarSpec.AlwaysOpen.class);
        assertThat(mmc.consultants().get(0).shifts().get(0).always()).isTrue();
        assertThat(mmc.consultants().get(0).handleTime()).isEqualTo(new Distribution.Exponential(360));
    }

    @Test
    void theCurrentPolicyExampleIsTheDefaultPolicyAndTheProposalIsValid() {
        assertThat(com.callbackdesk.planning.retry.RetryPolicy.load(Path.of("examples/policy-current.yaml")))
                .isEqualTo(com.callbackdesk.planning.retry.RetryPolicy.defaults());
        assertThat(com.callbackdesk.planning.retry.RetryPolicy.load(Path.of("examples/policy-proposed.yaml")).maxAttempts()).isEqualTo(8);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsField() {
        String yaml = """
                seed: 1
                days: 0
                replications: two
                colour: blue
                arrivals: {poisson: {perHour: {"9-17": 10, "25": 3}}}
                categories: [{name: billing}, {name: billing}]
                personas:
                  - name: a
                    share: -1
                    answers: {other: 1.5}
                    selfResolves: {probability: 0.5, within: {kind: exponential, mean: 0}}
                  - name: b
                    share: 1
                    answer: 0.5
                    leavesForTheDay: {around: "late"}
                    asksForLater: {probability: 0.5}
                consultants:
                  - group: g
                    skills: [billing, refunds]
                    handleTime: {kind: gamma, mean: 5m}
                    shifts: [{days: MON-FRI, start: "18:00", end: "09:00", count: 2}]
                calendar: {zone: Mars/Olympus, hours: {MONDAY: "09:00-18:00"}}
                """;
        ScenarioException e = catchThrowableOfType(() -> ScenarioParser.parse(yaml, null), ScenarioException.class);
        assertThat(e.problems()).contains(
                "days: must be between 1 and 3650, was 0",
                "replications: must be a whole number, was 'two'",
                "colour: unknown field",
                "arrivals.poisson.perHour.25: hours must satisfy 0 <= from < to <= 24",
                "categories[1].name: category 'billing' is defined twice",
                "personas[0].share: must be between 0 and 1000000000, was -1",
                "personas[0].answers.other: must be a number between 0 and 1",
                "personas[0].selfResolves.within.mean: must be > 0",
                "personas[1].answer: unknown field",
                "personas[1].leavesForTheDay.around: must be a time of day like 16:30, was 'late'",
                "personas[1].asksForLater.after: required",
                "consultants[0].handleTime.kind: must be one of exponential, lognormal, empirical, constant, uniform; was 'gamma'",
                "consultants[0].shifts[0].end: must be after start (18:00); a shift does not cross midnight (use 24:00 and a second shift)",
                "calendar.zone: unknown time zone 'Mars/Olympus'");
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("consultants[0].skills: 'refunds' is not a category"));
        assertThat(e.getMessage()).contains("days: must be between 1 and 3650");
    }

    @Test
    void requiredFieldsAreNamed() {
        ScenarioException e = catchThrowableOfType(() -> ScenarioParser.parse("name: x\n", null), ScenarioException.class);
        assertThat(e.problems()).contains("seed: required", "days: required", "arrivals: required", "personas: required",
                "consultants: required");
        assertThatThrownBy(() -> ScenarioParser.parse("- a list", null)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("must be a YAML mapping");
        assertThatThrownBy(() -> ScenarioParser.parse("days: [", null)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("(yaml)");
    }

    @Test
    void aCategoryNoGroupTakesIsAnError() {
        String yaml = MINIMAL.replace("consultants: [{group: g,", "categories: [{name: a}, {name: b}]\nconsultants: [{group: g, skills: [a],");
        assertThatThrownBy(() -> ScenarioParser.parse(yaml, null)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("categories[1]: no consultant group takes 'b'");
    }

    @Test
    void durationsAndDistributionsInEveryForm() {
        Scenario s = ScenarioParser.parse(MINIMAL.replace("handleTime: 5m", "handleTime: {kind: lognormal, mean: PT8M, sd: 240}")
                + "calls: {ringNoAnswer: 0.5m, answerAfter: 12, shortCall: 1.5h}\n", null);
        assertThat(s.consultants().get(0).handleTime()).isEqualTo(new Distribution.LogNormal(480, 240));
        assertThat(s.calls()).isEqualTo(new Scenario.CallTimes(30, 12, 5400));
        assertThat(s.start().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    }

    @Test
    void aDurationReadsAsInARetryPolicy() {
        // The desk's one grammar (Durations): 1h30m as in a policy, 10min, 2d; a unit is never guessed.
        Scenario s = ScenarioParser.parse(MINIMAL.replace("handleTime: 5m", "handleTime: 1h30m")
                + "calls: {ringNoAnswer: 10min, answerAfter: 1m30s, shortCall: 2d}\n", null);
        assertThat(s.consultants().get(0).handleTime()).isEqualTo(new Distribution.Constant(5400));
        assertThat(s.calls()).isEqualTo(new Scenario.CallTimes(600, 90, 172_800));
        assertThatThrownBy(() -> ScenarioParser.parse(MINIMAL + "calls: {ringNoAnswer: 30m1h}\n", null))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("calls.ringNoAnswer: must be a duration");
    }

    @Test
    void empiricalHandleTimesFromACsvAndReplayedArrivals(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("handle.csv"), "seconds\n120\n300\n7m\n");
        Files.writeString(dir.resolve("arrivals.csv"), "at\n2026-01-05T09:00:00+08:00\n");
        Files.writeString(dir.resolve("s.yaml"), MINIMAL
                .replace("handleTime: 5m", "handleTime: {kind: empirical, csv: handle.csv}")
                .replace("arrivals: {poisson: {perHour: 10}}", "arrivals: {replay: {csv: arrivals.csv}}"));
        Scenario s = ScenarioParser.read(dir.resolve("s.yaml"));
        Distribution.Empirical e = (Distribution.Empirical) s.consultants().get(0).handleTime();
        assertThat(e.values()).containsExactly(120, 300, 420);
        assertThat(s.arrivals()).isEqualTo(new Scenario.Arrivals.Replay(dir.resolve("arrivals.csv"), null));

        Files.writeString(dir.resolve("bad.yaml"), MINIMAL.replace("arrivals: {poisson: {perHour: 10}}",
                "arrivals: {replay: {csv: missing.csv}}"));
        assertThatThrownBy(() -> ScenarioParser.read(dir.resolve("bad.yaml"))).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("arrivals.replay.csv: cannot read");
    }

    @Test
    void distributionsHaveTheirMeans() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (Distribution d : new Distribution[] {new Distribution.Exponential(300), new Distribution.LogNormal(480, 240),
                new Distribution.Uniform(60, 180), new Distribution.Empirical(new double[] {1, 2, 9})}) {
            double sum = 0;
            int n = 400_000;
            for (int i = 0; i < n; i++) {
                sum += d.sample(r);
            }
            assertThat(sum / n).as(d.toString()).isCloseTo(d.mean(), org.assertj.core.data.Percentage.withPercentage(1));
        }
    }
}
