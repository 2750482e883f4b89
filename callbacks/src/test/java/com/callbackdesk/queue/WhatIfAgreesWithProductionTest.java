package com.callbackdesk.queue;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.QueueOrder;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.queue.Eligibility;
import com.callbackdesk.planning.queue.PreDialCheck;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.planning.queue.QueueItem;
import com.callbackdesk.planning.retry.CallerTimeZones;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.whatif.model.PlanInput;
import com.callbackdesk.whatif.model.PlannerRetryPath;
import com.callbackdesk.whatif.model.SimRules;
import com.callbackdesk.whatif.model.TimeBase;
import com.callbackdesk.whatif.scenario.Scenario;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The what-if simulator and production give the same answer to the same question, on each rule
 * they share: the order waiting callbacks are served in, who may take which callback, the pre-dial
 * check and the end of day. Production's side is what the desk runs (the stored {@link Callback}
 * and {@link Consultant} through their planning views, {@link EndOfDayRisk}); the simulator's side
 * is what a run calls ({@link SimRules}, {@link PlannerRetryPath}). Inputs are generated: callbacks
 * of every level, deadline, urgency, age and state, consultants with any skills, times around the
 * clock over two weeks, calendars whose last shift ends before closing on some days.
 */
class WhatIfAgreesWithProductionTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final LocalDate START = LocalDate.of(2026, 1, 5); // a Monday
    private static final TimeBase TIME = new TimeBase(TAIPEI, START, 14);
    private static final List<String> PRODUCTS = List.of("router-x", "modem-y", "tv-z", "phone-w");
    /** Numbers whose zone production derives from the number: Taipei, Tokyo, London, and one with several zones (the office's). */
    private static final List<String> NUMBERS = List.of("+886912345678", "+81312345678", "+442071234567", "+12125550123");

    /** One generated request: the same facts given to both sides. */
    record Request(long id, CallbackState state, String product, EscalationLevel level, Urgency urgency,
                   LocalTime until, long createdSecond, Long notBeforeSecond, String number) {

        Callback callback() {
            Instant created = TIME.instant(createdSecond);
            return new Callback(id, state, number, number, NumberSource.CALLER_ID, "en", product, "no-internet", urgency,
                    until, ScreenshotChoice.NOT_NEEDED, level, "u" + id, created, created, 0,
                    notBeforeSecond == null ? null : TIME.instant(notBeforeSecond), null, null);
        }

        QueueItem simulated() {
            return SimRules.item(TIME, id, state, product, level, urgency, until, createdSecond,
                    notBeforeSecond == null ? Double.NaN : notBeforeSecond);
        }

        PlanInput planInput() {
            return new PlanInput(id, urgency, createdSecond, until, CallerTimeZones.of(number).orElse(null), Double.NaN);
        }
    }

    @Property(tries = 300)
    void aFreeConsultantTakesTheSameCallbackNext(@ForAll("requests") List<Request> generated) {
        List<Request> requests = withUniqueIds(generated);
        List<Long> production = requests.stream().map(Request::callback).sorted(QueueOrder.COMPARATOR)
                .map(Callback::id).toList();
        List<Long> simulated = requests.stream().map(Request::simulated).sorted(SimRules.ORDER)
                .map(QueueItem::id).toList();
        assertThat(simulated).isEqualTo(production);
    }

    @Property(tries = 500)
    void theSameConsultantsMayTakeTheSameCallbacks(@ForAll("request") Request request,
                                                   @ForAll @IntRange(min = 1, max = 15) int skillMask) {
        Set<String> skills = skills(skillMask);
        // Scenarios have no supervisors: the simulator's groups are compared with consultants who are not one.
        Consultant consultant = new Consultant(new ConsultantProfile("alice", "Alice", "IN_HOUSE", skills,
                "PJSIP/alice", false), ConsultantState.AVAILABLE, Instant.EPOCH, true);
        boolean production = Eligibility.mayTake(consultant.queueSkills(), request.callback().queueItem());
        Scenario.ConsultantGroup group = new Scenario.ConsultantGroup("g", List.of(), skills, null);
        boolean simulated = SimRules.takes(SimRules.skills(group, PRODUCTS), request.product(), request.level());
        assertThat(simulated).isEqualTo(production);
    }

    @Property(tries = 500)
    void thePreDialCheckDecidesAlike(@ForAll("request") Request request,
                                     @ForAll @IntRange(min = 0, max = 14 * 86_400) int now,
                                     @ForAll @IntRange(min = 0, max = 14 * 86_400) int windowLatest) {
        PreDialDecision production = PreDialCheck.decide(request.callback().queueItem(), TIME.instant(now),
                TIME.instant(windowLatest));
        PreDialDecision simulated = SimRules.preDial(TIME, request.simulated(), now, windowLatest);
        assertThat(simulated).isEqualTo(production);
    }

    @Property(tries = 500)
    void theEndOfDayIsTheSame(@ForAll("request") Request request, @ForAll("calendars") BusinessCalendar calendar) {
        Instant production = new EndOfDayRisk(calendar, RetryPolicy::defaults).requestDeadline(request.callback());
        PlannerRetryPath path = new PlannerRetryPath("p", RetryPolicy.defaults(), calendar, START, 14);
        Instant simulated = TIME.instant(path.endOfDay(request.planInput()));
        assertThat(simulated).isEqualTo(production);
    }

    @Provide
    Arbitrary<List<Request>> requests() {
        return request().list().ofMinSize(1).ofMaxSize(25);
    }

    @Provide
    Arbitrary<Request> request() {
        Arbitrary<LocalTime> until = Arbitraries.integers().between(10 * 4, 20 * 4)
                .map(q -> LocalTime.of(q / 4, q % 4 * 15)).injectNull(0.3);
        Arbitrary<Long> notBefore = Arbitraries.longs().between(0, 14 * 86_400).injectNull(0.5);
        return Combinators.combine(Arbitraries.longs().between(1, 40), Arbitraries.of(CallbackState.class),
                        Arbitraries.of(PRODUCTS), Arbitraries.of(EscalationLevel.class), Arbitraries.of(Urgency.class),
                        until, Arbitraries.longs().between(0, 13 * 86_400), notBefore)
                .flatAs((id, state, product, level, urgency, u, created, nb) -> Arbitraries.of(NUMBERS)
                        .map(number -> new Request(id, state, product, level, urgency, u, created, nb, number)));
    }

    @Provide
    Arbitrary<BusinessCalendar> calendars() {
        Arbitrary<LocalTime> shiftEnd = Arbitraries.integers().between(12 * 2, 18 * 2)
                .map(h -> LocalTime.of(h / 2, h % 2 * 30)).injectNull(0.4);
        return Combinators.combine(shiftEnd, Arbitraries.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        Arbitraries.integers().between(0, 13).injectNull(0.5))
                .as((end, day, holiday) -> {
                    BusinessCalendar.Builder b = BusinessCalendar.builder(TAIPEI)
                            .weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0));
                    if (end != null) {
                        b.shiftEnds(day, end);
                    }
                    if (holiday != null) {
                        b.holiday(START.plusDays(holiday));
                    }
                    return b.build();
                });
    }

    private static Set<String> skills(int mask) {
        Set<String> out = new java.util.TreeSet<>();
        for (int i = 0; i < PRODUCTS.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(PRODUCTS.get(i));
            }
        }
        return out;
    }

    private static List<Request> withUniqueIds(List<Request> requests) {
        List<Request> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            out.add(new Request(i + 1, r.state(), r.product(), r.level(), r.urgency(), r.until(), r.createdSecond(),
                    r.notBeforeSecond(), r.number()));
        }
        return out;
    }
}
