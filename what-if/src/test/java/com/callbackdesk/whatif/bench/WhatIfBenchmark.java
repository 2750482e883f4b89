package com.callbackdesk.whatif.bench;

import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.whatif.model.DeskSimulation;
import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.RetryPath;
import com.callbackdesk.whatif.model.RunResult;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.ScenarioParser;
import com.callbackdesk.whatif.stats.ErlangC;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The what-if figures for docs/BENCHMARKS.md:
 * <ol>
 *   <li>30 simulated days x 5,000 callers a day with retries through the production RetryPlanner,
 *       one replication: wall time (goal under 3 s), events/s; first run in a fresh JVM and the
 *       best of the following runs;
 *   <li>memory bounded by callers in the system: peak open requests, peak pending events and
 *       heap after GC at the end, for 10, 30 and 90 simulated days;
 *   <li>the same M/M/c model in our simulator and in SSJ, side by side: time ratio and both
 *       results against Erlang C.
 * </ol>
 * Run: {@code mvn -q -pl what-if -am -Dexec.skip=true test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.callbackdesk.whatif.bench.WhatIfBenchmark}
 */
public final class WhatIfBenchmark {

    private WhatIfBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path policyFile = Path.of(args.length > 0 ? args[0] : "examples/policy-current.yaml");
        if (!policyFile.toFile().exists()) {
            policyFile = Path.of("what-if").resolve(policyFile);
        }
        RetryPolicy policy = RetryPolicy.load(policyFile);
        Scenario base = scenario();
        System.out.printf(Locale.ROOT, "What-if benchmark; %d cores, max heap %d MiB, Java %s, load average at start %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        // 1. 30 days x 5,000 a day, one replication.
        System.out.println("\n## 30 days x 5,000 requests a day, one replication, policy " + policyFile.getFileName());
        System.out.println("| run | wall s | CPU s (simulation thread) | events | events/s | requests | dials | planner calls | end-of-day misses | wasted | occupancy % |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int i = 1; i <= 5; i++) {
            var path = (com.callbackdesk.whatif.model.PlannerRetryPath) Experiment.path(base, "bench", policy).get();
            long cpu0 = threads.getCurrentThreadCpuTime();
            RunResult r = new DeskSimulation(base, path, Experiment.replicationSeed(base.seed(), 0)).run();
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            best = Math.min(best, r.wallSeconds());
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %,d | %,.0f | %,.0f | %,.0f | %,d | %,.0f | %,.0f | %.1f |%n",
                    i == 1 ? "1 (first, cold)" : Integer.toString(i), r.wallSeconds(), cpu, r.events(),
                    r.events() / r.wallSeconds(), r.get(Metric.REQUESTS), r.get(Metric.DIALS), path.plannerCalls(),
                    r.get(Metric.END_OF_DAY_MISSES), r.get(Metric.WASTED_CALLBACKS), r.get(Metric.OCCUPANCY));
        }
        System.out.printf(Locale.ROOT, "best: %.2f s (goal < 3 s: %s)%n", best, best < 3 ? "met" : "NOT met");

        // 2. Memory against simulated length.
        System.out.println("\n## Memory against simulated days (same load)");
        System.out.println("| days | requests | peak open requests | peak pending events | heap after GC at the end, MiB |");
        System.out.println("|---|---|---|---|---|");
        for (int days : new int[] {10, 30, 90}) {
            Scenario s = withDays(base, days);
            Holder h = new Holder();
            RetryPath path = Experiment.path(s, "bench", policy).get();
            h.sim = new DeskSimulation(s, path, Experiment.replicationSeed(s.seed(), 0));
            RunResult r = h.sim.run();
            long heap = usedAfterGc();
            System.out.printf(Locale.ROOT, "| %d | %,.0f | %,d | %,d | %d |%n", days, r.get(Metric.REQUESTS), r.peakInSystem(),
                    r.peakPendingEvents(), heap >> 20);
            h.sim = null;
        }

        // 3. M/M/c: ours vs SSJ.
        System.out.println("\n## M/M/c side by side with SSJ (same model, warm JVM, best of 3 each)");
        System.out.println("| model | simulator | wall s | events | events/s | P(wait) | Erlang C | mean wait min | Erlang C |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        double[][] cases = {{40, 6, 5, 400}, {180, 3, 10, 100}};
        for (double[] k : cases) {
            double lambda = k[0];
            double handle = k[1];
            int c = (int) k[2];
            int days = (int) k[3];
            ErlangC theory = new ErlangC(lambda / 60, 1 / handle, c);
            Scenario mmc = mmc(lambda, handle, c, days);
            RunResult ours = null;
            for (int i = 0; i < 3; i++) {
                RunResult r = new DeskSimulation(mmc, Experiment.path(mmc, "mmc", null).get(), 42).run();
                if (ours == null || r.wallSeconds() < ours.wallSeconds()) {
                    ours = r;
                }
            }
            SsjMmc.Result ssj = null;
            for (int i = 0; i < 3; i++) {
                SsjMmc.Result r = new SsjMmc(lambda / 60, 1 / handle, c, 1440, 42 + i).run(days * 1440.0);
                if (ssj == null || r.wallSeconds() < ssj.wallSeconds()) {
                    ssj = r;
                }
            }
            String model = String.format(Locale.ROOT, "λ=%.0f/h, 1/μ=%.0f min, c=%d, %d days", lambda, handle, c, days);
            System.out.printf(Locale.ROOT, "| %s | what-if | %.3f | %,d | %,.0f | %.4f | %.4f | %.3f | %.3f |%n", model,
                    ours.wallSeconds(), ours.events(), ours.events() / ours.wallSeconds(), ours.get(Metric.WAIT_PROBABILITY),
                    theory.probabilityOfWaiting(), ours.get(Metric.MEAN_QUEUE_WAIT), theory.meanWait());
            System.out.printf(Locale.ROOT, "| %s | SSJ 3.3.2 | %.3f | %,d | %,.0f | %.4f | %.4f | %.3f | %.3f |%n", model,
                    ssj.wallSeconds(), ssj.events(), ssj.events() / ssj.wallSeconds(), ssj.waitProbability(),
                    theory.probabilityOfWaiting(), ssj.meanWait(), theory.meanWait());
            System.out.printf(Locale.ROOT, "our time / SSJ's time: %.2f%n", ours.wallSeconds() / ssj.wallSeconds());
        }
    }

    private static final class Holder {
        DeskSimulation sim;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    public static Scenario scenario() throws IOException {
        try (InputStream in = WhatIfBenchmark.class.getResourceAsStream("/bench/scenario-5000-a-day.yaml")) {
            return ScenarioParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        }
    }

    static Scenario withDays(Scenario s, int days) {
        return new Scenario(s.name(), s.seed(), days, s.replications(), s.start(), s.warmupHours(), s.calendar(),
                s.arrivals(), s.categories(), s.personas(), s.consultants(), s.calls());
    }

    static Scenario mmc(double lambdaPerHour, double handleMinutes, int c, int days) {
        return ScenarioParser.parse(String.format(Locale.ROOT, """
                name: M/M/%d
                seed: 42
                days: %d
                warmup: 1d
                calendar: always-open
                arrivals: {poisson: {perHour: %s}}
                personas: [{name: answers, share: 1, answers: 1}]
                consultants:
                  - {group: desk, handleTime: {kind: exponential, mean: %sm}, shifts: [{always: true, count: %d}]}
                calls: {ringNoAnswer: 0s, answerAfter: 0s, shortCall: 0s}
                """, c, days, lambdaPerHour, handleMinutes, c), null);
    }
}
