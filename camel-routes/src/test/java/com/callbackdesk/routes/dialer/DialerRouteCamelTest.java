package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.FiredAttempt;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.TestDatabases;
import com.callbackdesk.testing.FreePorts;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.asteriskjava.manager.event.DialEndEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dialer's routes as Camel sees them ({@link CamelTestSupport}, H2, AMI pointed at a port
 * nobody listens on): {@code direct:dial} answers request-reply with the desk's refusal, and an
 * AMI event put on {@code seda:ami-events} is applied by the one consumer — a busy caller ends the
 * attempt and the desk plans the next. Dialling over AMI through pbx-sim is
 * {@link ChannelReconcilerTest} and the app's DayInMiniatureTest.
 */
class DialerRouteCamelTest extends CamelTestSupport {

    private final Clock clock = Clock.systemUTC();
    private Database database;
    private CallbackScheduler scheduler;
    private Desk desk;
    private AmiDialer dialer;

    @Override
    protected void setupResources() {
        database = Database.open(TestDatabases.h2().withPoolSize(8));
        desk = Desk.open(database, new DeskSettings(RetryPolicy.defaults(), openNow(), Set.of(),
                DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        scheduler = CallbackScheduler.create(database, SchedulerSettings.defaults().withInstanceId("dial-camel-test"),
                new RecordingAttemptFiring(database.dataSource()), desk.planning(), clock);   // not started
        desk.planning().useScheduler(scheduler);
        desk.consultants().add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("NAS"), "PJSIP/alice",
                false), Actor.supervisor("sam"), "hired");
        desk.consultants().setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
    }

    /** The dialer adds its own routes to the test's context, as it does to the app's. */
    @Override
    protected void doPostSetup() throws Exception {
        AmiSettings ami = AmiSettings.defaults().withServer("127.0.0.1", FreePorts.any())
                .withPingInterval(Duration.ofMillis(500));
        dialer = new AmiDialer(ami, context, desk).start();
    }

    @Override
    protected void cleanupResources() {
        if (dialer != null) {
            dialer.close();
        }
        scheduler.close();
        database.close();
    }

    @Test
    void aDialRequestIsAnsweredByTheDesksRefusalWhileThePbxIsDown() {
        NotifyBuilder dialRoute = new NotifyBuilder(context).fromRoute("dial").whenCompleted(1).create();
        long id = claimed("+886212340401");

        DialResult r = template.requestBody(DialRequest.ENDPOINT, new DialRequest(id, "alice"), DialResult.class);

        assertThat(dialRoute.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(r.accepted()).isFalse();
        assertThat(r.reason()).contains("is not connected", "stays claimed");
        assertThat(desk.store().find(id).orElseThrow().state()).isEqualTo(CallbackState.CLAIMED);
        assertThat(desk.outcomes().attempts(id)).isEmpty();
    }

    @Test
    void aBodyThatIsNotADialRequestFailsTheExchange() {
        NotifyBuilder failed = new NotifyBuilder(context).fromRoute("dial").whenFailed(1).create();

        template.send(DialRequest.ENDPOINT, e -> e.getMessage().setBody("42"));

        assertThat(failed.matches(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBusyCallerOnTheEventQueueEndsTheAttemptAndTheDeskPlansTheNext() {
        long id = claimed("+886212340402");
        Attempt attempt = desk.outcomes().startDialing(id, Actor.consultant("alice"), null);
        Instant now = clock.instant();
        DialTracking.Dial dial = dialer.dials().insert(id, attempt.id(), "cb-" + id + "-1", "alice", "PJSIP/alice",
                now.plus(Duration.ofHours(2)), now, now.plus(Duration.ofMinutes(2)));
        NotifyBuilder applied = new NotifyBuilder(context).fromRoute("ami-events").whenDone(1).create();

        DialEndEvent busy = new DialEndEvent(this);
        busy.setChannel("PJSIP/alice-00000001");
        busy.setUniqueId("1795000400.1");
        busy.setDestChannel("PJSIP/trunk-00000002");
        busy.setDestUniqueId("1795000400.2");
        busy.setDialStatus("BUSY");
        template.sendBody(DialerRoutes.AMI_EVENTS, busy);

        assertThat(applied.matches(10, TimeUnit.SECONDS)).isTrue();
        Callback after = desk.store().find(id).orElseThrow();
        assertThat(after.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(desk.outcomes().attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.outcomeCode()).isEqualTo(OutcomeCode.BUSY));
        assertThat(dialer.dials().byActionId(dial.actionId())).get().satisfies(d -> assertThat(d.open()).isFalse());
        assertThat(desk.queue().currentClaim("alice")).isEmpty();
    }

    /** A callback as the scheduler leaves it (QUEUED, its attempt fired with a two-hour window), claimed by alice. */
    private long claimed(String number) {
        Callback c = desk.store().intakes().record(new NewCallback("1795000400." + number.substring(number.length() - 2),
                "PJSIP/trunk-9", number, number, NumberSource.CALLER_ID, "en", "NAS", "CANNOT_CONNECT", Urgency.NORMAL,
                null, ScreenshotChoice.NOT_NEEDED, clock.instant()), Actor.system("test")).callback();
        desk.store().lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED, Actor.system("scheduler"),
                "attempt fired (test)");
        Instant now = clock.instant();
        new RecordingAttemptFiring(database.dataSource()).fired(new FiredAttempt(c.id(), 1,
                now.minus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(2)),
                false, "test"));
        assertThat(desk.queue().claimNext("alice").orElseThrow().callbackId()).isEqualTo(c.id());
        return c.id();
    }

    /** Open around the clock in a zone where it is about noon now. */
    private static BusinessCalendar openNow() {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneOffset.ofHours(12 - hour));
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.of(0, 0), LocalTime.of(23, 59));
        }
        return b.build();
    }
}
