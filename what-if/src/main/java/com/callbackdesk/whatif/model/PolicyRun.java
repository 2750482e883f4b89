package com.callbackdesk.whatif.model;

import com.callbackdesk.whatif.stats.Estimate;
import com.callbackdesk.whatif.stats.LogHistogram;
import com.callbackdesk.whatif.stats.Tally;

import java.util.EnumMap;
import java.util.List;

/**
 * All replications of one policy on one scenario, and their summary: each metric's mean with a
 * 95 % confidence interval over replications, and the chart series averaged over replications.
 */
public record PolicyRun(String policy, String description, List<RunResult> runs) {

    public static final double LEVEL = 0.95;

    public EnumMap<Metric, Estimate> estimates() {
        EnumMap<Metric, Estimate> out = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            Tally t = new Tally();
            for (RunResult r : runs) {
                double v = r.get(m);
                if (!Double.isNaN(v)) {
                    t.add(v);
                }
            }
            out.put(m, t.estimate(LEVEL));
        }
        return out;
    }

    public Estimate estimate(Metric m) {
        return estimates().get(m);
    }

    public double[] queueDepthByHour() {
        return average(runs.stream().map(RunResult::queueDepthByHour).toList());
    }

    public double[] openByHour() {
        return average(runs.stream().map(RunResult::openByHour).toList());
    }

    /** End-of-day misses by arrival hour, per replication (mean). */
    public double[] missesByHour() {
        double[] out = new double[24];
        for (RunResult r : runs) {
            for (int h = 0; h < 24; h++) {
                out[h] += r.missesByHour()[h] / (double) runs.size();
            }
        }
        return out;
    }

    public LogHistogram timeToContact() {
        LogHistogram h = new LogHistogram();
        runs.forEach(r -> h.addAll(r.timeToContact()));
        return h;
    }

    public long events() {
        return runs.stream().mapToLong(RunResult::events).sum();
    }

    public double wallSeconds() {
        return runs.stream().mapToDouble(RunResult::wallSeconds).sum();
    }

    public double maxLittleError() {
        return runs.stream().mapToDouble(r -> r.get(Metric.LITTLE_RELATIVE_ERROR)).max().orElse(0);
    }

    private static double[] average(List<double[]> series) {
        double[] out = new double[24];
        for (double[] s : series) {
            for (int h = 0; h < 24; h++) {
                out[h] += s[h] / series.size();
            }
        }
        return out;
    }
}
