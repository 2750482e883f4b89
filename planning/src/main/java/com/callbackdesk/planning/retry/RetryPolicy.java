package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.config.Durations;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.config.ConfigProblems;
import com.callbackdesk.planning.config.YamlBinding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the desk retries a callback — the supervisors' policy (cancel, end of day, rotation, outcome rules, caller-chosen times). Immutable;
 * versions of it live in {@code PolicyStore} (storage). Every field is explained in docs/POLICY.md.
 *
 * @param firstAttemptDelay  how long after the request the first attempt is due, per urgency
 * @param minimumGap         never two attempts closer than this (except at a time the caller chose)
 * @param endOfDayLead       how long a call needs before an end of day: an attempt is only planned
 *                           if it starts at least this long before the end
 * @param outcomes           what each failed outcome leads to
 * @param rotationStep       how far the first attempt of each further day moves through the
 *                           working day, so no two days are tried at the same hour;
 *                           zero turns rotation off
 * @param maxAttempts        give up (UNREACHABLE) after this many attempts without contact
 * @param expiryBusinessDays give up (EXPIRED) after the close of this many business days,
 *                           counting the day of the request as the first
 * @param reputationalRiskAlertAfter a reputational-risk callback waiting in the queue longer than
 *                           this (no supervisor has taken it) raises an alert for the supervisors
 */
public record RetryPolicy(
        Map<Urgency, Duration> firstAttemptDelay,
        Duration minimumGap,
        Duration endOfDayLead,
        Map<OutcomeCode, OutcomeRule> outcomes,
        Duration rotationStep,
        int maxAttempts,
        int expiryBusinessDays,
        Duration reputationalRiskAlertAfter) {

    /** How long a reputational-risk callback may wait in the queue before supervisors are alerted, by default. */
    public static final Duration DEFAULT_REPUTATIONAL_RISK_ALERT_AFTER = Duration.ofMinutes(15);

    /** The outcomes after which the planner plans another attempt; each needs a rule. */
    public static final Set<OutcomeCode> REPLANNED = Collections.unmodifiableSet(EnumSet.of(
            OutcomeCode.NO_ANSWER, OutcomeCode.BUSY, OutcomeCode.CONGESTION,
            OutcomeCode.LEFT_FOR_THE_DAY, OutcomeCode.CALL_BACK_AT));

    public RetryPolicy {
        firstAttemptDelay = Collections.unmodifiableMap(new EnumMap<>(firstAttemptDelay));
        outcomes = Collections.unmodifiableMap(new EnumMap<>(outcomes));
        Objects.requireNonNull(minimumGap, "minimumGap");
        Objects.requireNonNull(endOfDayLead, "endOfDayLead");
        Objects.requireNonNull(rotationStep, "rotationStep");
        List<String> problems = check(firstAttemptDelay, minimumGap, endOfDayLead, outcomes, rotationStep,
                maxAttempts, expiryBusinessDays);
        range(problems, "reputationalRiskAlertAfter", reputationalRiskAlertAfter, Duration.ofMinutes(1),
                Duration.ofDays(1));
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
    }

    /** A policy with the default {@link #DEFAULT_REPUTATIONAL_RISK_ALERT_AFTER reputational-risk alert}. */
    public RetryPolicy(Map<Urgency, Duration> firstAttemptDelay, Duration minimumGap, Duration endOfDayLead,
                       Map<OutcomeCode, OutcomeRule> outcomes, Duration rotationStep, int maxAttempts,
                       int expiryBusinessDays) {
        this(firstAttemptDelay, minimumGap, endOfDayLead, outcomes, rotationStep, maxAttempts, expiryBusinessDays,
                DEFAULT_REPUTATIONAL_RISK_ALERT_AFTER);
    }

    /** A sensible starting policy (docs/POLICY.md explains each value). */
    public static RetryPolicy defaults() {
        Map<Urgency, Duration> first = new EnumMap<>(Urgency.class);
        first.put(Urgency.NORMAL, Duration.ofMinutes(20));
        first.put(Urgency.URGENT, Duration.ofMinutes(5));
        Map<OutcomeCode, OutcomeRule> rules = new EnumMap<>(OutcomeCode.class);
        rules.put(OutcomeCode.NO_ANSWER, OutcomeRule.retryAfter(Duration.ofHours(1)));
        rules.put(OutcomeCode.BUSY, OutcomeRule.retryAfter(Duration.ofMinutes(15)));
        rules.put(OutcomeCode.CONGESTION, OutcomeRule.retryAfter(Duration.ofMinutes(10)));
        rules.put(OutcomeCode.LEFT_FOR_THE_DAY, OutcomeRule.nextBusinessMorning());
        rules.put(OutcomeCode.CALL_BACK_AT, OutcomeRule.atCallerTime());
        return new RetryPolicy(first, Duration.ofMinutes(15), Duration.ofMinutes(30), rules,
                Duration.ofHours(2), 6, 5);
    }

    public Duration firstAttemptDelay(Urgency urgency) {
        return firstAttemptDelay.get(urgency);
    }

    /** The rule for an outcome; only the {@link #REPLANNED} outcomes have one. */
    public OutcomeRule rule(OutcomeCode outcome) {
        OutcomeRule r = outcomes.get(outcome);
        if (r == null) {
            throw new IllegalArgumentException("Outcome " + outcome + " does not lead to another attempt");
        }
        return r;
    }

    // Copy-with helpers for tests, the simulator and the console.

    public RetryPolicy withFirstAttemptDelay(Urgency urgency, Duration d) {
        Map<Urgency, Duration> m = new EnumMap<>(firstAttemptDelay);
        m.put(urgency, d);
        return new RetryPolicy(m, minimumGap, endOfDayLead, outcomes, rotationStep, maxAttempts, expiryBusinessDays,
                reputationalRiskAlertAfter);
    }

    public RetryPolicy withMinimumGap(Duration d) {
        return new RetryPolicy(firstAttemptDelay, d, endOfDayLead, outcomes, rotationStep, maxAttempts, expiryBusinessDays,
                reputationalRiskAlertAfter);
    }

    public RetryPolicy withEndOfDayLead(Duration d) {
        return new RetryPolicy(firstAttemptDelay, minimumGap, d, outcomes, rotationStep, maxAttempts, expiryBusinessDays,
                reputationalRiskAlertAfter);
    }

    public RetryPolicy withRule(OutcomeCode outcome, OutcomeRule rule) {
        Map<OutcomeCode, OutcomeRule> m = new EnumMap<>(outcomes);
        m.put(outcome, rule);
        return new RetryPolicy(firstAttemptDelay, minimumGap, endOfDayLead, m, rotationStep, maxAttempts, expiryBusinessDays,
                reputationalRiskAlertAfter);
    }

    public RetryPolicy withRotationStep(Duration d) {
        return new RetryPolicy(firstAttemptDelay, minimumGap, endOfDayLead, outcomes, d, maxAttempts, expiryBusinessDays,
                reputationalRiskAlertAfter);
    }

    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(firstAttemptDelay, minimumGap, endOfDayLead, outcomes, rotationStep, n, expiryBusinessDays,
                reputationalRiskAlertAfter);
    }

    public RetryPolicy withReputationalRiskAlertAfter(Duration d) {
        return new RetryPolicy(firstAttemptDelay, minimumGap, endOfDayLead, outcomes, rotationStep, maxAttempts,
                expiryBusinessDays, d);
    }

    public RetryPolicy withExpiryBusinessDays(int n) {
        return new RetryPolicy(firstAttemptDelay, minimumGap, endOfDayLead, outcomes, rotationStep, maxAttempts, n,
                reputationalRiskAlertAfter);
    }

    // ---------------------------------------------------------------- validation

    private static final Duration WEEK = Duration.ofDays(7);

    private static List<String> check(Map<Urgency, Duration> first, Duration gap, Duration lead,
                                      Map<OutcomeCode, OutcomeRule> outcomes, Duration rotation, int maxAttempts,
                                      int expiryDays) {
        List<String> p = new ArrayList<>();
        for (Urgency u : Urgency.values()) {
            Duration d = first.get(u);
            if (d == null) {
                p.add("firstAttemptDelay." + u + ": required");
            } else {
                range(p, "firstAttemptDelay." + u, d, Duration.ZERO, WEEK);
            }
        }
        Duration n = first.get(Urgency.NORMAL), u = first.get(Urgency.URGENT);
        if (n != null && u != null && u.compareTo(n) > 0) {
            p.add("firstAttemptDelay.URGENT: must not be later than NORMAL (" + Durations.format(u) + " > "
                    + Durations.format(n) + ")");
        }
        range(p, "minimumGap", gap, Duration.ZERO, Duration.ofDays(1));
        range(p, "endOfDayLead", lead, Duration.ZERO, Duration.ofHours(4));
        for (OutcomeCode o : REPLANNED) {
            if (!outcomes.containsKey(o)) {
                p.add("outcomes." + o + ": required (every outcome that leads to another attempt needs a rule)");
            }
        }
        outcomes.forEach((o, r) -> {
            String f = "outcomes." + o;
            if (!REPLANNED.contains(o)) {
                p.add(f + ": " + o + " does not lead to another attempt; only " + REPLANNED + " take rules");
            } else if (r.action() == OutcomeRule.Action.AT_CALLER_TIME && o != OutcomeCode.CALL_BACK_AT) {
                p.add(f + ": atCallerTime only fits CALL_BACK_AT (no time was agreed)");
            } else if (o == OutcomeCode.CALL_BACK_AT && r.action() != OutcomeRule.Action.AT_CALLER_TIME) {
                p.add(f + ": must be atCallerTime — a time the caller chose is kept");
            } else if (r.action() == OutcomeRule.Action.RETRY_AFTER) {
                range(p, f + ".retryAfter", r.after(), Duration.ofMinutes(1), WEEK);
            }
        });
        range(p, "rotation.dailyShift", rotation, Duration.ZERO, Duration.ofHours(12));
        if (maxAttempts < 1 || maxAttempts > 50) {
            p.add("maxAttempts: must be between 1 and 50, was " + maxAttempts);
        }
        if (expiryDays < 1 || expiryDays > 60) {
            p.add("expiry.businessDays: must be between 1 and 60, was " + expiryDays);
        }
        return p;
    }

    private static void range(List<String> p, String field, Duration d, Duration min, Duration max) {
        if (d == null) {
            p.add(field + ": required");
        } else if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            p.add(field + ": must be between " + Durations.format(min) + " and " + Durations.format(max) + ", was "
                    + (d.isNegative() ? d.toString() : Durations.format(d)));
        }
    }

    // ---------------------------------------------------------------- YAML

    /**
     * Reads a policy; every problem found is reported at once, each naming its field and the rule
     * it breaks. The file binds into {@link PolicyFile}; the rules are then checked by the
     * constructor, so a policy that does not bind is not also checked for ranges.
     */
    public static RetryPolicy parse(String yaml) {
        ConfigProblems p = new ConfigProblems();
        PolicyFile file = YamlBinding.bind(yaml, PolicyFile.class, "must be a mapping of policy fields", p);
        if (file == null) {
            throw new PolicyValidationException(p.list());
        }
        RetryPolicy policy = file.toPolicy(p);
        if (!p.isEmpty()) {
            throw new PolicyValidationException(p.list());
        }
        return policy;
    }

    public static RetryPolicy load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PolicyValidationException(List.of("(file): cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** The YAML form; {@code parse(toYaml())} gives an equal policy. */
    public String toYaml() {
        StringBuilder y = new StringBuilder();
        y.append("firstAttemptDelay:\n");
        firstAttemptDelay.forEach((u, d) -> y.append("  ").append(u).append(": ").append(Durations.format(d)).append('\n'));
        y.append("minimumGap: ").append(Durations.format(minimumGap)).append('\n');
        y.append("endOfDayLead: ").append(Durations.format(endOfDayLead)).append('\n');
        y.append("outcomes:\n");
        outcomes.forEach((o, r) -> y.append("  ").append(o).append(": ").append(switch (r.action()) {
            case RETRY_AFTER -> "{ retryAfter: " + Durations.format(r.after()) + " }";
            case NEXT_BUSINESS_MORNING -> "nextBusinessMorning";
            case AT_CALLER_TIME -> "atCallerTime";
        }).append('\n'));
        y.append("rotation:\n  dailyShift: ").append(Durations.format(rotationStep)).append('\n');
        y.append("maxAttempts: ").append(maxAttempts).append('\n');
        y.append("expiry:\n  businessDays: ").append(expiryBusinessDays).append('\n');
        y.append("reputationalRiskAlertAfter: ").append(Durations.format(reputationalRiskAlertAfter)).append('\n');
        return y.toString();
    }

    /** Field path → value, in a fixed order: what {@link PolicyDiff} compares and the console shows. */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        firstAttemptDelay.forEach((u, d) -> f.put("firstAttemptDelay." + u, Durations.format(d)));
        f.put("minimumGap", Durations.format(minimumGap));
        f.put("endOfDayLead", Durations.format(endOfDayLead));
        outcomes.forEach((o, r) -> f.put("outcomes." + o, r.toString()));
        f.put("rotation.dailyShift", Durations.format(rotationStep));
        f.put("maxAttempts", Integer.toString(maxAttempts));
        f.put("expiry.businessDays", Integer.toString(expiryBusinessDays));
        f.put("reputationalRiskAlertAfter", Durations.format(reputationalRiskAlertAfter));
        return f;
    }
}
