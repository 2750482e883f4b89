package com.callbackdesk.whatif.bench;

import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.randvar.RandomVariateGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

import java.util.ArrayDeque;

/**
 * The reference: the same M/M/c model written the textbook way with SSJ's event scheduling
 * (umontreal.ssj.simevents, its default splay-tree event list, MRG32k3a streams, exponential
 * generators) — an FCFS queue of arrival times, c servers, statistics after a warm-up.
 * Times in minutes.
 */
public final class SsjMmc {

    /** What a run measured. */
    public record Result(double meanWait, double waitProbability, long served, long events, double wallSeconds) {
    }

    private final Simulator sim = new Simulator();
    private final RandomVariateGen arrivals;
    private final RandomVariateGen services;
    private final int c;
    private final double warmup;
    private final ArrayDeque<Double> queue = new ArrayDeque<>();
    private int busy;
    private long events;
    private long served;
    private long waited;
    private double waitSum;

    public SsjMmc(double lambdaPerMinute, double muPerMinute, int c, double warmupMinutes, long seed) {
        MRG32k3a arrivalStream = new MRG32k3a();
        MRG32k3a serviceStream = new MRG32k3a();
        long s = Math.floorMod(seed, 4_294_944_443L - 1) + 1; // MRG32k3a seeds must be below m1 and m2
        arrivalStream.setSeed(new long[] {s, s, s, s, s, s});
        serviceStream.setSeed(new long[] {s + 1, s + 1, s + 1, s + 1, s + 1, s + 1});
        this.arrivals = new ExponentialGen(arrivalStream, lambdaPerMinute);
        this.services = new ExponentialGen(serviceStream, muPerMinute);
        this.c = c;
        this.warmup = warmupMinutes;
    }

    public Result run(double horizonMinutes) {
        long t0 = System.nanoTime();
        sim.init();
        new EndOfSimulation(sim).schedule(horizonMinutes);
        new Arrival(sim).schedule(arrivals.nextDouble());
        sim.start();
        double wall = (System.nanoTime() - t0) / 1e9;
        return new Result(served == 0 ? Double.NaN : waitSum / served, served == 0 ? Double.NaN : (double) waited / served,
                served, events, wall);
    }

    private void startService(double arrivedAt) {
        double wait = sim.time() - arrivedAt;
        if (arrivedAt >= warmup) {
            served++;
            waitSum += wait;
            if (wait > 0) {
                waited++;
            }
        }
        new Departure(sim).schedule(services.nextDouble());
    }

    private final class Arrival extends Event {
        Arrival(Simulator simulator) {
            super(simulator);
        }

        @Override
        public void actions() {
            events++;
            new Arrival(sim).schedule(arrivals.nextDouble());
            if (busy < c) {
                busy++;
                startService(sim.time());
            } else {
                queue.addLast(sim.time());
            }
        }
    }

    private final class Departure extends Event {
        Departure(Simulator simulator) {
            super(simulator);
        }

        @Override
        public void actions() {
            events++;
            Double next = queue.pollFirst();
            if (next != null) {
                startService(next);
            } else {
                busy--;
            }
        }
    }

    private final class EndOfSimulation extends Event {
        EndOfSimulation(Simulator simulator) {
            super(simulator);
        }

        @Override
        public void actions() {
            events++;
            sim.stop();
        }
    }
}
