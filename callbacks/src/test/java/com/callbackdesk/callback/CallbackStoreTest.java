package com.callbackdesk.callback;

import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import static com.callbackdesk.planning.CallbackState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store against H2 and PostgreSQL alike. */
class CallbackStoreTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final Instant T0 = Instant.parse("2025-03-03T02:00:00.123456789Z");
    private static final Actor INTAKE = Actor.system("intake-route");
    private static final Actor ALICE = Actor.consultant("alice");

    private final MutableClock clock = new MutableClock(T0);
    private Database db;
    private CallbackStore store;

    private CallbackStore open(DatabaseSettings settings) {
        db = Database.open(settings);
        store = new CallbackStore(db, clock);
        return store;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void intakeCreatesAPendingCallbackWithEveryFieldRoundTripped(DatabaseSettings settings) {
        open(settings);
        NewCallback request = new NewCallback("1709430000.42", "PJSIP/trunk-00000042", "+886912345678",
                "+886223456789", NumberSource.ENTERED, "zh-TW", "router-x", "error-message", Urgency.URGENT,
                LocalTime.of(16, 45), ScreenshotChoice.EMAIL, Instant.parse("2025-03-03T01:59:30Z"));

        IntakeResult result = store.intakes().record(request, INTAKE);

        assertThat(result).isInstanceOf(IntakeResult.Created.class);
        Callback c = result.callback();
        Instant stored = T0.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        assertThat(c).isEqualTo(new Callback(c.id(), PENDING, "+886912345678", "+886223456789", NumberSource.ENTERED,
                "zh-TW", "router-x", "error-message", Urgency.URGENT, LocalTime.of(16, 45), ScreenshotChoice.EMAIL,
                EscalationLevel.NORMAL, "1709430000.42", stored, stored, 0, null, null, null));
        assertThat(store.find(c.id())).contains(c);
        assertThat(store.findOpenByNumber("+886223456789")).contains(c);
        assertThat(store.findOpenByNumber("+886912345678")).isEmpty();
        assertThat(store.count()).isEqualTo(1);

        // nulls round-trip too
        NewCallback sparse = new NewCallback("u-2", null, null, "+886200000000", NumberSource.ENTERED, null, "p", "c",
                Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED, T0);
        Callback s = store.intakes().record(sparse, INTAKE).callback();
        assertThat(store.find(s.id()).orElseThrow()).satisfies(x -> {
            assertThat(x.callerId()).isNull();
            assertThat(x.language()).isNull();
            assertThat(x.reachableUntil()).isNull();
            assertThat(x.untilOfficeCloses()).isTrue();
        });

        List<AuditEntry> history = store.history(c.id());
        assertThat(history).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo(AuditEntry.Action.CREATED);
            assertThat(a.actor()).isEqualTo(INTAKE);
            assertThat(a.at()).isEqualTo(stored);
            assertThat(a.oldState()).isNull();
            assertThat(a.newState()).isEqualTo(PENDING);
            assertThat(a.detail()).contains("1709430000.42").contains("PJSIP/trunk-00000042");
        });
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aSecondRequestFromTheSameNumberMergesIntoTheOpenCallback(DatabaseSettings settings) {
        open(settings);
        Callback first = store.intakes().record(Intakes.from("+886911111111", "u-1"), INTAKE).callback();
        clock.advance(Duration.ofMinutes(7));
        NewCallback again = Intakes.urgent("+886911111111", "u-2", LocalTime.of(16, 0));

        IntakeResult result = store.intakes().record(again, INTAKE);

        assertThat(result).isInstanceOf(IntakeResult.Merged.class);
        IntakeResult.Merged merged = (IntakeResult.Merged) result;
        assertThat(merged.merged()).isEqualTo(again);
        assertThat(merged.planAffected()).isTrue();
        Callback after = merged.existing();
        assertThat(after.id()).isEqualTo(first.id());
        assertThat(after.mergeCount()).isEqualTo(1);
        assertThat(after.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(after.reachableUntil()).isEqualTo(LocalTime.of(16, 0));
        assertThat(after.callUniqueId()).isEqualTo("u-1");
        assertThat(after.createdAt()).isEqualTo(first.createdAt());
        assertThat(after.updatedAt()).isAfter(first.updatedAt());
        assertThat(store.count()).isEqualTo(1);

        assertThat(store.merges(first.id())).singleElement().satisfies(m -> {
            assertThat(m.callbackId()).isEqualTo(first.id());
            assertThat(m.request()).isEqualTo(again);
            assertThat(m.mergedAt()).isEqualTo(after.updatedAt());
        });
        assertThat(store.history(first.id())).extracting(AuditEntry::action)
                .containsExactly(AuditEntry.Action.CREATED, AuditEntry.Action.MERGED);
        AuditEntry mergeAudit = store.history(first.id()).get(1);
        assertThat(mergeAudit.detail()).contains("u-2").contains("urgency: NORMAL → URGENT")
                .contains("reachableUntil: 17:30 → 16:00");
        assertThat(mergeAudit.oldState()).isEqualTo(PENDING);
        assertThat(mergeAudit.newState()).isEqualTo(PENDING);

        // a later NORMAL repeat never downgrades urgency; same reachable-until: nothing to re-plan
        IntakeResult.Merged third = (IntakeResult.Merged) store.intakes().record(
                withUntil(Intakes.from("+886911111111", "u-3"), LocalTime.of(16, 0)), INTAKE);
        assertThat(third.existing().urgency()).isEqualTo(Urgency.URGENT);
        assertThat(third.existing().mergeCount()).isEqualTo(2);
        assertThat(third.planAffected()).isFalse();
        assertThat(store.merges(first.id())).extracting(m -> m.request().callUniqueId()).containsExactly("u-2", "u-3");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void afterTheCallbackIsClosedANewRequestCreatesANewCallback(DatabaseSettings settings) {
        open(settings);
        String number = "+886922222222";
        Callback first = store.intakes().record(Intakes.from(number, "u-1"), INTAKE).callback();
        walkToResolved(first.id());
        assertThat(store.findOpenByNumber(number)).isEmpty();

        IntakeResult again = store.intakes().record(Intakes.from(number, "u-2"), INTAKE);

        assertThat(again).isInstanceOf(IntakeResult.Created.class);
        assertThat(again.callback().id()).isNotEqualTo(first.id());
        assertThat(store.findOpenByNumber(number)).map(Callback::id).contains(again.callback().id());
        assertThat(store.count()).isEqualTo(2);

        // cancelled also frees the number
        store.lifecycle().transition(again.callback().id(), PENDING, CANCELLED, Actor.caller(number), "pressed 3: solved it");
        assertThat(store.intakes().record(Intakes.from(number, "u-3"), INTAKE)).isInstanceOf(IntakeResult.Created.class);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void transitionIsACompareAndSetAndAStaleExpectationWritesNothing(DatabaseSettings settings) {
        open(settings);
        long id = store.intakes().record(Intakes.from("+886933333333", "u-1"), INTAKE).callback().id();
        store.lifecycle().transition(id, PENDING, SCHEDULED, Actor.system("planner"), "planned");
        Callback before = store.find(id).orElseThrow();
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> store.lifecycle().transition(id, PENDING, QUEUED, Actor.system("planner"), "stale"))
                .isInstanceOfSatisfying(StaleStateException.class, e -> {
                    assertThat(e.expected()).isEqualTo(PENDING);
                    assertThat(e.actual()).isEqualTo(SCHEDULED);
                })
                .hasMessageContaining("SCHEDULED").hasMessageContaining("PENDING");

        assertThat(store.find(id)).contains(before);
        assertThat(store.history(id)).hasSize(2);

        // a stale close leaves the number taken (nothing written)
        assertThatThrownBy(() -> store.lifecycle().transition(id, PENDING, CANCELLED, ALICE, "stale cancel"))
                .isInstanceOf(StaleStateException.class);
        assertThat(store.findOpenByNumber("+886933333333")).isPresent();
        assertThatThrownBy(() -> store.lifecycle().transition(9_999_999L, PENDING, SCHEDULED, ALICE, "nobody"))
                .isInstanceOf(java.util.NoSuchElementException.class);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void illegalTransitionsAreRefusedNamingBothStates(DatabaseSettings settings) {
        open(settings);
        long id = store.intakes().record(Intakes.from("+886944444444", "u-1"), INTAKE).callback().id();

        assertThatThrownBy(() -> store.lifecycle().transition(id, PENDING, RESOLVED, ALICE, "skip the call"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(PENDING);
                    assertThat(e.to()).isEqualTo(RESOLVED);
                })
                .hasMessageContaining("PENDING").hasMessageContaining("RESOLVED");
        walkToResolved(id);
        assertThatThrownBy(() -> store.lifecycle().transition(id, RESOLVED, QUEUED, ALICE, "reopen"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("RESOLVED -> QUEUED");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(RESOLVED);
        assertThatThrownBy(() -> store.lifecycle().transition(id, RESOLVED, RESOLVED, ALICE, "again"))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> store.lifecycle().transition(id, RESOLVED, CANCELLED, ALICE, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void everyChangeIsAuditedWithWhoWhenWhyAndOldToNew(DatabaseSettings settings) {
        open(settings);
        long id = store.intakes().record(Intakes.from("+886955555555", "u-1"), INTAKE).callback().id();
        Instant plan = Instant.parse("2025-03-03T02:30:00Z");

        clock.advance(Duration.ofSeconds(10));
        Callback scheduled = store.lifecycle().transition(id, PENDING, SCHEDULED,
                CallbackChange.none().plannedAt(plan).policyVersion(3), Actor.system("planner"), "first attempt");
        assertThat(scheduled.plannedAt()).isEqualTo(plan);
        assertThat(scheduled.policyVersion()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(10));
        Callback escalated = store.lifecycle().update(id, CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                Actor.supervisor("sam"), "posted on social media");
        assertThat(escalated.escalationLevel()).isEqualTo(EscalationLevel.REPUTATIONAL_RISK);
        assertThat(escalated.state()).isEqualTo(SCHEDULED);
        // a change that changes nothing writes nothing
        assertThat(store.lifecycle().update(id, CallbackChange.none().policyVersion(3), Actor.system("planner"), "noop"))
                .isEqualTo(escalated);

        clock.advance(Duration.ofSeconds(10));
        store.lifecycle().transition(id, SCHEDULED, QUEUED, Actor.system("quartz"), "planned time reached");
        clock.advance(Duration.ofSeconds(10));
        store.lifecycle().transition(id, QUEUED, CLAIMED, ALICE, "claimed from the console");
        clock.advance(Duration.ofSeconds(10));
        store.lifecycle().transition(id, CLAIMED, DIALING, Actor.system("dialer"), "still wanted; originate");
        clock.advance(Duration.ofSeconds(10));
        store.lifecycle().transition(id, DIALING, CONNECTED, Actor.system("dialer"), "caller answered");
        clock.advance(Duration.ofSeconds(10));
        Callback resolved = store.lifecycle().transition(id, CONNECTED, RESOLVED, ALICE, "reset the router");
        assertThatThrownBy(() -> store.lifecycle().update(id, CallbackChange.none().plannedAt(plan), ALICE, "late"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("RESOLVED");

        List<AuditEntry> h = store.history(id);
        assertThat(h).extracting(AuditEntry::action).containsExactly(AuditEntry.Action.CREATED,
                AuditEntry.Action.TRANSITION, AuditEntry.Action.UPDATED, AuditEntry.Action.TRANSITION,
                AuditEntry.Action.TRANSITION, AuditEntry.Action.TRANSITION, AuditEntry.Action.TRANSITION,
                AuditEntry.Action.TRANSITION);
        assertThat(h).extracting(AuditEntry::oldState)
                .containsExactly(null, PENDING, SCHEDULED, SCHEDULED, QUEUED, CLAIMED, DIALING, CONNECTED);
        assertThat(h).extracting(AuditEntry::newState)
                .containsExactly(PENDING, SCHEDULED, SCHEDULED, QUEUED, CLAIMED, DIALING, CONNECTED, RESOLVED);
        assertThat(h).extracting(AuditEntry::why).containsExactly("intake", "first attempt",
                "posted on social media", "planned time reached", "claimed from the console",
                "still wanted; originate", "caller answered", "reset the router");
        assertThat(h).extracting(AuditEntry::actor).containsExactly(INTAKE, Actor.system("planner"),
                Actor.supervisor("sam"), Actor.system("quartz"), ALICE, Actor.system("dialer"),
                Actor.system("dialer"), ALICE);
        for (int i = 0; i < h.size(); i++) {
            assertThat(h.get(i).at()).isEqualTo(T0.plusSeconds(10L * i).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            assertThat(h.get(i).callbackId()).isEqualTo(id);
        }
        assertThat(h.get(1).detail()).contains("plannedAt: null → " + plan).contains("policyVersion: null → 3");
        assertThat(h.get(2).detail()).isEqualTo("escalationLevel: NORMAL → REPUTATIONAL_RISK");
        assertThat(resolved.updatedAt()).isEqualTo(h.get(7).at());
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void queueOrderIsEscalationThenDeadlineThenUrgencyThenAgeAndSqlAgreesWithTheComparator(DatabaseSettings settings) {
        open(settings);
        long normalOld = intake("+886960000001");
        clock.advance(Duration.ofMinutes(1));
        long urgentNew = store.intakes().record(Intakes.urgent("+886960000002", "u2", LocalTime.of(17, 30)), INTAKE)
                .callback().id();
        // deadline before urgency: leaving at 16:00 beats urgent-until-17:30; no stated time goes last
        long leavesEarly = store.intakes().record(Intakes.urgent("+886960000009", "u9", LocalTime.of(16, 0)), INTAKE)
                .callback().id();
        store.lifecycle().update(leavesEarly, CallbackChange.none().urgency(Urgency.NORMAL), ALICE, "not urgent after all");
        long urgentUntilClose = store.intakes().record(Intakes.urgent("+886960000010", "u10", null), INTAKE)
                .callback().id();
        clock.advance(Duration.ofMinutes(1));
        long normalNew = intake("+886960000003");
        clock.advance(Duration.ofMinutes(1));
        long repeatNewest = intake("+886960000004");
        store.lifecycle().update(repeatNewest, CallbackChange.none().escalationLevel(EscalationLevel.REPEAT_OR_DISSATISFIED),
                Actor.supervisor("sam"), "third call this week");
        clock.advance(Duration.ofMinutes(1));
        long risk = intake("+886960000005");
        store.lifecycle().update(risk, CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                Actor.supervisor("sam"), "threatens press");
        long sameTimeA = intake("+886960000006");
        long sameTimeB = intake("+886960000007"); // same createdAt as A: id breaks the tie
        long closed = intake("+886960000008");
        store.lifecycle().transition(closed, PENDING, CANCELLED, Actor.caller("+886960000008"), "solved");

        List<Long> expected = List.of(risk, repeatNewest, leavesEarly, urgentNew, normalOld, normalNew, sameTimeA,
                sameTimeB, urgentUntilClose);
        List<Callback> open = store.findOpen();
        assertThat(open).extracting(Callback::id).containsExactlyElementsOf(expected);
        assertThat(open.stream().sorted(QueueOrder.COMPARATOR).map(Callback::id).toList())
                .containsExactlyElementsOf(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(store.openAheadOf(expected.get(i))).as("ahead of #%d", i).isEqualTo(i);
        }
        assertThatThrownBy(() -> store.openAheadOf(closed)).isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(store.findByState(CANCELLED)).extracting(Callback::id).containsExactly(closed);
        assertThat(store.findByState()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void findAllReturnsTheCallbacksInTheOrderAskedAndSkipsUnknownIds(DatabaseSettings settings) {
        open(settings);
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(intake("+88691200000" + i));
        }
        List<Long> asked = List.of(ids.get(3), ids.get(0), 999_999L, ids.get(4), ids.get(1));
        assertThat(store.findAll(asked)).extracting(Callback::id)
                .containsExactly(ids.get(3), ids.get(0), ids.get(4), ids.get(1));
        assertThat(store.findAll(asked).get(0)).isEqualTo(store.find(ids.get(3)).orElseThrow());
        assertThat(store.findAll(List.of())).isEmpty();
    }

    private long intake(String number) {
        return store.intakes().record(Intakes.from(number, "u" + number.substring(5)), INTAKE).callback().id();
    }

    private void walkToResolved(long id) {
        store.lifecycle().transition(id, PENDING, QUEUED, Actor.system("planner"), "call now");
        store.lifecycle().transition(id, QUEUED, CLAIMED, ALICE, "claimed");
        store.lifecycle().transition(id, CLAIMED, DIALING, Actor.system("dialer"), "dialing");
        store.lifecycle().transition(id, DIALING, CONNECTED, Actor.system("dialer"), "answered");
        store.lifecycle().transition(id, CONNECTED, RESOLVED, ALICE, "fixed");
    }

    private static NewCallback withUntil(NewCallback n, LocalTime until) {
        return new NewCallback(n.callUniqueId(), n.channel(), n.callerId(), n.callbackNumber(), n.numberSource(),
                n.language(), n.product(), n.category(), n.urgency(), until, n.screenshotChoice(), n.capturedAt());
    }
}
