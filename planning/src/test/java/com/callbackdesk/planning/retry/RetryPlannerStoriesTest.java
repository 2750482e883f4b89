package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.OutcomeCode;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry planner against the field's cases — solved before we called, gone home, a different time every day, can't talk now — each with a fixed clock. The office is in
 * Taipei, Monday to Friday 09:00–18:00, lead 30 minutes, unless a test says otherwise.
 * 2026-11-25 is a Wednesday.
 */
class RetryPlannerStoriesTest {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final BusinessCalendar OFFICE = BusinessCalendar.builder(TAIPEI)
            .weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)).build();
    static final RetryPolicy POLICY = RetryPolicy.defaults().withEndOfDayLead(Duration.ofMinutes(30));

    static Instant taipei(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TAIPEI).toInstant();
    }

    static PlanRequest request(Urgency urgency, String at, LocalTime reachableUntil) {
        return new PlanRequest(1, urgency, taipei(at), reachableUntil, null, null);
    }

    static Plan.Attempt attempt(Plan plan) {
        assertThat(plan).isInstanceOf(Plan.Attempt.class);
        return (Plan.Attempt) plan;
    }

    @Test
    void story3_requestAt1710_callerLeaves1730_lead30_goesToTheNextBusinessMorning() {
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T17:10", LocalTime.of(17, 30));

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, List.of(), r.requestedAt()));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-26T09:00"));
        assertThat(a.nextBusinessDay()).isTrue();
        assertThat(a.attemptNo()).isEqualTo(1);
    }

    @Test
    void story3_urgentAt1655_isAttemptedBeforeCloseWhenItFits() {
        PlanRequest r = request(Urgency.URGENT, "2026-11-25T16:55", null);

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, List.of(), r.requestedAt()));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-25T17:00")); // urgent: 5 minutes
        assertThat(a.latest()).isEqualTo(taipei("2026-11-25T17:30")); // close 18:00 minus the lead
        assertThat(a.nextBusinessDay()).isFalse();
    }

    @Test
    void story3_urgentAt1655_thatCannotFitIsFirstThingNextMorning() {
        PlanRequest r = request(Urgency.URGENT, "2026-11-25T16:55", LocalTime.of(17, 15));

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, List.of(), r.requestedAt()));

        // The caller leaves at 17:15; 17:00 is less than the 30-minute lead before that.
        assertThat(a.earliest()).isEqualTo(taipei("2026-11-26T09:00")); // the opening minute: first in line
        assertThat(a.nextBusinessDay()).isTrue();
        assertThat(a.latest()).isEqualTo(taipei("2026-11-26T17:30")); // yesterday's "until 17:15" no longer applies
    }

    @Test
    void story3_theConsultantsShiftEndCountsToo() {
        BusinessCalendar shortFriday = BusinessCalendar.builder(TAIPEI).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))
                .shiftEnds(DayOfWeek.FRIDAY, LocalTime.of(16, 0)).build();
        PlanRequest r = request(Urgency.URGENT, "2026-11-27T15:30", null); // Friday

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, shortFriday).next(r, List.of(), r.requestedAt()));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-30T09:00")); // 15:30 + lead passes the 16:00 shift end
    }

    @Test
    void story3_leftForTheDayMeansTheNextBusinessMorning() {
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T10:00", null);
        List<PastAttempt> tried = List.of(new PastAttempt(1, taipei("2026-11-25T10:20"), OutcomeCode.LEFT_FOR_THE_DAY, null));

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, tried, taipei("2026-11-25T10:25")));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-26T09:00"));
        assertThat(a.attemptNo()).isEqualTo(2);
    }

    @Test
    void story4_fiveNoAnswersOverAWeekAreNeverAtTheSameHourTwice() {
        // The supervisor's complaint: called every day, always at the same time. A policy that
        // retries a day later would repeat the hour; rotation moves it.
        RetryPolicy daily = POLICY.withRule(OutcomeCode.NO_ANSWER, OutcomeRule.retryAfter(Duration.ofDays(1)))
                .withMaxAttempts(6).withExpiryBusinessDays(10);
        RetryPlanner planner = new RetryPlanner(daily, OFFICE);
        PlanRequest r = request(Urgency.NORMAL, "2026-11-23T09:40", null); // Monday
        List<PastAttempt> tried = new ArrayList<>();
        Instant now = r.requestedAt();
        for (int i = 0; i < 5; i++) {
            Plan.Attempt a = attempt(planner.next(r, tried, now));
            tried.add(new PastAttempt(a.attemptNo(), a.earliest(), OutcomeCode.NO_ANSWER, null));
            now = a.earliest().plusSeconds(60);
        }

        Set<Integer> hours = new HashSet<>();
        Set<LocalDate> days = new HashSet<>();
        for (PastAttempt t : tried) {
            ZonedDateTime local = t.at().atZone(TAIPEI);
            assertThat(OFFICE.isOpen(t.at())).as("%s inside opening hours", local).isTrue();
            hours.add(local.getHour());
            days.add(local.toLocalDate());
        }
        assertThat(hours).as("hours of %s", tried).hasSize(5);
        assertThat(days).as("one attempt a day over the week").hasSize(5);
    }

    @Test
    void story4_hourlyRetriesThatSpillIntoTheNextDayStartThereAtAnHourNotTriedBefore() {
        RetryPlanner planner = new RetryPlanner(POLICY.withMaxAttempts(20).withExpiryBusinessDays(10), OFFICE);
        PlanRequest r = request(Urgency.NORMAL, "2026-11-23T14:00", null);
        List<PastAttempt> tried = new ArrayList<>();
        Instant now = r.requestedAt();
        for (int i = 0; i < 12; i++) {
            Plan.Attempt a = attempt(planner.next(r, tried, now));
            tried.add(new PastAttempt(a.attemptNo(), a.earliest(), OutcomeCode.NO_ANSWER, null));
            now = a.earliest().plusSeconds(60);
        }
        // The first attempt of every day after the first is at an hour no earlier day used.
        LocalDate previousDay = null;
        Set<Integer> earlierDaysHours = new HashSet<>();
        Set<Integer> todaysHours = new HashSet<>();
        for (PastAttempt t : tried) {
            ZonedDateTime local = t.at().atZone(TAIPEI);
            if (!local.toLocalDate().equals(previousDay)) {
                earlierDaysHours.addAll(todaysHours);
                todaysHours.clear();
                assertThat(earlierDaysHours).as("first attempt on %s", local).doesNotContain(local.getHour());
                previousDay = local.toLocalDate();
            }
            todaysHours.add(local.getHour());
            assertThat(OFFICE.isOpen(t.at())).isTrue();
        }
        assertThat(tried.get(tried.size() - 1).at().atZone(TAIPEI).toLocalDate()).isAfter(LocalDate.of(2026, 11, 24));
    }

    @Test
    void story4_busyRetriesSoonerThanNoAnswer() {
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T10:00", null);
        RetryPlanner planner = new RetryPlanner(POLICY, OFFICE);
        Instant at = taipei("2026-11-25T10:20");

        Plan.Attempt afterBusy = attempt(planner.next(r, List.of(new PastAttempt(1, at, OutcomeCode.BUSY, null)), at));
        Plan.Attempt afterNoAnswer = attempt(planner.next(r, List.of(new PastAttempt(1, at, OutcomeCode.NO_ANSWER, null)), at));

        assertThat(afterBusy.earliest()).isEqualTo(at.plus(Duration.ofMinutes(15)));
        assertThat(afterNoAnswer.earliest()).isEqualTo(at.plus(Duration.ofHours(1)));
    }

    @Test
    void story4_givesUpAfterTheMaximumAttemptsWithTheReason() {
        RetryPlanner planner = new RetryPlanner(POLICY.withMaxAttempts(2), OFFICE);
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T10:00", null);
        List<PastAttempt> tried = List.of(
                new PastAttempt(1, taipei("2026-11-25T10:20"), OutcomeCode.NO_ANSWER, null),
                new PastAttempt(2, taipei("2026-11-25T11:20"), OutcomeCode.BUSY, null));

        Plan plan = planner.next(r, tried, taipei("2026-11-25T11:21"));

        assertThat(plan).isInstanceOf(Plan.GiveUp.class);
        Plan.GiveUp g = (Plan.GiveUp) plan;
        assertThat(g.reason()).isEqualTo(GiveUpReason.MAX_ATTEMPTS);
        assertThat(g.reason().closesAs().name()).isEqualTo("UNREACHABLE");
        assertThat(g.detail()).contains("2 attempts");
    }

    @Test
    void story4_expiresAfterDBusinessDaysWithTheReason() {
        RetryPolicy twoDays = POLICY.withRule(OutcomeCode.NO_ANSWER, OutcomeRule.retryAfter(Duration.ofDays(1)))
                .withMaxAttempts(10).withExpiryBusinessDays(2);
        RetryPlanner planner = new RetryPlanner(twoDays, OFFICE);
        PlanRequest r = request(Urgency.NORMAL, "2026-11-26T10:00", null); // Thursday: day 1; Friday: day 2
        List<PastAttempt> tried = List.of(
                new PastAttempt(1, taipei("2026-11-26T10:20"), OutcomeCode.NO_ANSWER, null),
                new PastAttempt(2, taipei("2026-11-27T12:20"), OutcomeCode.NO_ANSWER, null));

        Plan plan = planner.next(r, tried, taipei("2026-11-27T12:21"));

        assertThat(plan).isInstanceOf(Plan.GiveUp.class);
        Plan.GiveUp g = (Plan.GiveUp) plan;
        assertThat(g.reason()).isEqualTo(GiveUpReason.EXPIRED);
        assertThat(g.detail()).contains("2 business day");
    }

    @Test
    void story5_callMeAt1400TomorrowIsKeptExactly() {
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T10:00", null);
        Instant agreed = taipei("2026-11-26T14:00");
        List<PastAttempt> tried = List.of(new PastAttempt(1, taipei("2026-11-25T10:20"), OutcomeCode.CALL_BACK_AT, agreed));

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, tried, taipei("2026-11-25T10:25")));

        assertThat(a.earliest()).isEqualTo(agreed);
        assertThat(a.nextBusinessDay()).isFalse();
        assertThat(a.latest()).isEqualTo(taipei("2026-11-26T17:30"));
    }

    @Test
    void story5_aCallerChosenTimeInsideTheMinimumGapIsStillKept() {
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T10:00", null);
        Instant inFiveMinutes = taipei("2026-11-25T10:25");
        List<PastAttempt> tried = List.of(new PastAttempt(1, taipei("2026-11-25T10:20"), OutcomeCode.CALL_BACK_AT, inFiveMinutes));

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, tried, taipei("2026-11-25T10:21")));

        assertThat(a.earliest()).isEqualTo(inFiveMinutes);
    }

    @Test
    void story5_aNotBeforeChosenAtIntakeIsRespected() {
        PlanRequest r = new PlanRequest(1, Urgency.URGENT, taipei("2026-11-25T10:00"), null, null, taipei("2026-11-25T15:00"));

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, List.of(), r.requestedAt()));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-25T15:00"));
    }

    @Test
    void fridayEveningGoesToMonday() {
        PlanRequest r = request(Urgency.URGENT, "2026-11-27T18:30", null);

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, List.of(), r.requestedAt()));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-30T09:00"));
        assertThat(a.nextBusinessDay()).isTrue();
    }

    @Test
    void aHolidayIsSkipped() {
        BusinessCalendar withHoliday = BusinessCalendar.builder(TAIPEI).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))
                .holiday(LocalDate.of(2026, 11, 26)).build();
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T17:45", null);

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, withHoliday).next(r, List.of(), r.requestedAt()));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-27T09:00"));
    }

    @Test
    void aDstChangeKeepsTheOfficesLocalOpeningTime() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        BusinessCalendar office = BusinessCalendar.builder(berlin).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)).build();
        // Clocks go back on Sunday 2026-10-25: Friday is UTC+2, Monday UTC+1.
        Instant friday = LocalDateTime.parse("2026-10-23T17:50").atZone(berlin).toInstant();
        PlanRequest r = new PlanRequest(1, Urgency.NORMAL, friday, null, null, null);

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, office).next(r, List.of(), friday));

        assertThat(a.earliest()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z")); // 09:00 CET
        assertThat(a.latest()).isEqualTo(Instant.parse("2026-10-26T16:30:00Z")); // 17:30 CET

        // And forward in spring (2027-03-28): Friday UTC+1, Monday UTC+2.
        Instant spring = LocalDateTime.parse("2027-03-26T17:50").atZone(berlin).toInstant();
        Plan.Attempt b = attempt(new RetryPlanner(POLICY, office).next(
                new PlanRequest(2, Urgency.NORMAL, spring, null, null, null), List.of(), spring));
        assertThat(b.earliest()).isEqualTo(Instant.parse("2027-03-29T07:00:00Z")); // 09:00 CEST
    }

    @Test
    void aCallerInAnotherTimeZoneIsHeldToTheirOwnClock() {
        // The caller is in Tokyo (UTC+9), one hour ahead of the Taipei office: "until 17:00" is
        // 16:00 in Taipei, so the attempt must start by 15:30 office time.
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        PlanRequest fits = new PlanRequest(1, Urgency.NORMAL, taipei("2026-11-25T15:05"), LocalTime.of(17, 0), tokyo, null);
        PlanRequest tooLate = new PlanRequest(2, Urgency.NORMAL, taipei("2026-11-25T15:20"), LocalTime.of(17, 0), tokyo, null);
        RetryPlanner planner = new RetryPlanner(POLICY, OFFICE);

        Plan.Attempt a = attempt(planner.next(fits, List.of(), fits.requestedAt()));
        Plan.Attempt b = attempt(planner.next(tooLate, List.of(), tooLate.requestedAt()));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-25T15:25"));
        assertThat(a.latest()).isEqualTo(taipei("2026-11-25T15:30"));
        assertThat(b.earliest()).isEqualTo(taipei("2026-11-26T09:00"));
    }

    @Test
    void aRequestBeforeOpeningWaitsForTheOpeningOnTheSameDay() {
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T07:30", null);

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, List.of(), r.requestedAt()));

        assertThat(a.earliest()).isEqualTo(taipei("2026-11-25T09:00"));
        assertThat(a.nextBusinessDay()).isFalse();
    }

    @Test
    void aLateReplanNeverPlansInThePast() {
        // Quartz misfire: the process was down; the planner is asked again long after.
        PlanRequest r = request(Urgency.NORMAL, "2026-11-25T10:00", null);
        Instant now = taipei("2026-11-25T13:07");

        Plan.Attempt a = attempt(new RetryPlanner(POLICY, OFFICE).next(r, List.of(), now));

        assertThat(a.earliest()).isEqualTo(now);
    }
}
