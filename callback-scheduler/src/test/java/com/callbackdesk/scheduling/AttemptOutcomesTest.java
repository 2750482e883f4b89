package com.callbackdesk.scheduling;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.queue.OutcomeRecorder;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attempt's outcome and the next plan in one call ({@link AttemptOutcomes}), on H2 and
 * PostgreSQL: a line outcome that re-plans is SCHEDULED at once; an INTERRUPTED attempt (the
 * dialer never learned its result) is re-planned without counting as an attempt on the caller;
 * {@link RecordingAttemptFiring#latestWindow} gives the dialer the window of the last firing.
 */
class AttemptOutcomesTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final Actor DIALER = Actor.system("dialer");

    private final MutableClock clock = new MutableClock(AttemptPlanningTest.taipei("2026-11-25T10:00"));
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Database db;
    private CallbackStore store;
    private AttemptPlanning planning;
    private CallbackQueue queue;
    private AttemptOutcomes outcomes;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private void open(DatabaseSettings settings) {
        db = Database.open(settings.withPoolSize(8));
        toClose.add(db);
        store = new CallbackStore(db, clock);
        planning = new AttemptPlanning(db.dataSource(), store, new PolicyStore(db.dataSource(), clock),
                RetryPolicy.defaults(), BusinessCalendar.defaults(), clock);
        CallbackScheduler scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults().withInstanceId("test"),
                a -> { }, planning, clock);   // not started: what is stored counts here
        toClose.add(scheduler);
        planning.useScheduler(scheduler);
        ConsultantDirectory consultants = new ConsultantDirectory(db, clock);
        consultants.add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("ROUTER"), "PJSIP/alice", false),
                Actor.supervisor("sam"), "hired");
        consultants.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        queue = new CallbackQueue(db, store);
        outcomes = new AttemptOutcomes(new OutcomeRecorder(db, store, consultants, Set.of(), clock), planning);
    }

    /** Planned, fired (QUEUED), claimed by alice and being dialled. */
    private long dialling(String number) {
        Callback c = store.intakes().record(new NewCallback("1795000000." + number.substring(number.length() - 3),
                "PJSIP/trunk-1", number, number, NumberSource.CALLER_ID, "en", "ROUTER", "CANNOT_CONNECT", Urgency.NORMAL,
                null, ScreenshotChoice.NOT_NEEDED, clock.instant()), Actor.system("test")).callback();
        planning.planNext(c.id(), "new request");
        clock.advance(Duration.ofMinutes(20));
        store.lifecycle().transition(c.id(), CallbackState.SCHEDULED, CallbackState.QUEUED, Actor.system("scheduler"), "due");
        assertThat(queue.claimNext("alice").orElseThrow().callbackId()).isEqualTo(c.id());
        outcomes.recorder().startDialing(c.id(), Actor.consultant("alice"), null);
        return c.id();
    }

    private String lastScheduledWhy(long id) {
        return store.history(id).stream().filter(e -> e.newState() == CallbackState.SCHEDULED).map(AuditEntry::why)
                .reduce((a, b) -> b).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aBusyLineIsRecordedAndThePlannersNextAttemptScheduledAtOnce(DatabaseSettings settings) {
        open(settings);
        long id = dialling("+886212340101");
        Instant started = clock.instant();

        Callback after = outcomes.record(id, DIALER, Outcome.of(OutcomeCode.BUSY), "DialStatus BUSY");

        assertThat(after.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(after.plannedAt()).isAfterOrEqualTo(started.plus(Duration.ofMinutes(15)));
        assertThat(lastScheduledWhy(id)).startsWith("after outcome BUSY: attempt 2 at");
        assertThat(outcomes.recorder().attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.outcomeCode()).isEqualTo(OutcomeCode.BUSY));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anInterruptedAttemptIsReplannedWithoutCountingAgainstTheCaller(DatabaseSettings settings) {
        open(settings);
        long id = dialling("+886212340102");

        Callback after = outcomes.record(id, Actor.system("dialer-watchdog"), Outcome.of(OutcomeCode.INTERRUPTED),
                "no result for Originate cb-1-1");

        assertThat(after.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(lastScheduledWhy(id)).as("still the caller's first attempt").startsWith("after outcome INTERRUPTED: attempt 1 at");
        assertThat(planning.attempts(id)).isEmpty();
        assertThat(queue.currentClaim("alice")).isEmpty();
        assertThat(store.history(id)).extracting(AuditEntry::newState).endsWith(CallbackState.DIALING,
                CallbackState.PENDING, CallbackState.SCHEDULED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aConversationOutcomeThatClosesIsNotPlanned(DatabaseSettings settings) {
        open(settings);
        long id = dialling("+886212340103");
        outcomes.recorder().answered(id, DIALER, "1795000000.9");

        Callback after = outcomes.record(id, Actor.consultant("alice"), Outcome.resolved(), null);

        assertThat(after.state()).isEqualTo(CallbackState.RESOLVED);
        assertThat(store.history(id)).extracting(AuditEntry::newState).endsWith(CallbackState.CONNECTED,
                CallbackState.RESOLVED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theDialerReadsTheWindowOfTheLatestFiring(DatabaseSettings settings) {
        open(settings);
        RecordingAttemptFiring firing = new RecordingAttemptFiring(db.dataSource());
        Instant now = clock.instant();
        assertThat(RecordingAttemptFiring.latestWindow(db.dataSource(), 77)).isEmpty();

        firing.fired(new FiredAttempt(77, 1, now, now, now.plus(Duration.ofHours(1)), false, "test"));
        firing.fired(new FiredAttempt(77, 2, now, now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(5)), false, "test"));

        assertThat(RecordingAttemptFiring.latestWindow(db.dataSource(), 77)).contains(now.plus(Duration.ofHours(5)));
    }
}
