package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.config.ConfigProblems;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * A retry policy file as written (docs/POLICY.md), bound by Jackson; {@link #toPolicy} turns it
 * into a {@link RetryPolicy}, naming what is missing. Keys of the maps stay text so that an unknown
 * urgency or outcome is named with the ones allowed.
 */
record PolicyFile(
        Map<String, Duration> firstAttemptDelay,
        Duration minimumGap,
        Duration endOfDayLead,
        Map<String, Rule> outcomes,
        Rotation rotation,
        Integer maxAttempts,
        Expiry expiry,
        Duration reputationalRiskAlertAfter) {

    private static final String A_DURATION = "a duration such as 15m, 1h30m or PT15M";

    record Rotation(Duration dailyShift) {
    }

    record Expiry(Integer businessDays) {
    }

    /** {@code nextBusinessMorning}, {@code atCallerTime} or {@code {retryAfter: <duration>}}. */
    record Rule(OutcomeRule rule) {
        private static final String EXPECTED = "expected nextBusinessMorning, atCallerTime or {retryAfter: <duration>}";

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Rule named(String name) {
            return switch (name) {
                case "nextBusinessMorning" -> new Rule(OutcomeRule.nextBusinessMorning());
                case "atCallerTime" -> new Rule(OutcomeRule.atCallerTime());
                default -> throw new IllegalArgumentException(EXPECTED + ", was '" + name + "'");
            };
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        static Rule retryAfter(@JsonProperty("retryAfter") Duration after) {
            return after == null ? null : new Rule(OutcomeRule.retryAfter(after));
        }
    }

    RetryPolicy toPolicy(ConfigProblems p) {
        Map<Urgency, Duration> first = new EnumMap<>(Urgency.class);
        if (p.required("firstAttemptDelay", firstAttemptDelay, "a mapping NORMAL/URGENT → duration") != null) {
            firstAttemptDelay.forEach((key, d) -> {
                Urgency u = p.enumConstant("firstAttemptDelay." + key, Urgency.class, key);
                if (u != null && d != null) {
                    first.put(u, d);
                }
            });
        }
        p.required("minimumGap", minimumGap, A_DURATION);
        p.required("endOfDayLead", endOfDayLead, A_DURATION);
        Map<OutcomeCode, OutcomeRule> rules = new EnumMap<>(OutcomeCode.class);
        if (p.required("outcomes", outcomes, "a mapping of outcome → rule") != null) {
            outcomes.forEach((key, r) -> {
                OutcomeCode o = p.enumConstant("outcomes." + key, OutcomeCode.class, key);
                if (o != null && r != null) {
                    rules.put(o, r.rule());
                }
            });
        }
        Duration rotationStep = rotation == null ? Duration.ZERO
                : p.required("rotation.dailyShift", rotation.dailyShift(), A_DURATION);
        p.required("maxAttempts", maxAttempts, "a whole number");
        if (p.required("expiry", expiry, "a mapping with exactly businessDays (e.g. businessDays: 5)") != null) {
            p.required("expiry.businessDays", expiry.businessDays(), "a whole number");
        }
        if (!p.isEmpty()) {
            return null;
        }
        try {
            return new RetryPolicy(first, minimumGap, endOfDayLead, rules, rotationStep, maxAttempts,
                    expiry.businessDays(), reputationalRiskAlertAfter == null
                            ? RetryPolicy.DEFAULT_REPUTATIONAL_RISK_ALERT_AFTER : reputationalRiskAlertAfter);
        } catch (PolicyValidationException e) {
            e.problems().forEach(p::addLine);
            return null;
        }
    }
}
