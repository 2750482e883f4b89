package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.queue.QueueItem;
import com.callbackdesk.whatif.scenario.Scenario;
import com.callbackdesk.whatif.scenario.Scenario.Persona;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * Draws callers from the scenario's personas and categories, and answers questions about a
 * caller's own clock: their end of day (the planning module's {@code EndOfDay}, through the
 * {@link RetryPath}), whether they have left for the day, and the request as the queue's rules
 * see it ({@link QueueItem}).
 */
final class Callers {
    /** A caller still at work when they call leaves at least this long after calling. */
    private static final double STILL_AT_WORK = 900;

    private final Scenario sc;
    private final TimeBase tb;
    private final RetryPath path;
    private final double warmup;
    private final double[] personaCumulative;
    private final double[] categoryCumulative;
    private final boolean[] categoryScreenshot;
    private final String[] categoryNames;
    private long nextId = 1;

    Callers(Scenario scenario, RetryPath path, double warmup) {
        this.sc = scenario;
        this.tb = path.time();
        this.path = path;
        this.warmup = warmup;
        personaCumulative = cumulative(scenario.personas().stream().mapToDouble(Persona::share).toArray());
        categoryCumulative = cumulative(scenario.categories().stream().mapToDouble(Scenario.Category::share).toArray());
        int nc = scenario.categories().size();
        categoryScreenshot = new boolean[nc];
        categoryNames = new String[nc];
        for (int i = 0; i < nc; i++) {
            categoryScreenshot[i] = scenario.categories().get(i).screenshot();
            categoryNames[i] = scenario.categories().get(i).name();
        }
    }

    /** A new caller arriving at {@code now}; {@code repeatPersona >= 0}: a repeat request (same persona and category) after a resolution. */
    Caller arrive(long seed, double now, int repeatPersona, int repeatCategory) {
        SplittableRandom rng = new SplittableRandom(seed);
        Caller x = new Caller();
        x.id = nextId++;
        x.rng = rng;
        x.arrival = now;
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
        x.endOfDay = endOfDay(x);
        return x;
    }

    /**
     * The caller's end of day for this request, by the planning module's one definition (office
     * close, last shift end, and on the day of the request the caller's end): here the caller's
     * end is when they actually leave — the simulation knows it; the desk only knows what they said.
     */
    private double endOfDay(Caller x) {
        LocalTime leaves = null;
        if (!Double.isNaN(x.leaveSod)) {
            x.requestDay = tb.dayIndex(x.arrival);
            double leave = callerTime(x, x.requestDay, x.leaveSod);
            if (leave < x.arrival + STILL_AT_WORK) {
                leave = x.arrival + STILL_AT_WORK; // they are still at work, calling: they leave a little later today
            }
            ZonedDateTime at = tb.instant(leave).atZone(callerZone(x));
            ZonedDateTime asked = tb.instant(x.arrival).atZone(callerZone(x));
            leaves = at.toLocalDate().equals(asked.toLocalDate()) ? at.toLocalTime() : LocalTime.MAX;
            x.requestDayLeave = tb.seconds(ZonedDateTime.of(asked.toLocalDate(), leaves, callerZone(x)).toInstant());
        }
        return path.endOfDay(new PlanInput(x.id, x.urgency, x.arrival, leaves, x.persona.zone(), Double.NaN));
    }

    boolean hasLeft(Caller x, double t) {
        if (Double.isNaN(x.leaveSod)) {
            return false;
        }
        if (tb.dayIndex(t) == x.requestDay) {
            return t >= x.requestDayLeave;
        }
        return callerSecondOfDay(x, t) >= x.leaveSod;
    }

    /** The caller's wall-clock second of day at {@code t} (the office's unless the persona has a zone). */
    double callerSecondOfDay(Caller x, double t) {
        ZoneId zone = x.persona.zone();
        if (zone == null) {
            return tb.secondOfDay(t);
        }
        ZonedDateTime z = tb.instant(t).atZone(zone);
        return z.toLocalTime().toSecondOfDay() + z.getNano() / 1e9;
    }

    /** Virtual seconds of the caller's wall-clock {@code secondOfDay} on office day {@code d} (same calendar date). */
    private double callerTime(Caller x, int d, double secondOfDay) {
        ZoneId zone = x.persona.zone();
        if (zone == null) {
            return tb.at(d, secondOfDay);
        }
        LocalTime lt = LocalTime.ofNanoOfDay((long) (Math.min(secondOfDay, 86_399.999) * 1e9));
        LocalDate date = tb.start().plusDays(d);
        return tb.seconds(ZonedDateTime.of(date, lt, zone).toInstant());
    }

    private ZoneId callerZone(Caller x) {
        return x.persona.zone() == null ? tb.zone() : x.persona.zone();
    }

    /** The request as production would store it right now, as the queue's rules see it. */
    QueueItem queueItem(Caller x, CallbackState state) {
        return SimRules.item(tb, x.id, state, categoryNames[x.category], x.level, x.urgency, x.statedUntil,
                x.arrival, x.notBefore);
    }

    String categoryName(int category) {
        return categoryNames[category];
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
}
