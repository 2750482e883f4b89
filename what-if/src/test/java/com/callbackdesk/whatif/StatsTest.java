package com.callbackdesk.whatif;

import com.callbackdesk.whatif.engine.Simulator;
import com.callbackdesk.whatif.stats.ErlangC;
import com.callbackdesk.whatif.stats.LogHistogram;
import com.callbackdesk.whatif.stats.StudentT;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void studentQuantilesMatchTheTables() {
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.706, within(1e-3));
        assertThat(StudentT.quantile(0.975, 2)).isCloseTo(4.303, within(1e-3));
        assertThat(StudentT.quantile(0.975, 5)).isCloseTo(2.571, within(2e-3));
        assertThat(StudentT.quantile(0.975, 9)).isCloseTo(2.262, within(1e-3));
        assertThat(StudentT.quantile(0.975, 19)).isCloseTo(2.093, within(1e-3));
        assertThat(StudentT.quantile(0.995, 19)).isCloseTo(2.861, within(2e-3));
        assertThat(StudentT.quantile(0.975, 1000)).isCloseTo(1.962, within(1e-3));
    }

    @Test
    void erlangCMatchesPublishedValues() {
        // a = 4 Erlangs on 5 servers: P(wait) = 0.5541, Wq = C / (c mu - lambda)
        ErlangC q = new ErlangC(40.0 / 60, 1.0 / 6, 5);
        assertThat(q.probabilityOfWaiting()).isCloseTo(0.5541, within(1e-4));
        assertThat(q.meanWait()).isCloseTo(0.5541 / (5 / 6.0 - 40 / 60.0), within(1e-3));
        // M/M/1: P(wait) = rho, Wq = rho / (mu - lambda)
        ErlangC one = new ErlangC(0.75, 1, 1);
        assertThat(one.probabilityOfWaiting()).isCloseTo(0.75, within(1e-12));
        assertThat(one.meanWait()).isCloseTo(3.0, within(1e-12));
        assertThat(one.meanInSystem()).isCloseTo(3.0, within(1e-12)); // rho / (1 - rho)
    }

    @Test
    void histogramQuantilesAreWithinABinOfTheExactOnes() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 200_000;
        double[] xs = new double[n];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < n; i++) {
            xs[i] = -3600 * Math.log(1 - r.nextDouble());
            h.add(xs[i]);
        }
        Arrays.sort(xs);
        for (double p : new double[] {0.5, 0.9, 0.99}) {
            assertThat(h.quantile(p)).isCloseTo(xs[(int) (p * n)], org.assertj.core.data.Percentage.withPercentage(4));
        }
    }

    /** Events fire in time order; at equal times, in the order they were scheduled. */
    @Property(tries = 200)
    void eventsFireInTimeThenSchedulingOrder(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 50) Integer> times) {
        Simulator sim = new Simulator();
        List<int[]> fired = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            int t = times.get(i);
            int seq = i;
            sim.at(t, () -> fired.add(new int[] {t, seq}));
        }
        sim.runUntil(100);
        assertThat(fired).hasSize(times.size());
        for (int i = 1; i < fired.size(); i++) {
            int[] a = fired.get(i - 1);
            int[] b = fired.get(i);
            assertThat(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1])).isTrue();
        }
        assertThat(sim.now()).isEqualTo(100);
    }

    @Test
    void eventsScheduledDuringARunAndInThePastFireNow() {
        Simulator sim = new Simulator();
        List<Double> at = new ArrayList<>();
        sim.at(5, () -> sim.at(1, () -> at.add(sim.now())));
        sim.at(10, () -> at.add(sim.now()));
        sim.runUntil(7);
        assertThat(at).containsExactly(5.0);
        sim.runUntil(20);
        assertThat(at).containsExactly(5.0, 10.0);
    }
}
