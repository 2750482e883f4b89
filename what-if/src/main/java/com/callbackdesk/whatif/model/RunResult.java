package com.callbackdesk.whatif.model;

import com.callbackdesk.whatif.stats.LogHistogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * One replication's figures.
 *
 * @param metrics             every {@link Metric}
 * @param queueDepthByHour    time-average number of requests waiting for a consultant, by office-local hour
 * @param openByHour          time-average number of open requests, by hour
 * @param missesByHour        end-of-day misses by the hour the request arrived
 * @param timeToContact       distribution of time to first contact (seconds)
 * @param events              events fired
 * @param peakPendingEvents   the most events pending at once
 * @param peakInSystem        the most requests open at once
 * @param wallSeconds         real time the run took
 */
public record RunResult(
        EnumMap<Metric, Double> metrics,
        double[] queueDepthByHour,
        double[] openByHour,
        long[] missesByHour,
        LogHistogram timeToContact,
        long events,
        int peakPendingEvents,
        int peakInSystem,
        double wallSeconds) {

    public double get(Metric m) {
        return metrics.getOrDefault(m, Double.NaN);
    }

    public Map<Metric, Double> view() {
        return metrics;
    }
}
