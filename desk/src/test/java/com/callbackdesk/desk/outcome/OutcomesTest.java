package com.callbackdesk.desk.outcome;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskFixture;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.queue.OutcomeRefusedException;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Record an outcome and plan the next attempt" ({@link Outcomes}), on H2 and PostgreSQL: a line
 * outcome that re-plans is SCHEDULED at once and says so; an INTERRUPTED attempt (the dialer never
 * learned its result) is re-planned without counting as an attempt on the caller; an outcome that
 * closes plans nothing; a refused outcome writes nothing.
 */
class OutcomesTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final Actor DIALER = Actor.system("dialer");

    private DeskFixture fixture;
    private Desk desk;

    @AfterEach
    void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void open(DatabaseSettings settings) {
        fixture = DeskFixture.open(settings);
        desk = fixture.desk();
        desk.consultants().add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("ROUTER"), "PJSIP/alice",
                false), Actor.supervisor("sam"), "hired");
        desk.consultants().setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
    }

    /** Planned, fired (QUEUED), claimed by alice and being dialled. */
    private long dialling(String number) {
        Callback c = desk.store().intakes().record(new NewCallback("1795000000." + number.substring(number.length() - 3),
                "PJSIP/trunk-1", number, number, NumberSource.CALLER_ID, "en", "ROUTER", "CANNOT_CONNECT",
                Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED, fixture.clock().instant()),
                Actor.system("test")).callback();
        desk.planning().planNext(c.id(), "new request");
        fixture.clock().advance(Duration.ofMinutes(20));
        desk.store().lifecycle().transition(c.id(), CallbackState.SCHEDULED, CallbackState.QUEUED, Actor.system("scheduler"),
                "due");
        assertThat(desk.queue().claimNext("alice").orElseThrow().callbackId()).isEqualTo(c.id());
        desk.outcomes().startDialing(c.id(), Actor.consultant("alice"), null);
        return c.id();
    }

    private String lastScheduledWhy(long id) {
        return desk.store().history(id).stream().filter(e -> e.newState() == CallbackState.SCHEDULED)
                .map(AuditEntry::why).reduce((a, b) -> b).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aBusyLineIsRecordedAndThePlannersNextAttemptScheduledAtOnce(DatabaseSettings settings) {
        open(settings);
        long id = dialling("+886212340101");
        Instant started = fixture.clock().instant();

        RecordedOutcome recorded = desk.outcomes().record(id, DIALER, Outcome.of(OutcomeCode.BUSY), "DialStatus BUSY");

        Callback after = recorded.callback();
        assertThat(after.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(after.plannedAt()).isAfterOrEqualTo(started.plus(Duration.ofMinutes(15)));
        assertThat(recorded.next()).get().isInstanceOfSatisfying(NextAttempt.Planned.class, p -> {
            assertThat(p.attempt().attemptNo()).isEqualTo(2);
            assertThat(p.attempt().earliest()).isEqualTo(after.plannedAt());
        });
        assertThat(lastScheduledWhy(id)).startsWith("after outcome BUSY by system:dialer: attempt 2 at");
        // as the office reads times: "attempt 2 at Wed 25 Nov 10:15, until …" in Taipei, no UTC instant
        assertThat(lastScheduledWhy(id)).containsPattern("attempt 2 at [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2} \\d{2}:\\d{2}, until ")
                .contains(com.callbackdesk.planning.labels.HumanTime.in(com.callbackdesk.desk.DeskFixture.TAIPEI).format(after.plannedAt()))
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
        assertThat(desk.outcomes().attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.outcomeCode()).isEqualTo(OutcomeCode.BUSY));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCallBackTimeTheCallerChoseIsWrittenInOfficeTimeInTheAuditTrail(DatabaseSettings settings) {
        open(settings);
        long id = dialling("+886212340109");
        desk.outcomes().answered(id, DIALER, "1795000000.109");
        Instant at = fixture.clock().instant().plus(Duration.ofHours(2)).plusNanos(567_370_512);

        desk.outcomes().record(id, Actor.consultant("alice"), Outcome.callBackAt(at), "in two hours");

        String office = com.callbackdesk.planning.labels.HumanTime.in(com.callbackdesk.desk.DeskFixture.TAIPEI).format(at);
        assertThat(desk.store().history(id)).extracting(AuditEntry::why).filteredOn(w -> w.contains("CALL_BACK_AT"))
                .hasSize(2)
                .allSatisfy(w -> assertThat(w).contains("CALL_BACK_AT(" + office + ")").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T"));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anInterruptedAttemptIsReplannedWithoutCountingAgainstTheCaller(DatabaseSettings settings) {
        open(settings);
        long id = dialling("+886212340102");

        Callback after = desk.outcomes().record(id, Actor.system("dialer-watchdog"),
                Outcome.of(OutcomeCode.INTERRUPTED), "no result for Originate cb-1-1").callback();

        assertThat(after.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(lastScheduledWhy(id)).as("still the caller's first attempt")
                .startsWith("after outcome INTERRUPTED by system:dialer-watchdog: attempt 1 at");
        assertThat(desk.planning().attempts(id)).isEmpty();
        assertThat(desk.queue().currentClaim("alice")).isEmpty();
        assertThat(desk.store().history(id)).extracting(AuditEntry::newState).endsWith(CallbackState.DIALING,
                CallbackState.PENDING, CallbackState.SCHEDULED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aConversationOutcomeThatClosesIsNotPlanned(DatabaseSettings settings) {
        open(settings);
        long id = dialling("+886212340103");
        desk.outcomes().answered(id, DIALER, "1795000000.9");

        RecordedOutcome recorded = desk.outcomes().record(id, Actor.consultant("alice"), Outcome.resolved(), null);

        assertThat(recorded.callback().state()).isEqualTo(CallbackState.RESOLVED);
        assertThat(recorded.next()).isEmpty();
        assertThat(desk.store().history(id)).extracting(AuditEntry::newState).endsWith(CallbackState.CONNECTED,
                CallbackState.RESOLVED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aRefusedOutcomeWritesNothingAndPlansNothing(DatabaseSettings settings) {
        open(settings);
        long id = dialling("+886212340104");
        desk.outcomes().answered(id, DIALER, "1795000000.8");
        int audited = desk.store().history(id).size();

        assertThatThrownBy(() -> desk.outcomes().record(id, Actor.consultant("bob"), Outcome.resolved(), null))
                .isInstanceOf(OutcomeRefusedException.class);

        assertThat(desk.store().find(id).orElseThrow().state()).isEqualTo(CallbackState.CONNECTED);
        assertThat(desk.store().history(id)).hasSize(audited);
    }
}
