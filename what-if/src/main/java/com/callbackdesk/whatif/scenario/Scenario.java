package com.callbackdesk.whatif.scenario;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * A what-if scenario: who calls when, who they are (personas: callers who solve it alone, leave early, ask for later, repeat), who answers, for how long,
 * and how many independent replications to run. Parsed and validated by {@link ScenarioParser};
 * the reference of every field is docs/WHAT-IF.md.
 *
 * @param name          a label for reports
 * @param seed          the root of every random stream: same seed, same numbers
 * @param days          simulated days (arrivals stop at the end; the run then stops too)
 * @param replications  independent runs (confidence intervals are over these)
 * @param start         the first simulated day (its day of week matters)
 * @param warmupHours   statistics ignore arrivals and time before this (steady-state checks)
 * @param calendar      the office calendar
 * @param arrivals      when requests come in
 * @param categories    problem categories with their shares
 * @param personas      the caller mix
 * @param consultants   consultant groups
 * @param calls         timing of the dialing itself
 */
public record Scenario(
        String name,
        long seed,
        int days,
        int replications,
        LocalDate start,
        double warmupHours,
        CalendarSpec calendar,
        Arrivals arrivals,
        List<Category> categories,
        List<Persona> personas,
        List<ConsultantGroup> consultants,
        CallTimes calls) {

    /** Where the office calendar comes from. */
    public sealed interface CalendarSpec {
        /**
         * The production business calendar (opening hours, holidays, zone, shift ends): the
         * default one, or one in its own YAML format given inline or as a file.
         */
        record Office(com.callbackdesk.planning.calendar.BusinessCalendar calendar) implements CalendarSpec {
        }

        /**
         * No calendar and no end of day: the office never closes, every request is due the moment
         * it arrives and may wait as long as it takes. This is the textbook M/M/c setting; the
         * retry planner is not consulted (it plans within business days, and there are none).
         */
        record AlwaysOpen() implements CalendarSpec {
        }
    }

    /** When requests arrive. */
    public sealed interface Arrivals {
        /**
         * Non-homogeneous Poisson: {@code perHour[h]} requests per hour at office-local hour h,
         * times {@code dayFactor[dayOfWeek - 1]}.
         */
        record Poisson(double[] perHour, double[] dayFactor) implements Arrivals {
            public double rate(int hour, DayOfWeek day) {
                return perHour[hour] * dayFactor[day.getValue() - 1];
            }
        }

        /** Arrival instants replayed from a CSV file (one ISO-8601 date-time per row in {@code column}). */
        record Replay(Path csv, String column) implements Arrivals {
        }
    }

    /** A problem category; {@code screenshot} = the flow must request a screenshot. */
    public record Category(String name, double share, boolean screenshot) {
    }

    /**
     * A caller persona and its parameters. Every trait is optional (null = the
     * persona does not do that).
     */
    public record Persona(
            String name,
            double share,
            double urgentProbability,
            double[] answerByHour,
            double busyShare,
            SelfResolves selfResolves,
            LeavesForTheDay leaves,
            AsksForLater asksForLater,
            RefusesScreenshot refusesScreenshot,
            Repeats repeats,
            double wrongNumberProbability,
            java.time.ZoneId zone) {
    }

    /** Fixes it alone within {@code within}; tells us (cancels) with {@code cancelProbability}. */
    public record SelfResolves(double probability, Distribution within, double cancelProbability) {
    }

    /**
     * Leaves around {@code around} (normal, sd minutes), says so to the IVR (a stated
     * reachable-until) with {@code statesProbability}; when dialed after leaving, a colleague
     * answers and says so with {@code colleagueAnswers}, else nobody answers.
     */
    public record LeavesForTheDay(LocalTime around, double sdMinutes, double statesProbability, double colleagueAnswers) {
    }

    /** The first time they answer, they ask for a later time with this probability, {@code after} from now. */
    public record AsksForLater(double probability, Distribution after) {
    }

    /** Declines the screenshot; a declined screenshot makes the conversation's handle time {@code handleTimeFactor} times longer. */
    public record RefusesScreenshot(double probability, double handleTimeFactor) {
    }

    /**
     * Calls again while the callback is pending (merged, no duplicate dial) with
     * {@code whilePendingProbability} after {@code whilePendingAfter}; calls again with the same
     * problem after it was resolved with {@code afterResolvedProbability} after
     * {@code afterResolvedAfter} — a new request, flagged (escalated to repeat/dissatisfied).
     */
    public record Repeats(double whilePendingProbability, Distribution whilePendingAfter,
                          double afterResolvedProbability, Distribution afterResolvedAfter) {
    }

    /**
     * A consultant group: its shifts (with head counts), the categories it takes, its handle time —
     * talk plus after-call work of a conversation, from the answer until the consultant is free, the
     * dashboard's average handle time ({@code DeskKpis.handleTimeByGroup}).
     */
    public record ConsultantGroup(String name, List<Shift> shifts, Set<String> skills, Distribution handleTime) {
        public boolean takes(String category) {
            return skills.isEmpty() || skills.contains(category);
        }
    }

    /** {@code count} consultants on {@code days} from {@code start} to {@code end}; end 24:00 is written as {@code endOfDay}. */
    public record Shift(Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean untilMidnight, int count) {
        /** A shift from 00:00 to 24:00 every day: consultants who never go home (M/M/c). */
        public boolean always() {
            return days.size() == 7 && start.equals(LocalTime.MIDNIGHT) && untilMidnight;
        }

        public double startSecond() {
            return start.toSecondOfDay();
        }

        public double endSecond() {
            return untilMidnight ? 86_400 : end.toSecondOfDay();
        }
    }

    /**
     * Timing of a dial: how long it rings before "no answer", how long until someone picks up,
     * how long a short call lasts (asked for later, left for the day, already solved, wrong
     * number).
     */
    public record CallTimes(double ringNoAnswer, double answerAfter, double shortCall) {
    }
}
