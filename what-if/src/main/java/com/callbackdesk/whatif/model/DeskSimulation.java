package com.callbackdesk.whatif.model;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.QueueOrder;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.whatif.engine.Simulator;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.Scenario.Arrivals;
import com.callbackdesk.whatif.scenario.Scenario.ConsultantGroup;
import com.callbackdesk.whatif.scenario.Scenario.Persona;
import com.callbackdesk.whatif.scenario.Scenario.Shift;
import com.callbackdesk.whatif.stats.LogHistogram;
import com.callbackdesk.whatif.stats.Tally;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One replication of a scenario under one retry path: synthetic callers (MISSION personas) and
 * consultants in virtual time. Requests wait for a consultant in {@link QueueOrder#COMPARATOR}
 * order (production's order, over production {@link Callback} records); after each dial the
 * outcome goes back to the {@link RetryPath} (production: the real retry planner), which says
 * when to dial next or gives up.
 *
 * <p>Life of a request: arrival → plan → due (queue, or straight to an idle consultant) →
 * dial → outcome → re-plan ... → closed (resolved, cancelled, expired, unreachable, wrong
 * number). A queued request whose window passes leaves the queue and is re-planned (the
 * production pre-dial check does the same).
 *
 * <p>Random numbers: the arrival stream and a per-caller seed stream come from the replication
 * seed; every draw about a caller (persona, traits, whether they answer, handle time) comes from
 * that caller's own generator. Two policies run with the same seed therefore see the same
 * callers arriving at the same times with the same traits (common random numbers), so their
 * difference is measured with less noise.
 *
 * <p>Memory: a caller object lives from arrival until its request closes and its last pending
 * event has fired; arrivals are generated one ahead (replayed CSVs are read line by line);
 * statistics are running sums and fixed-size histograms. Nothing grows with the number of
 * callers simulated.
 */
public final class DeskSimulation {
    private static final Logger LOG = LogManager.getLogger(DeskSimulation.class);
    private static final String SIM_NUMBER = "+10000000000";
    private static final double BUSY_SIGNAL_SECONDS = 5;
    private static final int MAX_EMPTY_WINDOWS = 50;
    private static final double WINDOW_PASSED_AFTER = 0.001;

    private final Scenario sc;
    private final RetryPath path;
    private final TimeBase tb;
    private final Simulator sim = new Simulator();
    private final SplittableRandom arrivalsRng;
    private final SplittableRandom callersRng;
    private final double horizon;
    private final double warmup;
    private final double[] personaCumulative;
    private final double[] categoryCumulative;
    private final boolean[] categoryScreenshot;
    private final String[] categoryNames;
    private final Map<String, Integer> categoryIndex = new java.util.HashMap<>();

    private final List<TreeMap<Callback, Caller>> queues = new ArrayList<>();
    private final List<Consultant> consultants = new ArrayList<>();
    private final List<ArrayDeque<Consultant>> idle = new ArrayList<>();
    private final int[][] groupsForCategory;
    private final int[][] categoriesForGroup;

    private long nextId = 1;
    private BufferedReader replay;

    // --- statistics (over arrivals after the warm-up; time integrals over [warmup, horizon]) ---
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

    // Little's law, two ways: integral of the number present vs the sum of individual times.
    private final Presence system = new Presence();
    private final Presence queue = new Presence();
    private final double[] queueAreaByHour = new double[24];
    private final double[] openAreaByHour = new double[24];
    private final double[] timeByHour = new double[24];
    private double integratedUntil;
    private int peakInSystem;
    private boolean warmedUp;

    /** What a dial was, for tests and traces: who, when, in which queue position terms, and how it ended. */
    public record Dial(double at, long callbackId, int attemptNo, EscalationLevel level, LocalTime reachableUntil,
                       Urgency urgency, double requestedAt, OutcomeCode outcome) {
    }

    private java.util.function.Consumer<Dial> dialListener;

    /** Calls {@code listener} at every dial (optional; costs an allocation per dial). */
    public DeskSimulation onDial(java.util.function.Consumer<Dial> listener) {
        this.dialListener = listener;
        return this;
    }

    public DeskSimulation(Scenario scenario, RetryPath path, long replicationSeed) {
        this.sc = scenario;
        this.path = path;
        this.tb = path.time();
        SplittableRandom root = new SplittableRandom(replicationSeed);
        this.arrivalsRng = root.split();
        this.callersRng = root.split();
        this.horizon = tb.dayStart(scenario.days());
        this.warmup = Math.min(scenario.warmupHours() * 3600, horizon);
        this.integratedUntil = 0;

        personaCumulative = cumulative(scenario.personas().stream().mapToDouble(Persona::share).toArray());
        categoryCumulative = cumulative(scenario.categories().stream().mapToDouble(Scenario.Category::share).toArray());
        int nc = scenario.categories().size();
        categoryScreenshot = new boolean[nc];
        categoryNames = new String[nc];
        for (int i = 0; i < nc; i++) {
            categoryScreenshot[i] = scenario.categories().get(i).screenshot();
            categoryNames[i] = scenario.categories().get(i).name();
            categoryIndex.put(categoryNames[i], i);
            queues.add(new TreeMap<>(QueueOrder.COMPARATOR));
        }
        List<ConsultantGroup> groups = scenario.consultants();
        groupsForCategory = new int[nc][];
        categoriesForGroup = new int[groups.size()][];
        for (int c = 0; c < nc; c++) {
            int cc = c;
            groupsForCategory[c] = java.util.stream.IntStream.range(0, groups.size())
                    .filter(g -> groups.get(g).takes(categoryNames[cc])).toArray();
        }
        for (int g = 0; g < groups.size(); g++) {
            int gg = g;
            categoriesForGroup[g] = java.util.stream.IntStream.range(0, nc)
                    .filter(c -> groups.get(gg).takes(categoryNames[c])).toArray();
            idle.add(new ArrayDeque<>());
            for (Shift s : groups.get(g).shifts()) {
                for (int k = 0; k < s.count(); k++) {
                    consultants.add(new Consultant(g, s));
                }
            }
        }
    }

    private static double[] cumulative(double[] shares) {
        double total = 0;
        for (double s : shares) {
            total += s;
        }
        double[] out = new double[shares.length];
        double acc = 0;
        for (int i = 0; i < shares.length; i++) {
            acc += shares[i] / total;
            out[i] = acc;
        }
        out[out.length - 1] = 1.0;
        return out;
    }

    private static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    // ------------------------------------------------------------------ run

    public RunResult run() {
        long t0 = System.nanoTime();
        for (Consultant c : consultants) {
            if (c.shift.always()) {
                c.onShift = true;
                c.shiftEndAt = Double.POSITIVE_INFINITY;
                idle.get(c.group).add(c);
            } else {
                scheduleNextShift(c, 0);
            }
        }
        if (warmup > 0) {
            sim.at(warmup, this::endWarmup);
        } else {
            warmedUp = true;
        }
        startArrivals();
        sim.runUntil(horizon);
        integrate(horizon);
        if (replay != null) {
            try {
                replay.close();
            } catch (IOException e) {
                LOG.debug("closing replay: {}", e.toString());
            }
        }
        return finish((System.nanoTime() - t0) / 1e9);
    }

    private void endWarmup() {
        integrate(sim.now());
        warmedUp = true;
        system.resetAt(warmup);
        queue.resetAt(warmup);
    }

    // ------------------------------------------------------------------ arrivals

    private void startArrivals() {
        Arrivals a = sc.arrivals();
        if (a instanceof Arrivals.Poisson p) {
            double first = nextPoisson(p, 0);
            if (first < horizon) {
                sim.at(first, () -> poissonArrival(p));
            }
        } else if (a instanceof Arrivals.Replay r) {
            try {
                replay = Files.newBufferedReader(r.csv());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + r.csv(), e);
            }
            replayColumn = -1;
            scheduleNextReplay(r);
        }
    }

    private void poissonArrival(Arrivals.Poisson p) {
        arrive(newCaller(callersRng.nextLong(), -1, -1));
        double next = nextPoisson(p, sim.now());
        if (next < horizon) {
            sim.at(next, () -> poissonArrival(p));
        }
    }

    /** Piecewise-constant rate by local hour: draw an exponential gap at the current rate; if it crosses the hour, restart at the hour (memoryless, so exact). */
    private double nextPoisson(Arrivals.Poisson p, double t) {
        while (t < horizon) {
            int hour = tb.hourOfDay(t);
            DayOfWeek dow = tb.date(t).getDayOfWeek();
            double ratePerSecond = p.rate(hour, dow) / 3600;
            double boundary = tb.nextHour(t);
            if (ratePerSecond > 0) {
                double gap = -Math.log(1 - arrivalsRng.nextDouble()) / ratePerSecond;
                if (t + gap < boundary) {
                    return t + gap;
                }
            }
            t = boundary;
        }
        return Double.POSITIVE_INFINITY;
    }

    private int replayColumn;
    private long replayLine;
    private long replaySkipped;

    private void scheduleNextReplay(Arrivals.Replay r) {
        try {
            String line;
            while ((line = replay.readLine()) != null) {
                replayLine++;
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] cells = trimmed.split(",");
                if (replayColumn < 0) {
                    replayColumn = 0;
                    if (r.column() != null) {
                        for (int i = 0; i < cells.length; i++) {
                            if (cells[i].trim().equalsIgnoreCase(r.column())) {
                                replayColumn = i;
                            }
                        }
                        continue; // a named column means the first row is the header
                    }
                    if (Double.isNaN(parseInstant(cells[0].trim()))) {
                        continue; // a header row
                    }
                }
                if (replayColumn >= cells.length) {
                    throw new IllegalArgumentException(r.csv() + " line " + replayLine + ": no column " + (replayColumn + 1));
                }
                double t = parseInstant(cells[replayColumn].trim());
                if (Double.isNaN(t)) {
                    throw new IllegalArgumentException(r.csv() + " line " + replayLine + ": not a date-time: '" + cells[replayColumn] + "'");
                }
                if (t < sim.now()) {
                    replaySkipped++; // before the first simulated day, or out of order
                    continue;
                }
                if (t >= horizon) {
                    return;
                }
                sim.at(t, () -> {
                    arrive(newCaller(callersRng.nextLong(), -1, -1));
                    scheduleNextReplay(r);
                });
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ISO-8601 with offset or Z (an instant), or a local date-time in the office zone; NaN if neither. */
    private double parseInstant(String s) {
        try {
            return tb.seconds(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return tb.seconds(Instant.parse(s));
            } catch (DateTimeParseException e2) {
                try {
                    return tb.seconds(LocalDateTime.parse(s.replace(' ', 'T')).atZone(tb.zone()).toInstant());
                } catch (DateTimeParseException e3) {
                    return Double.NaN;
                }
            }
        }
    }

    // ------------------------------------------------------------------ callers

    /** A new caller; {@code repeatPersona >= 0}: a repeat request (same persona and category) after a resolution. */
    private Caller newCaller(long seed, int repeatPersona, int repeatCategory) {
        SplittableRandom rng = new SplittableRandom(seed);
        Caller x = new Caller();
        x.id = nextId++;
        x.rng = rng;
        x.arrival = sim.now();
        x.counted = x.arrival >= warmup;
        x.arrivalHour = tb.hourOfDay(x.arrival);
        if (repeatPersona < 0) {
            x.personaIndex = pick(personaCumulative, rng.nextDouble());
            x.category = pick(categoryCumulative, rng.nextDouble());
        } else {
            x.personaIndex = repeatPersona;
            x.category = repeatCategory;
        }
        Persona p = sc.personas().get(x.personaIndex);
        x.persona = p;
        x.urgency = rng.nextDouble() < p.urgentProbability() ? Urgency.URGENT : Urgency.NORMAL;
        x.level = repeatPersona < 0 ? EscalationLevel.NORMAL : EscalationLevel.REPEAT_OR_DISSATISFIED;
        x.wrongNumber = rng.nextDouble() < p.wrongNumberProbability();
        if (p.selfResolves() != null && rng.nextDouble() < p.selfResolves().probability()) {
            x.selfResolveAt = x.arrival + p.selfResolves().within().sample(rng);
            x.cancels = rng.nextDouble() < p.selfResolves().cancelProbability();
        }
        x.leaveSod = Double.NaN;
        if (p.leaves() != null) {
            Scenario.LeavesForTheDay l = p.leaves();
            double sod = l.around().toSecondOfDay() + l.sdMinutes() * 60 * rng.nextGaussian();
            x.leaveSod = Math.max(0, Math.min(86_399, sod));
            if (rng.nextDouble() < l.statesProbability()) {
                x.statedUntil = l.around(); // what they tell the IVR: when they usually leave
            }
        }
        x.refusesScreenshot = categoryScreenshot[x.category] && p.refusesScreenshot() != null
                && rng.nextDouble() < p.refusesScreenshot().probability();
        x.notBefore = Double.NaN;
        return x;
    }

    private void arrive(Caller x) {
        integrate(sim.now());
        if (x.counted) {
            requests++;
            if (x.level == EscalationLevel.REPEAT_OR_DISSATISFIED) {
                add(Metric.REPEATS_FLAGGED, 1);
            }
        }
        system.enter(x.arrival, warmup);
        peakInSystem = Math.max(peakInSystem, system.n);
        Persona p = x.persona;
        if (x.selfResolveAt < Double.POSITIVE_INFINITY) {
            sim.at(x.selfResolveAt, () -> selfResolve(x));
        }
        if (p.repeats() != null && p.repeats().whilePendingProbability() > 0
                && x.rng.nextDouble() < p.repeats().whilePendingProbability()) {
            sim.at(x.arrival + p.repeats().whilePendingAfter().sample(x.rng), () -> callsAgain(x));
        }
        x.endOfDay = path.hasEndOfDay() ? endOfDay(x) : Double.POSITIVE_INFINITY;
        open.add(x);
        plan(x, path.next(input(x), x.attempts, sim.now()));
    }

    /**
     * The caller's end of day for this request: the earlier of when they actually leave and the
     * office's closing time, on the day of the request — or, for a request left after closing
     * (or on a closed day), on the next business day.
     */
    private double endOfDay(Caller x) {
        int d = tb.dayIndex(x.arrival);
        for (int i = 0; i < 30; i++, d++) {
            OfficeDay day = path.day(tb.start().plusDays(d));
            if (day == null || x.arrival >= day.closes()) {
                continue;
            }
            double end = day.closes();
            if (!Double.isNaN(x.leaveSod)) {
                double leave = callerTime(x, d, x.leaveSod);
                if (i == 0 && leave < x.arrival + 900) {
                    leave = x.arrival + 900; // they are still at work, calling: they leave a little later today
                }
                x.requestDay = d;
                x.requestDayLeave = leave;
                end = Math.min(end, leave);
            }
            return end;
        }
        return Double.POSITIVE_INFINITY;
    }

    private boolean hasLeft(Caller x, double t) {
        if (Double.isNaN(x.leaveSod)) {
            return false;
        }
        int d = tb.dayIndex(t);
        if (d == x.requestDay && !Double.isNaN(x.requestDayLeave)) {
            return t >= x.requestDayLeave;
        }
        return callerSecondOfDay(x, t) >= x.leaveSod;
    }

    /** The caller's wall-clock second of day at {@code t} (the office's unless the persona has a zone). */
    private double callerSecondOfDay(Caller x, double t) {
        java.time.ZoneId zone = x.persona.zone();
        if (zone == null) {
            return tb.secondOfDay(t);
        }
        java.time.ZonedDateTime z = tb.instant(t).atZone(zone);
        return z.toLocalTime().toSecondOfDay() + z.getNano() / 1e9;
    }

    /** Virtual seconds of the caller's wall-clock {@code secondOfDay} on office day {@code d} (same calendar date). */
    private double callerTime(Caller x, int d, double secondOfDay) {
        java.time.ZoneId zone = x.persona.zone();
        if (zone == null) {
            return tb.at(d, secondOfDay);
        }
        LocalTime lt = LocalTime.ofNanoOfDay((long) (Math.min(secondOfDay, 86_399.999) * 1e9));
        return tb.seconds(java.time.ZonedDateTime.of(tb.start().plusDays(d), lt, zone).toInstant());
    }

    private PlanInput input(Caller x) {
        return new PlanInput(x.id, x.urgency, x.arrival, x.statedUntil, x.persona.zone(), x.notBefore);
    }

    private void plan(Caller x, NextStep step) {
        if (step instanceof NextStep.GiveUp g) {
            close(x, g.expired() ? CallbackState.EXPIRED : CallbackState.UNREACHABLE,
                    g.expired() ? Metric.EXPIRED : Metric.UNREACHABLE);
            return;
        }
        NextStep.Window w = (NextStep.Window) step;
        double now = sim.now();
        double earliest = Math.max(now, w.earliest());
        double latest = w.latest();
        if (!(latest > earliest)) {
            if (++x.emptyWindows > MAX_EMPTY_WINDOWS) {
                LOG.warn("request {}: the retry path keeps returning empty windows; giving up on it", x.id);
                close(x, CallbackState.EXPIRED, Metric.EXPIRED);
                return;
            }
            latest = earliest;
        }
        x.windowLatest = latest;
        int token = ++x.token;
        x.plannedAt = earliest;
        if (earliest <= now) {
            due(x, token); // due right now: no need to go through the event list
        } else {
            sim.at(earliest, () -> due(x, token));
        }
    }

    private void due(Caller x, int token) {
        if (!x.open || x.token != token) {
            return;
        }
        for (int g : groupsForCategory[x.category]) {
            Consultant c = idle.get(g).pollFirst();
            if (c != null) {
                x.queuedAt = sim.now();
                recordQueueWait(x, 0);
                dial(c, x);
                return;
            }
        }
        integrate(sim.now());
        Callback cb = record(x);
        x.queued = cb;
        x.queuedAt = sim.now();
        queues.get(x.category).put(cb, x);
        queue.enter(sim.now(), warmup);
        if (x.windowLatest < Double.POSITIVE_INFINITY) {
            // "latest" is the last instant the attempt may start; a millisecond later it has passed
            // and the planner, asked then, moves it on (at "latest" itself it would answer "now").
            x.windowDeadline = x.windowLatest + WINDOW_PASSED_AFTER;
            windows.add(x);
            if (x.windowDeadline < nextWindowCheck) {
                nextWindowCheck = x.windowDeadline;
                sim.at(nextWindowCheck, this::windowsPassed);
            }
        }
    }

    /** The production record the queue orders by: QUEUED, with the caller's deadline, urgency, level and age. */
    private Callback record(Caller x) {
        Instant created = tb.instant(x.arrival);
        Instant notBefore = Double.isNaN(x.notBefore) ? null : tb.instant(x.notBefore);
        return new Callback(x.id, CallbackState.QUEUED, SIM_NUMBER, SIM_NUMBER, NumberSource.CALLER_ID, null,
                "sim", categoryNames[x.category], x.urgency, x.statedUntil,
                categoryScreenshot[x.category] ? (x.refusesScreenshot ? ScreenshotChoice.DECLINED : ScreenshotChoice.SMS)
                        : ScreenshotChoice.NOT_NEEDED,
                x.level, "what-if", created, tb.instant(sim.now()), x.mergeCount, notBefore, tb.instant(x.plannedAt), null);
    }

    private void leaveQueue(Caller x) {
        integrate(sim.now());
        if (x.windowLatest < Double.POSITIVE_INFINITY) {
            windows.remove(x);
        }
        queues.get(x.category).remove(x.queued);
        x.queued = null;
        queue.leave(x.queuedAt, sim.now(), warmup);
    }

    /**
     * Waiting requests whose window has passed leave the queue and are re-planned (production's
     * pre-dial check does the same). Their deadlines are kept in one ordered set with a single
     * pending check event, rather than an event per request that would outlive the request's
     * stay in the queue and keep it in memory.
     */
    private void windowsPassed() {
        double now = sim.now();
        if (now < nextWindowCheck) {
            return; // an earlier check was scheduled since; it ran already
        }
        while (!windows.isEmpty() && windows.first().windowDeadline <= now) {
            Caller x = windows.first();
            leaveQueue(x);
            if (x.counted) {
                add(Metric.WINDOWS_MISSED, 1);
            }
            plan(x, path.next(input(x), x.attempts, now));
        }
        nextWindowCheck = windows.isEmpty() ? Double.POSITIVE_INFINITY : windows.first().windowDeadline;
        if (nextWindowCheck < Double.POSITIVE_INFINITY) {
            sim.at(nextWindowCheck, this::windowsPassed);
        }
    }

    private final java.util.TreeSet<Caller> windows = new java.util.TreeSet<>(
            java.util.Comparator.comparingDouble((Caller c) -> c.windowDeadline).thenComparingLong(c -> c.id));
    private double nextWindowCheck = Double.POSITIVE_INFINITY;

    private void recordQueueWait(Caller x, double wait) {
        if (x.counted) {
            queueWait.add(wait);
            if (wait > 0) {
                waited++;
            }
        }
    }

    // ------------------------------------------------------------------ dialing

    private void dial(Consultant c, Caller x) {
        double now = sim.now();
        c.busy = true;
        c.busySince = now;
        x.inDial = true;
        x.token++;
        if (x.counted) {
            dials++;
        }
        Persona p = x.persona;
        Scenario.CallTimes calls = sc.calls();
        SplittableRandom rng = x.rng;
        int hour = Math.min(23, (int) (callerSecondOfDay(x, now) / 3600));
        boolean answers = rng.nextDouble() < p.answerByHour()[hour];
        OutcomeCode outcome;
        double duration;
        double callBackAt = Double.NaN;
        boolean conversation = false;
        if (!Double.isNaN(x.resolvedAt)) {
            // Story 2: they solved it and did not cancel; we dial anyway.
            if (x.counted) {
                add(Metric.WASTED_CALLBACKS, 1);
            }
            if (answers) {
                contact(x, now + calls.answerAfter());
                outcome = OutcomeCode.RESOLVED; // "already fixed, thanks"
                duration = calls.answerAfter() + calls.shortCall();
                conversation = true;
            } else {
                outcome = OutcomeCode.NO_ANSWER;
                duration = calls.ringNoAnswer();
            }
        } else if (hasLeft(x, now)) {
            // Story 3: gone home. A colleague may say so; otherwise it rings out.
            if (x.counted) {
                add(Metric.DIALS_AFTER_LEFT, 1);
            }
            if (rng.nextDouble() < p.leaves().colleagueAnswers()) {
                outcome = OutcomeCode.LEFT_FOR_THE_DAY;
                duration = calls.answerAfter() + calls.shortCall();
            } else {
                outcome = OutcomeCode.NO_ANSWER;
                duration = calls.ringNoAnswer();
            }
        } else if (answers && x.wrongNumber) {
            outcome = OutcomeCode.WRONG_NUMBER;
            duration = calls.answerAfter() + calls.shortCall();
        } else if (answers) {
            contact(x, now + calls.answerAfter());
            if (!x.askedForLater && p.asksForLater() != null && rng.nextDouble() < p.asksForLater().probability()) {
                // Story 5: "can't talk now, call me at ..."
                x.askedForLater = true;
                outcome = OutcomeCode.CALL_BACK_AT;
                duration = calls.answerAfter() + calls.shortCall();
                callBackAt = now + duration + p.asksForLater().after().sample(rng);
            } else {
                double handle = sc.consultants().get(c.group).handleTime().sample(rng);
                if (x.refusesScreenshot) {
                    handle *= p.refusesScreenshot().handleTimeFactor();
                }
                outcome = OutcomeCode.RESOLVED;
                duration = calls.answerAfter() + handle;
                conversation = true;
            }
        } else if (rng.nextDouble() < p.busyShare()) {
            outcome = OutcomeCode.BUSY;
            duration = Math.min(BUSY_SIGNAL_SECONDS, calls.ringNoAnswer());
        } else {
            outcome = OutcomeCode.NO_ANSWER;
            duration = calls.ringNoAnswer();
        }
        if (dialListener != null) {
            dialListener.accept(new Dial(now, x.id, x.attempts.size() + 1, x.level, x.statedUntil, x.urgency, x.arrival, outcome));
        }
        OutcomeCode o = outcome;
        double cba = callBackAt;
        boolean conv = conversation;
        sim.at(now + duration, () -> attemptEnded(c, x, o, now, cba, conv));
    }

    private void contact(Caller x, double at) {
        if (Double.isNaN(x.firstContact)) {
            x.firstContact = at;
            missedIfEndOfDayPassed(x, at);
            if (x.counted) {
                contacted++;
                timeToContact.add(at - x.arrival);
                contactHistogram.add(at - x.arrival);
            }
        }
    }

    private void attemptEnded(Consultant c, Caller x, OutcomeCode outcome, double started, double callBackAt, boolean conversation) {
        double now = sim.now();
        c.busy = false;
        busyTime += clip(started, now);
        if (!c.onShift) {
            if (now > c.shiftEndAt) {
                overtime += clip(Math.max(c.shiftEndAt, started), now);
            }
        } else {
            consultantFree(c);
        }
        x.inDial = false;
        x.attempts.add(new SimAttempt(x.attempts.size() + 1, started, outcome, callBackAt));
        switch (outcome) {
            case RESOLVED -> {
                if (x.counted && conversation) {
                    add(Metric.SURVEY_TRANSFERS, 1); // the dialplan sends every conversation to the survey
                    if (x.refusesScreenshot && Double.isNaN(x.resolvedAt)) {
                        add(Metric.SCREENSHOTS_DECLINED, 1);
                    }
                }
                boolean realConversation = Double.isNaN(x.resolvedAt);
                close(x, CallbackState.RESOLVED, null);
                Scenario.Repeats r = x.persona.repeats();
                if (realConversation && r != null && r.afterResolvedProbability() > 0
                        && x.rng.nextDouble() < r.afterResolvedProbability()) {
                    long seed = x.rng.nextLong();
                    int persona = x.personaIndex;
                    int category = x.category;
                    // only two numbers wait for the repeat: the closed request itself is not kept
                    sim.at(now + r.afterResolvedAfter().sample(x.rng), () -> arrive(newCaller(seed, persona, category)));
                }
            }
            case WRONG_NUMBER -> {
                close(x, CallbackState.UNREACHABLE, Metric.WRONG_NUMBER);
            }
            case CALL_BACK_AT -> {
                x.notBefore = callBackAt;
                plan(x, path.next(input(x), x.attempts, now));
            }
            default -> {
                if (!x.open) {
                    return; // cancelled while we were dialing
                }
                plan(x, path.next(input(x), x.attempts, now));
            }
        }
    }

    private void consultantFree(Consultant c) {
        Map.Entry<Callback, Caller> best = null;
        int bestCategory = -1;
        for (int cat : categoriesForGroup[c.group]) {
            TreeMap<Callback, Caller> q = queues.get(cat);
            if (q.isEmpty()) {
                continue;
            }
            Map.Entry<Callback, Caller> head = q.firstEntry();
            if (best == null || QueueOrder.COMPARATOR.compare(head.getKey(), best.getKey()) < 0) {
                best = head;
                bestCategory = cat;
            }
        }
        if (best == null) {
            idle.get(c.group).addLast(c);
            return;
        }
        Caller x = best.getValue();
        leaveQueue(x);
        recordQueueWait(x, sim.now() - x.queuedAt);
        dial(c, x);
    }

    // ------------------------------------------------------------------ caller behaviour

    private void selfResolve(Caller x) {
        if (!x.open || !Double.isNaN(x.firstContact)) {
            return;
        }
        x.resolvedAt = sim.now();
        if (x.cancels && !x.inDial) {
            if (x.counted) {
                add(Metric.CANCELLED, 1);
            }
            close(x, CallbackState.CANCELLED, null);
        }
    }

    private void callsAgain(Caller x) {
        if (x.open && x.counted) {
            x.mergeCount++;
            add(Metric.MERGED, 1); // story 9: merged into the pending request, no second dial
        }
    }

    /**
     * End-of-day miss: the caller's end of day passed with no contact, and they had not solved it
     * alone by then. No event per caller is needed: whether the caller self-resolves before
     * their end of day is drawn at arrival, so the miss is decided at the first contact (after
     * the end of day: a miss), at closing without contact, or at the end of the run for requests
     * still open — and callers leave memory as soon as their request closes.
     */
    private void missedIfEndOfDayPassed(Caller x, double contactAt) {
        if (x.counted && !x.missDecided && x.selfResolveAt > x.endOfDay && x.endOfDay <= horizon
                && !(contactAt <= x.endOfDay)) {
            add(Metric.END_OF_DAY_MISSES, 1);
            missesByHour[x.arrivalHour]++;
        }
        x.missDecided = true;
    }

    /** Closes the request in {@code state} (as production would record it), counted under {@code reason} if not null. */
    private void close(Caller x, CallbackState state, Metric reason) {
        if (!x.open) {
            return;
        }
        if (x.queued != null) {
            leaveQueue(x);
        }
        integrate(sim.now());
        x.open = false;
        x.token++;
        open.remove(x);
        if (Double.isNaN(x.firstContact)) {
            missedIfEndOfDayPassed(x, Double.NaN);
        }
        system.leave(x.arrival, sim.now(), warmup);
        x.closedAs = state;
        if (x.counted && reason != null) {
            add(reason, 1);
        }
    }

    // ------------------------------------------------------------------ consultants

    private void scheduleNextShift(Consultant c, int fromDay) {
        for (int d = fromDay; d < sc.days(); d++) {
            if (c.shift.days().contains(tb.start().plusDays(d).getDayOfWeek())) {
                int day = d;
                double start = tb.at(d, c.shift.startSecond());
                double end = c.shift.untilMidnight() ? tb.dayStart(d + 1) : tb.at(d, c.shift.endSecond());
                sim.at(start, () -> shiftStarts(c, day, end));
                return;
            }
        }
    }

    private void shiftStarts(Consultant c, int day, double end) {
        c.onShift = true;
        c.shiftEndAt = end;
        paidTime += clip(sim.now(), end);
        sim.at(end, () -> shiftEnds(c, day));
        if (!c.busy) {
            consultantFree(c);
        }
    }

    private void shiftEnds(Consultant c, int day) {
        c.onShift = false;
        if (!c.busy) {
            idle.get(c.group).remove(c);
        }
        scheduleNextShift(c, day + 1);
    }

    // ------------------------------------------------------------------ statistics

    private double clip(double from, double to) {
        return Math.max(0, Math.min(to, horizon) - Math.max(from, warmup));
    }

    private void add(Metric m, double v) {
        counts.merge(m, v, Double::sum);
    }

    /** Integrates the number open and the number queued over time up to {@code t}, split by local hour. */
    private void integrate(double t) {
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

    private int hour;
    private double hourEnd = Double.NEGATIVE_INFINITY;

    private RunResult finish(double wall) {
        double span = horizon - warmup;
        for (Caller x = open.first; x != null; x = x.next) {
            if (Double.isNaN(x.firstContact)) {
                missedIfEndOfDayPassed(x, Double.NaN);
            }
        }
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
        double paid = paidTime + overtime + (consultants.stream().anyMatch(c -> c.shift.always())
                ? consultants.stream().filter(c -> c.shift.always()).count() * span : 0);
        m.put(Metric.OCCUPANCY, paid == 0 ? Double.NaN : 100.0 * busyTime / paid);
        m.put(Metric.OVERTIME_HOURS_PER_DAY, overtime / 3600 / (span / 86_400));
        m.put(Metric.WAIT_PROBABILITY, queueWait.count() == 0 ? Double.NaN : (double) waited / queueWait.count());
        m.put(Metric.MEAN_QUEUE_WAIT, queueWait.mean() / 60);
        m.put(Metric.MEAN_QUEUE_LENGTH, queue.area / span);
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
        if (replaySkipped > 0) {
            LOG.info("replay: {} rows before the first simulated day or out of order were skipped", replaySkipped);
        }
        double[] qByHour = new double[24];
        double[] oByHour = new double[24];
        for (int h = 0; h < 24; h++) {
            qByHour[h] = timeByHour[h] == 0 ? 0 : queueAreaByHour[h] / timeByHour[h];
            oByHour[h] = timeByHour[h] == 0 ? 0 : openAreaByHour[h] / timeByHour[h];
        }
        return new RunResult(m, qByHour, oByHour, missesByHour.clone(), contactHistogram, sim.fired(),
                sim.peakPending(), peakInSystem, wall);
    }

    private static double relativeError(double[] lw) {
        double scale = Math.max(Math.abs(lw[0]), 1e-12);
        return lw[0] == 0 && lw[1] == 0 ? 0 : Math.abs(lw[0] - lw[1]) / scale;
    }

    /**
     * Who is present (open requests, or requests waiting in the queue) for Little's law, kept two
     * ways: the time integral of the number present ({@code area}), and per individual the time
     * each spent present within [warmup, horizon] (summed at departure; for those still present
     * at the end, from {@code n} and the sum of their entry times).
     */
    private static final class Presence {
        int n;
        double area;
        long counted;          // present at the warm-up, plus entries after it
        double departedTime;   // sum over departures after the warm-up of (leave - max(enter, warmup))
        double entrySum;       // sum over those present of max(enter, warmup)

        void enter(double t, double warmup) {
            n++;
            entrySum += Math.max(t, warmup);
            if (t >= warmup) {
                counted++;
            }
        }

        void leave(double entered, double t, double warmup) {
            n--;
            entrySum -= Math.max(entered, warmup);
            if (t > warmup) {
                departedTime += t - Math.max(entered, warmup);
            }
        }

        void resetAt(double warmup) {
            counted = n;
            entrySum = n * warmup;
            departedTime = 0;
            area = 0;
        }

        /** {L from the integral, lambda x W from the individual times}. */
        double[] little(double horizon, double span) {
            double total = departedTime + (n * horizon - entrySum);
            double l = area / span;
            double lambda = counted / span;
            double w = counted == 0 ? 0 : total / counted;
            return new double[] {l, lambda * w};
        }
    }

    /** The open requests, as an intrusive doubly-linked list: O(1) in and out, iterated once at the end. */
    private static final class OpenList {
        Caller first;

        void add(Caller x) {
            x.next = first;
            if (first != null) {
                first.prev = x;
            }
            first = x;
        }

        void remove(Caller x) {
            if (x.prev != null) {
                x.prev.next = x.next;
            } else {
                first = x.next;
            }
            if (x.next != null) {
                x.next.prev = x.prev;
            }
            x.prev = null;
            x.next = null;
        }
    }

    private final OpenList open = new OpenList();

    private static final class Caller {
        Caller prev;
        Caller next;
        double endOfDay;
        boolean missDecided;
        double windowDeadline;
        CallbackState closedAs;
        long id;
        SplittableRandom rng;
        Persona persona;
        int personaIndex;
        int category;
        Urgency urgency;
        EscalationLevel level;
        double arrival;
        int arrivalHour;
        boolean counted;
        LocalTime statedUntil;
        double leaveSod;
        int requestDay = -1;
        double requestDayLeave = Double.NaN;
        double selfResolveAt = Double.POSITIVE_INFINITY;
        boolean cancels;
        boolean refusesScreenshot;
        boolean wrongNumber;
        boolean askedForLater;
        double resolvedAt = Double.NaN;
        double firstContact = Double.NaN;
        double notBefore;
        final List<SimAttempt> attempts = new ArrayList<>(4);
        int token;
        int emptyWindows;
        boolean open = true;
        boolean inDial;
        Callback queued;
        double queuedAt;
        double plannedAt;
        double windowLatest;
        int mergeCount;
    }

    private static final class Consultant {
        final int group;
        final Shift shift;
        boolean onShift;
        boolean busy;
        double busySince;
        double shiftEndAt;

        Consultant(int group, Shift shift) {
            this.group = group;
            this.shift = shift;
        }
    }
}
