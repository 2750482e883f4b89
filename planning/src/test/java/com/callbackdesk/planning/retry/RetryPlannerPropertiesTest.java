package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.calendar.BusinessDay;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.OutcomeCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the request, the attempts so far and the moment of asking: no planned attempt lies
 * outside business hours, after the caller's end of day (minus the lead), in the past, or
 * closer than the minimum gap to the last attempt unless the caller chose the time.
 */
class RetryPlannerPropertiesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin"); // has DST, unlike Taipei
    static final BusinessCalendar OFFICE = BusinessCalendar.builder(BERLIN)
            .weekdays(LocalTime.of(8, 30), LocalTime.of(18, 0))
            .open(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))
            .shiftEnds(DayOfWeek.FRIDAY, LocalTime.of(16, 0))
            .holiday(LocalDate.of(2026, 12, 24)).holiday(LocalDate.of(2026, 12, 25))
            .holiday(LocalDate.of(2027, 1, 1)).build();
    static final Instant START = Instant.parse("2026-10-20T00:00:00Z"); // spans the October DST change
    static final List<OutcomeCode> FAILURES = List.of(OutcomeCode.NO_ANSWER, OutcomeCode.BUSY, OutcomeCode.CONGESTION,
            OutcomeCode.LEFT_FOR_THE_DAY, OutcomeCode.CALL_BACK_AT);

    record Case(PlanRequest request, List<PastAttempt> attempts, Instant now, RetryPolicy policy) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Long> minutes = Arbitraries.longs().between(0, 80L * 24 * 60);
        Arbitrary<Urgency> urgency = Arbitraries.of(Urgency.class);
        Arbitrary<LocalTime> reachable = Arbitraries.integers().between(6 * 4, 22 * 4)
                .map(q -> LocalTime.of(q / 4, (q % 4) * 15)).injectNull(0.4);
        Arbitrary<ZoneId> zone = Arbitraries.of(BERLIN, ZoneId.of("Europe/London"), ZoneId.of("Asia/Taipei")).injectNull(0.5);
        Arbitrary<List<Integer>> steps = Arbitraries.integers().between(0, 10_000).list().ofMaxSize(7);
        Arbitrary<List<Integer>> outcomes = Arbitraries.integers().between(0, FAILURES.size() - 1).list().ofSize(7);
        Arbitrary<Integer> lead = Arbitraries.of(0, 15, 30, 60, 120);
        Arbitrary<Integer> rotation = Arbitraries.of(0, 60, 90, 120, 180);
        return Combinators.combine(minutes, urgency, reachable, zone, steps, outcomes, lead, rotation)
                .as((m, u, until, z, gaps, outs, leadMin, rotMin) -> {
                    RetryPolicy policy = RetryPolicy.defaults().withEndOfDayLead(Duration.ofMinutes(leadMin))
                            .withRotationStep(Duration.ofMinutes(rotMin)).withMaxAttempts(8).withExpiryBusinessDays(20);
                    Instant requested = START.plus(Duration.ofMinutes(m));
                    PlanRequest r = new PlanRequest(1, u, requested, until, z, null);
                    List<PastAttempt> attempts = new ArrayList<>();
                    Instant t = requested;
                    for (int i = 0; i < gaps.size(); i++) {
                        t = t.plus(Duration.ofMinutes(gaps.get(i)));
                        OutcomeCode o = FAILURES.get(outs.get(i));
                        Instant callBackAt = o == OutcomeCode.CALL_BACK_AT ? t.plus(Duration.ofMinutes(gaps.get(i) % 3000)) : null;
                        attempts.add(new PastAttempt(i + 1, t, o, callBackAt));
                    }
                    return new Case(r, attempts, t.plus(Duration.ofMinutes(1)), policy);
                });
    }

    @Property(tries = 3000)
    void noAttemptOutsideBusinessHoursOrAfterTheEndOfDay(@ForAll("cases") Case c) {
        Plan plan = new RetryPlanner(c.policy(), OFFICE).next(c.request(), c.attempts(), c.now());
        if (plan instanceof Plan.GiveUp) {
            return;
        }
        Plan.Attempt a = (Plan.Attempt) plan;
        Duration lead = c.policy().endOfDayLead();
        BusinessDay day = OFFICE.day(OFFICE.dateOf(a.earliest())).orElseThrow(
                () -> new AssertionError("planned on a closed day: " + a));

        assertThat(OFFICE.isOpen(a.earliest())).as("open at %s", a.earliest()).isTrue();
        assertThat(a.earliest()).isAfterOrEqualTo(c.now()).isAfterOrEqualTo(day.opens());
        assertThat(a.latest()).isAfterOrEqualTo(a.earliest());
        assertThat(a.latest()).isBeforeOrEqualTo(day.workEnds().minus(lead));
        if (c.request().reachableUntil() != null && day.date().equals(OFFICE.dateOf(c.request().requestedAt()))) {
            ZoneId z = c.request().callerZone() == null ? BERLIN : c.request().callerZone();
            Instant callerEnd = ZonedDateTime.of(LocalDate.ofInstant(c.request().requestedAt(), z),
                    c.request().reachableUntil(), z).toInstant();
            assertThat(a.latest()).as("caller's end of day").isBeforeOrEqualTo(callerEnd.minus(lead));
        }
        if (!c.attempts().isEmpty()) {
            PastAttempt last = c.attempts().get(c.attempts().size() - 1);
            if (last.outcome() != OutcomeCode.CALL_BACK_AT) {
                assertThat(a.earliest()).isAfterOrEqualTo(last.at().plus(c.policy().minimumGap()));
            }
        }
        assertThat(a.attemptNo()).isEqualTo(c.attempts().size() + 1);
    }

    @Property(tries = 500)
    void thePlannerIsAFunction(@ForAll("cases") Case c) {
        RetryPlanner planner = new RetryPlanner(c.policy(), OFFICE);
        assertThat(planner.next(c.request(), c.attempts(), c.now()))
                .isEqualTo(RetryPlanner.plan(c.request(), c.attempts(), c.policy(), OFFICE, c.now()));
    }
}
