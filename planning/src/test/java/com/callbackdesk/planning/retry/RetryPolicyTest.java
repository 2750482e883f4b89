package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.config.Durations;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.OutcomeCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    static final String EXAMPLE = """
            firstAttemptDelay:
              NORMAL: 40m
              URGENT: 5m
            minimumGap: 15m
            endOfDayLead: PT30M
            outcomes:
              NO_ANSWER: { retryAfter: 1h30m }
              BUSY: { retryAfter: 15m }
              CONGESTION: { retryAfter: 10m }
              LEFT_FOR_THE_DAY: nextBusinessMorning
              CALL_BACK_AT: atCallerTime
            rotation:
              dailyShift: 2h
            maxAttempts: 6
            expiry:
              businessDays: 5
            """;

    @Test
    void readsTheYamlAPolicyFileIsWrittenIn() {
        RetryPolicy p = RetryPolicy.parse(EXAMPLE);

        assertThat(p.firstAttemptDelay(Urgency.NORMAL)).isEqualTo(Duration.ofMinutes(40));
        assertThat(p.endOfDayLead()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.rule(OutcomeCode.NO_ANSWER)).isEqualTo(OutcomeRule.retryAfter(Duration.ofMinutes(90)));
        assertThat(p.rule(OutcomeCode.LEFT_FOR_THE_DAY).action()).isEqualTo(OutcomeRule.Action.NEXT_BUSINESS_MORNING);
        assertThat(p.maxAttempts()).isEqualTo(6);
        assertThat(p.expiryBusinessDays()).isEqualTo(5);
    }

    @Test
    void roundTripsThroughYaml() {
        RetryPolicy p = RetryPolicy.parse(EXAMPLE);
        assertThat(RetryPolicy.parse(p.toYaml())).isEqualTo(p);
        assertThat(RetryPolicy.parse(RetryPolicy.defaults().toYaml())).isEqualTo(RetryPolicy.defaults());
    }

    @Test
    void everyProblemIsReportedWithItsFieldAndRule() {
        String bad = """
                firstAttemptDelay:
                  NORMAL: 5m
                  URGENT: 20m
                  CRITICAL: 1m
                minimumGap: soon
                endOfDayLead: 6h
                outcomes:
                  NO_ANSWER: { retryAfter: 0m }
                  BUSY: later
                  RESOLVED: { retryAfter: 1h }
                  CALL_BACK_AT: nextBusinessMorning
                maxAttempts: 0
                expiry: { businessDays: 90 }
                colour: blue
                """;

        assertThatThrownBy(() -> RetryPolicy.parse(bad))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "colour: unknown field (expected one of endOfDayLead, expiry, firstAttemptDelay, maxAttempts, minimumGap, outcomes, reputationalRiskAlertAfter, rotation)",
                        "firstAttemptDelay.CRITICAL: unknown Urgency (expected one of [NORMAL, URGENT])",
                        "minimumGap: not a duration (use e.g. 15m, 1h30m, 2d or PT15M): 'soon'",
                        "outcomes.BUSY: expected nextBusinessMorning, atCallerTime or {retryAfter: <duration>}, was 'later'"));

        // Once it parses, the rules: every broken one at once.
        String parsesButBreaksRules = bad.replace("  CRITICAL: 1m\n", "").replace("soon", "15m").replace("later", "nextBusinessMorning")
                .replace("colour: blue\n", "");
        assertThatThrownBy(() -> RetryPolicy.parse(parsesButBreaksRules))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "firstAttemptDelay.URGENT: must not be later than NORMAL (20m > 5m)",
                        "endOfDayLead: must be between 0m and 4h, was 6h",
                        "outcomes.CONGESTION: required (every outcome that leads to another attempt needs a rule)",
                        "outcomes.LEFT_FOR_THE_DAY: required (every outcome that leads to another attempt needs a rule)",
                        "outcomes.NO_ANSWER.retryAfter: must be between 1m and 7d, was 0m",
                        "outcomes.RESOLVED: RESOLVED does not lead to another attempt; only [NO_ANSWER, BUSY, CONGESTION, CALL_BACK_AT, LEFT_FOR_THE_DAY] take rules",
                        "outcomes.CALL_BACK_AT: must be atCallerTime — a time the caller chose is kept",
                        "maxAttempts: must be between 1 and 50, was 0",
                        "expiry.businessDays: must be between 1 and 60, was 90"));
    }

    @Test
    void notYamlAtAllSaysSo() {
        assertThatThrownBy(() -> RetryPolicy.parse("maxAttempts: [1, 2"))
                .isInstanceOf(PolicyValidationException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> RetryPolicy.parse("- a list"))
                .isInstanceOf(PolicyValidationException.class).hasMessageContaining("must be a mapping");
    }

    @Test
    void theDiffNamesEachChangedField() {
        RetryPolicy before = RetryPolicy.defaults();
        RetryPolicy after = before.withMinimumGap(Duration.ofMinutes(40)).withEndOfDayLead(Duration.ofMinutes(45))
                .withRule(OutcomeCode.BUSY, OutcomeRule.retryAfter(Duration.ofMinutes(20)));

        PolicyDiff diff = PolicyDiff.between(before, after);

        assertThat(diff.changes()).extracting(PolicyDiff.Change::toString).containsExactly(
                "minimumGap: 15m → 40m", "endOfDayLead: 30m → 45m", "outcomes.BUSY: retryAfter 15m → retryAfter 20m");
        assertThat(PolicyDiff.between(before, before).isEmpty()).isTrue();
        assertThat(PolicyDiff.between(null, before).changes()).allSatisfy(c -> assertThat(c.before()).isNull());
    }

    @Test
    void durationsAsSupervisorsWriteThem() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThatThrownBy(() -> Durations.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReputationalRiskAlertIsOptionalWithADefaultAndARange() {
        String yaml = RetryPolicy.defaults().toYaml();
        assertThat(yaml).contains("reputationalRiskAlertAfter: 15m");
        String without = yaml.replace("reputationalRiskAlertAfter: 15m\n", "");
        assertThat(RetryPolicy.parse(without).reputationalRiskAlertAfter()).isEqualTo(java.time.Duration.ofMinutes(15));
        RetryPolicy ten = RetryPolicy.parse(without + "reputationalRiskAlertAfter: 10m\n");
        assertThat(ten.reputationalRiskAlertAfter()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(RetryPolicy.parse(ten.toYaml())).isEqualTo(ten);
        assertThat(PolicyDiff.between(RetryPolicy.defaults(), ten).render())
                .isEqualTo("reputationalRiskAlertAfter: 15m → 10m\n");
        assertThatThrownBy(() -> RetryPolicy.parse(without + "reputationalRiskAlertAfter: 0m\n"))
                .isInstanceOfSatisfying(PolicyValidationException.class, e -> assertThat(e.problems())
                        .containsExactly("reputationalRiskAlertAfter: must be between 1m and 1d, was 0m"));
    }
}
