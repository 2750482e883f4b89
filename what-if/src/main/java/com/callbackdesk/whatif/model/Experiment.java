package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.whatif.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a scenario's replications under a policy. Replication {@code r} of every policy uses the
 * same seed, derived from the scenario seed and {@code r} only, so policies are compared on the
 * same synthetic callers (common random numbers) and a rerun gives the same numbers.
 */
public final class Experiment {

    private Experiment() {
    }

    /** The seed of replication {@code r}: a SplitMix64 step over (scenario seed, r). */
    public static long replicationSeed(long scenarioSeed, int r) {
        long z = scenarioSeed + 0x9E3779B97F4A7C15L * (r + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The retry path for a scenario: the production planner with {@code policy}, or none for an always-open scenario. */
    public static Supplier<RetryPath> path(Scenario scenario, String name, RetryPolicy policy) {
        if (scenario.calendar() instanceof Scenario.CalendarSpec.Office office) {
            return () -> new PlannerRetryPath(name, policy, office.calendar(), scenario.start(), scenario.days());
        }
        return () -> new AlwaysOpenPath(scenario.start(), scenario.days(), 1800);
    }

    public static PolicyRun run(Scenario scenario, String name, RetryPolicy policy) {
        return run(scenario, name, path(scenario, name, policy), scenario.replications());
    }

    public static PolicyRun run(Scenario scenario, String name, Supplier<RetryPath> paths, int replications) {
        List<RunResult> runs = new ArrayList<>(replications);
        String description = null;
        for (int r = 0; r < replications; r++) {
            RetryPath path = paths.get();
            description = path.describe();
            runs.add(new DeskSimulation(scenario, path, replicationSeed(scenario.seed(), r)).run());
        }
        return new PolicyRun(name, description, runs);
    }
}
