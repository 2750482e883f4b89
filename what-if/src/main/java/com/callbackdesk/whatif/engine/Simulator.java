package com.callbackdesk.whatif.engine;

import java.util.Arrays;

/**
 * A discrete-event engine in virtual time: a binary heap of pending events ordered by time, then
 * by the order they were scheduled (events at the same instant fire first-scheduled first, so a
 * run is deterministic). Virtual time is a {@code double} in seconds from the start of the run;
 * nothing here reads a wall clock.
 *
 * <p>The heap is three parallel arrays (time, sequence, event) rather than a
 * {@code PriorityQueue} of wrapper objects: no allocation per scheduled event beyond the event
 * itself, and comparisons touch primitives only. Cancelling is the caller's business (events
 * check whether they still apply when they fire); the heap holds only what is pending, so its
 * size follows the number of entities in the system.
 */
public final class Simulator {

    private double[] times = new double[1024];
    private long[] seqs = new long[1024];
    private Event[] events = new Event[1024];
    private int size;
    private long nextSeq;
    private double now;
    private long fired;
    private int peak;

    /** The current virtual time in seconds. */
    public double now() {
        return now;
    }

    /** Events fired so far. */
    public long fired() {
        return fired;
    }

    /** Events pending. */
    public int pending() {
        return size;
    }

    /** The largest number of events that were pending at once. */
    public int peakPending() {
        return peak;
    }

    /** Schedules {@code event} at virtual time {@code time} (never before now). */
    public void at(double time, Event event) {
        if (!(time >= now)) {
            if (Double.isNaN(time)) {
                throw new IllegalArgumentException("event time is NaN");
            }
            time = now; // the past is now: an event cannot fire before the present
        }
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            seqs = Arrays.copyOf(seqs, n);
            events = Arrays.copyOf(events, n);
        }
        long seq = nextSeq++;
        int i = size++;
        // sift up
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, seq, times[parent], seqs[parent])) {
                break;
            }
            times[i] = times[parent];
            seqs[i] = seqs[parent];
            events[i] = events[parent];
            i = parent;
        }
        times[i] = time;
        seqs[i] = seq;
        events[i] = event;
        if (size > peak) {
            peak = size;
        }
    }

    /** Schedules {@code event} {@code delay} seconds from now. */
    public void after(double delay, Event event) {
        at(now + delay, event);
    }

    /**
     * Fires events in time order until none is left or the next one is after {@code end}; the
     * clock then stands at {@code end} (or at the last event, if there is nothing left and it was
     * later — it cannot be).
     */
    public void runUntil(double end) {
        while (size > 0 && times[0] <= end) {
            double t = times[0];
            Event e = events[0];
            removeTop();
            now = t;
            fired++;
            e.fire();
        }
        if (end > now) {
            now = end;
        }
    }

    private void removeTop() {
        int last = --size;
        double t = times[last];
        long s = seqs[last];
        Event e = events[last];
        events[last] = null;
        if (last == 0) {
            return;
        }
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && less(times[right], seqs[right], times[child], seqs[child])) {
                child = right;
            }
            if (!less(times[child], seqs[child], t, s)) {
                break;
            }
            times[i] = times[child];
            seqs[i] = seqs[child];
            events[i] = events[child];
            i = child;
        }
        times[i] = t;
        seqs[i] = s;
        events[i] = e;
    }

    private static boolean less(double t1, long s1, double t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }
}
