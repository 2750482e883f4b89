package com.callbackdesk.whatif.model;

import com.callbackdesk.whatif.engine.Simulator;
import com.callbackdesk.whatif.stats.LogHistogram;
import com.callbackdesk.whatif.stats.Tally;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.EnumMap;
import java.util.List;

/**
 * The figures of one replication: counts over arrivals after the warm-up, time integrals over
 * [warmup, horizon] split by local hour, and Little's law kept two ways (the integral of the
 * number present against the sum of individual times). Running sums and fixed-size histograms
 * only: nothing grows with the number of callers simulated.
 */
final class DeskStatistics {
    private static final Logger LOG = LogManager.getLogger(DeskStatistics.class);

    private final TimeBase tb;
    private final double horizon;
    private final double warmup;
    private final EnumMap<Metric, Double> counts = new EnumMap<>(Metric.class);
    private long requests;
    private long contacted;
    private long dials;
    private final Tally timeToContact = new Tally();
    private final LogHistogram contactHistogram = new LogHistogram();
    private final Tally queueWait = new Tally();
    private long waited;
    private final long[] missesByHour = new long[24];
    private double busyTime;
    private double paidTime;
    private double overtime;

    private final Presence system = new Presence();
    private final Presence queue = new Presence();
    private final double[] queueAreaByHour = new double[24];
    private final double[] openAreaByHour = new double[24];
    private final double[] timeByHour = new double[24];
    private double integratedUntil;
    private int peakInSystem;
    private boolean warmedUp;
    private int hour;
    private double hourEnd = Double.NEGATIVE_INFINITY;

    DeskStatistics(TimeBase tb, double horizon, double warmup) {
        this.tb = tb;
        this.horizon = horizon;
        this.warmup = warmup;
        this.warmedUp = warmup <= 0;
    }

    void endWarmup(double now) {
        integrate(now);
        warmedUp = true;
        system.resetAt(warmup);
        queue.resetAt(warmup);
    }

    void add(Metric m, double v) {
        counts.merge(m, v, Double::sum);
    }

    /** A request arrives (open from now on). */
    void arrived(Caller x) {
        integrate(x.arrival);
        if (x.counted) {
            requests++;
        }
        system.enter(x.arrival, warmup);
        peakInSystem = Math.max(peakInSystem, system.n);
    }

    void closed(Caller x, double now) {
        integrate(now);
        system.leave(x.arrival, now, warmup);
    }

    void queued(double now) {
        integrate(now);
        queue.enter(now, warmup);
    }

    void leftQueue(Caller x, double now) {
        integrate(now);
        queue.leave(x.queuedAt, now, warmup);
    }

    void dialled(Caller x) {
        if (x.counted) {
            dials++;
        }
    }

    void queueWait(Caller x, double wait) {
        if (x.counted) {
            queueWait.add(wait);
            if (wait > 0) {
                waited++;
            }
        }
    }

    /** The first contact with the caller, at {@code at}. */
    void contact(Caller x, double at) {
        if (x.counted) {
            contacted++;
            timeToContact.add(at - x.arrival);
            contactHistogram.add(at - x.arrival);
        }
    }

    void endOfDayMiss(Caller x) {
        add(Metric.END_OF_DAY_MISSES, 1);
        missesByHour[x.arrivalHour]++;
    }

    /** A consultant was on a call from {@code started} until {@code now}; past {@code shiftEnd} it was overtime. */
    void busy(double started, double now, double shiftEnd, boolean offShift) {
        busyTime += clip(started, now);
        if (offShift && now > shiftEnd) {
            overtime += clip(Math.max(shiftEnd, started), now);
        }
    }

    void paid(double from, double to) {
        paidTime += clip(from, to);
    }

    private double clip(double from, double to) {
        return Math.max(0, Math.min(to, horizon) - Math.max(from, warmup));
    }

    /** Integrates the number open and the number queued over time up to {@code t}, split by local hour. */
    void integrate(double t) {
        double from = integratedUntil;
        if (t <= from) {
            return;
        }
        integratedUntil = t;
        if (!warmedUp) {
            if (t <= warmup) {
                return;
            }
            from = warmup;
        }
        system.area += system.n * (t - from);
        queue.area += queue.n * (t - from);
        while (from < t) {
            if (from >= hourEnd) {
                hour = tb.hourOfDay(from);
                hourEnd = tb.nextHour(from);
            }
            double boundary = Math.min(hourEnd, t);
            double dt = boundary - from;
            queueAreaByHour[hour] += queue.n * dt;
            openAreaByHour[hour] += system.n * dt;
            timeByHour[hour] += dt;
            from = boundary;
        }
    }

    /** The replication's figures; {@code consultants} still on a call are counted busy until the horizon. */
    RunResult finish(List<Consultant> consultants, Simulator sim, double wall) {
        integrate(horizon);
        double span = horizon - warmup;
        for (Consultant c : consultants) {
            if (c.busy) {
                busyTime += clip(c.busySince, horizon); // still on a call when the run stops
            }
        }
        EnumMap<Metric, Double> m = new EnumMap<>(Metric.class);
        for (Metric k : Metric.values()) {
            m.put(k, 0.0);
        }
        m.putAll(counts);
        m.put(Metric.REQUESTS, (double) requests);
        m.put(Metric.END_OF_DAY_MISS_RATE, requests == 0 ? 0 : 100.0 * m.get(Metric.END_OF_DAY_MISSES) / requests);
        m.put(Metric.TIME_TO_CONTACT_MEAN, timeToContact.mean() / 60);
        m.put(Metric.TIME_TO_CONTACT_P90, contactHistogram.quantile(0.9) / 60);
        m.put(Metric.DIALS, (double) dials);
        m.put(Metric.ATTEMPTS_PER_CONTACT, contacted == 0 ? Double.NaN : (double) dials / contacted);
        m.put(Metric.CONTACT_RATE, requests == 0 ? 0 : 100.0 * contacted / requests);
        m.put(Metric.OPEN_AT_END, (double) system.n);
        long always = consultants.stream().filter(c -> c.shift.always()).count();
        double paid = paidTime + overtime + always * span;
        m.put(Metric.OCCUPANCY, paid == 0 ? Double.NaN : 100.0 * busyTime / paid);
        m.put(Metric.OVERTIME_HOURS_PER_DAY, overtime / 3600 / (span / 86_400));
        m.put(Metric.WAIT_PROBABILITY, queueWait.count() == 0 ? Double.NaN : (double) waited / queueWait.count());
        m.put(Metric.MEAN_QUEUE_WAIT, queueWait.mean() / 60);
        m.put(Metric.MEAN_QUEUE_LENGTH, queue.area / span);
        littlesLaw(m, span);
        double[] qByHour = new double[24];
        double[] oByHour = new double[24];
        for (int h = 0; h < 24; h++) {
            qByHour[h] = timeByHour[h] == 0 ? 0 : queueAreaByHour[h] / timeByHour[h];
            oByHour[h] = timeByHour[h] == 0 ? 0 : openAreaByHour[h] / timeByHour[h];
        }
        return new RunResult(m, qByHour, oByHour, missesByHour.clone(), contactHistogram, sim.fired(),
                sim.peakPending(), peakInSystem, wall);
    }

    private void littlesLaw(EnumMap<Metric, Double> m, double span) {
        double[] little = system.little(horizon, span);
        m.put(Metric.LITTLE_L, little[0]);
        m.put(Metric.LITTLE_LAMBDA_W, little[1]);
        double[] littleQ = queue.little(horizon, span);
        double errSystem = relativeError(little);
        double errQueue = relativeError(littleQ);
        m.put(Metric.LITTLE_RELATIVE_ERROR, Math.max(errSystem, errQueue));
        if (Math.max(errSystem, errQueue) > 1e-6) {
            LOG.error("Little's law does not hold: system L={} lambdaW={}, queue L={} lambdaW={}",
                    little[0], little[1], littleQ[0], littleQ[1]);
        }
    }

    private static double relativeError(double[] lw) {
        double scale = Math.max(Math.abs(lw[0]), 1e-12);
        return lw[0] == 0 && lw[1] == 0 ? 0 : Math.abs(lw[0] - lw[1]) / scale;
    }
}
