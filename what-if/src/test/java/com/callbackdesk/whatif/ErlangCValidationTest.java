package com.callbackdesk.whatif;

import com.callbackdesk.whatif.model.Experiment;
import com.callbackdesk.whatif.model.Metric;
import com.callbackdesk.whatif.model.PolicyRun;
import com.callbackdesk.whatif.model.RunResult;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.stats.ErlangC;
import com.callbackdesk.whatif.stats.Tally;
import com.callbackdesk.whatif.stats.StudentT;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator against queueing theory: for several (lambda, mu, c), the M/M/c scenario's
 * probability of waiting, mean wait, mean queue length and mean number in system must agree with
 * Erlang C within the statistical error of the replications.
 *
 * <p>The acceptance rule: the theoretical value lies inside the confidence interval over
 * replications at a family-wise 95 % level, Bonferroni-corrected over all 22 comparisons in this
 * class (each interval at 1 - 0.05/22 = 99.77 %). The intervals must also be narrow (relative
 * half-width under 5 %), so agreement is not bought with noise. Seeds are fixed: the test is
 * deterministic, and a change to the simulator that moves a result outside its interval fails it.
 */
class ErlangCValidationTest {
    private static final Logger LOG = LogManager.getLogger(ErlangCValidationTest.class);
    private static final int COMPARISONS = 5 * 4 + 2;
    private static final double LEVEL = 1 - 0.05 / COMPARISONS;
    private static final int REPLICATIONS = 20;

    @ParameterizedTest(name = "lambda={0}/h, mean handle={1} min, c={2}")
    @CsvSource({
            // lambda/h, handle min, c, days per replication
            "45,  1.0,  1, 40",   // M/M/1, rho 0.75
            "80,  1.2,  2, 40",   // rho 0.80
            "40,  6.0,  5, 80",   // the example scenario-mmc.yaml, rho 0.80
            "180, 3.0, 10, 60",   // rho 0.90
            "420, 2.0, 20, 30",   // rho 0.70
    })
    void agreesWithErlangC(double lambdaPerHour, double handleMinutes, int c, int days) {
        Scenario s = MmcTestSupport.mmc(lambdaPerHour, handleMinutes, c, days, REPLICATIONS, 1000 + c);
        PolicyRun run = Experiment.run(s, "mmc", null);
        ErlangC theory = new ErlangC(lambdaPerHour / 60, 1 / handleMinutes, c); // per minute

        check("P(wait)", run, r -> r.get(Metric.WAIT_PROBABILITY), theory.probabilityOfWaiting());
        check("Wq (min)", run, r -> r.get(Metric.MEAN_QUEUE_WAIT), theory.meanWait());
        check("L (in system)", run, r -> r.get(Metric.LITTLE_L), theory.meanInSystem());
        check("Lq (waiting)", run, r -> r.get(Metric.MEAN_QUEUE_LENGTH), theory.meanQueueLength());

        for (RunResult r : run.runs()) {
            assertThat(r.get(Metric.LITTLE_RELATIVE_ERROR)).as("Little's law on every run").isLessThan(1e-9);
            assertThat(r.get(Metric.CONTACT_RATE)).isGreaterThan(99.0);
        }
    }

    /** The reference the benchmark compares against (SSJ) agrees with Erlang C too, by the same rule. */
    @org.junit.jupiter.api.Test
    void theSsjReferenceAgreesWithErlangC() {
        ErlangC theory = new ErlangC(40.0 / 60, 1 / 6.0, 5);
        Tally wait = new Tally();
        Tally pWait = new Tally();
        for (int r = 0; r < REPLICATIONS; r++) {
            var result = new com.callbackdesk.whatif.bench.SsjMmc(40.0 / 60, 1 / 6.0, 5, 1440, 7 + r).run(80 * 1440.0);
            wait.add(result.meanWait());
            pWait.add(result.waitProbability());
        }
        double t = StudentT.quantile(0.5 + LEVEL / 2, REPLICATIONS - 1);
        LOG.info("SSJ M/M/5: P(wait) {} ± {}, Wq {} ± {} (Erlang C {}, {})", fmt(pWait.mean()),
                fmt(t * Math.sqrt(pWait.variance() / REPLICATIONS)), fmt(wait.mean()),
                fmt(t * Math.sqrt(wait.variance() / REPLICATIONS)), fmt(theory.probabilityOfWaiting()), fmt(theory.meanWait()));
        assertThat(Math.abs(pWait.mean() - theory.probabilityOfWaiting())).isLessThanOrEqualTo(t * Math.sqrt(pWait.variance() / REPLICATIONS));
        assertThat(Math.abs(wait.mean() - theory.meanWait())).isLessThanOrEqualTo(t * Math.sqrt(wait.variance() / REPLICATIONS));
    }

    private static void check(String what, PolicyRun run, ToDoubleFunction<RunResult> f, double expected) {
        Tally t = new Tally();
        run.runs().forEach(r -> t.add(f.applyAsDouble(r)));
        double half = StudentT.quantile(0.5 + LEVEL / 2, t.count() - 1) * Math.sqrt(t.variance() / t.count());
        LOG.info("{}: simulated {} ± {} ({} % CI, {} reps), Erlang C {}, off by {} half-widths",
                what, fmt(t.mean()), fmt(half), fmt(LEVEL * 100), t.count(),
                fmt(expected), fmt(Math.abs(t.mean() - expected) / half));
        assertThat(half / expected).as(what + ": relative half-width").isLessThan(0.05);
        assertThat(Math.abs(t.mean() - expected)).as(what + ": |simulated - Erlang C| within the CI half-width")
                .isLessThanOrEqualTo(half);
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.4f", d);
    }
}
