package com.callbackdesk.http.console;

import com.callbackdesk.planning.retry.PolicyDiff;
import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.policy.PolicyVersion;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.whatif.WhatIf;
import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.report.Comparison;
import com.callbackdesk.whatif.report.JsonReport;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioException;
import com.callbackdesk.whatif.scenario.ScenarioParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The supervisor's "try it first": the what-if module's simulator ({@link Experiment}, the same
 * planner, calendar and queue order as production) run on one of the packaged example scenarios
 * under the live policy and a proposed one, answered as the what-if JSON report plus what the
 * console's charts and diff need. One run at a time (the simulator takes a core); days and
 * replications are capped so a click stays a few seconds.
 */
public final class TryItFirst {

    private static final Logger LOG = LogManager.getLogger(TryItFirst.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The example scenarios packaged from what-if/examples (app/pom.xml); a test checks none is missing. */
    public static final List<String> SCENARIOS = List.of("scenario-month", "scenario-mmc");
    public static final int MAX_DAYS = 31;
    public static final int MAX_REPLICATIONS = 10;

    private final Supplier<PolicyVersion> live;
    private final Semaphore oneAtATime = new Semaphore(1);

    public TryItFirst(Supplier<PolicyVersion> live) {
        this.live = live;
    }

    /** Bad input, every problem naming its field. */
    public static final class InvalidRequest extends RuntimeException {
        private final List<String> problems;

        public InvalidRequest(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Another run is in progress. */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("a what-if run is already in progress; try again when it has finished");
        }
    }

    /** A scenario a supervisor may choose: its id, title, days and replications as written. */
    public record ScenarioChoice(String id, String name, int days, int replications) {
    }

    /** One changed policy field, live against proposed. */
    public record Change(String field, String before, String after) {
    }

    /**
     * The answer of a run (docs/CONSOLE.md): the simulator's own JSON report beside the labels and
     * kinds of its metrics (by metric key, in the simulator's metric order) and the policy diff.
     */
    public record Answer(String scenarioId, int currentVersion, JsonNode report, Map<String, String> metricLabels,
                         Map<String, String> metricKinds, List<Change> diff, double wallSeconds) {
    }

    /** The scenarios a supervisor may choose: name, title, days and replications as written. */
    public List<ScenarioChoice> scenarios() {
        return SCENARIOS.stream().map(name -> {
            Scenario s = scenario(name);
            return new ScenarioChoice(name, s.name(), s.days(), s.replications());
        }).toList();
    }

    /**
     * Runs {@code {"scenario": "scenario-month", "proposed": {policy fields as in the YAML},
     * "days": 5, "replications": 3}} (days and replications optional, capped).
     */
    public Answer run(JsonNode request, String who) {
        List<String> problems = new ArrayList<>();
        if (request == null || !request.isObject()) {
            throw new InvalidRequest(List.of("body: must be a JSON object with scenario and proposed"));
        }
        String scenarioId = request.path("scenario").asText("");
        if (!SCENARIOS.contains(scenarioId)) {
            problems.add("scenario: unknown scenario '" + scenarioId + "' (expected one of " + String.join(", ", SCENARIOS) + ")");
        }
        Integer days = bounded(request.get("days"), "days", MAX_DAYS, problems);
        Integer replications = bounded(request.get("replications"), "replications", MAX_REPLICATIONS, problems);
        RetryPolicy proposed = null;
        JsonNode p = request.get("proposed");
        if (p == null || !(p.isObject() || p.isTextual())) {
            problems.add("proposed: required, the proposed retry policy (its fields, or its YAML as a string)");
        } else {
            try {
                proposed = RetryPolicy.parse(p.isTextual() ? p.asText() : p.toString());
            } catch (PolicyValidationException e) {
                e.problems().forEach(x -> problems.add("proposed." + x));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        if (!oneAtATime.tryAcquire()) {
            throw new Busy();
        }
        try {
            PolicyVersion current = live.get();
            Scenario scenario = WhatIf.override(scenario(scenarioId),
                    replications == null ? Math.min(3, MAX_REPLICATIONS) : replications, null,
                    days == null ? Math.min(scenario(scenarioId).days(), 5) : days);
            String currentName = "current (v" + current.version() + ")";
            long started = System.nanoTime();
            LOG.info("what-if for {}: scenario {} ({} day(s) x {} replication(s)), live v{} vs proposed",
                    who, scenarioId, scenario.days(), scenario.replications(), current.version());
            List<PolicyRun> runs = List.of(
                    Experiment.run(scenario, currentName, current.policy()),
                    Experiment.run(scenario, "proposed", proposed));
            Comparison comparison = new Comparison(scenario, runs);
            JsonNode report = JSON.readTree(JsonReport.render(comparison));
            List<Change> diff = PolicyDiff.between(current.policy(), proposed).changes().stream()
                    .map(c -> new Change(c.field(), c.before(), c.after())).toList();
            Answer answer = new Answer(scenarioId, current.version(), report, byMetric(Metric::label),
                    byMetric(m -> m.kind().name()), diff, (System.nanoTime() - started) / 1e9);
            LOG.info("what-if for {} done in {} s", who, String.format("%.1f", (System.nanoTime() - started) / 1e9));
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            oneAtATime.release();
        }
    }

    /** One value per metric, keyed by the metric's key, in the simulator's metric order. */
    private static Map<String, String> byMetric(Function<Metric, String> value) {
        return Arrays.stream(Metric.values())
                .collect(Collectors.toMap(Metric::key, value, (a, b) -> a, LinkedHashMap::new));
    }

    private static Integer bounded(JsonNode n, String field, int max, List<String> problems) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > max) {
            problems.add(field + ": must be a whole number from 1 to " + max + ", was '" + n.asText() + "'");
            return null;
        }
        return n.asInt();
    }

    static Scenario scenario(String id) {
        String resource = "whatif-examples/" + id + ".yaml";
        try (InputStream in = TryItFirst.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("scenario " + resource + " is not packaged (see app/pom.xml)");
            }
            return ScenarioParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("packaged scenario " + resource + " is invalid: " + e.problems(), e);
        }
    }
}
