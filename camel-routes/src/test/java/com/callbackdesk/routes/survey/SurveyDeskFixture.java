package com.callbackdesk.routes.survey;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.Claim;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyResults;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A desk on one test database with the survey route running: store, consultants, queue,
 * outcomes, survey results, and {@link CamelSurveyDesk} on a real Camel context.
 */
final class SurveyDeskFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    static final Actor INTAKE = Actor.system("intake-route");
    static final Actor SCHEDULER = Actor.system("scheduler");
    static final Actor DIALER = Actor.system("dialer");
    static final Actor SAM = Actor.supervisor("sam");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Database db;
    final CallbackStore store;
    final ConsultantDirectory consultants;
    final CallbackQueue queue;
    final Outcomes outcomes;
    final SurveyResults surveys;
    final CamelContext camel;
    final CamelSurveyDesk desk;
    private final AtomicInteger calls = new AtomicInteger();

    SurveyDeskFixture(DatabaseSettings settings) throws Exception {
        db = Database.open(settings);
        Desk deskLayer = Desk.open(db, new DeskSettings(RetryPolicy.defaults(), BusinessCalendar.defaults(),
                Set.of("ERROR_MESSAGE"), DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        store = deskLayer.store();
        consultants = deskLayer.consultants();
        queue = deskLayer.queue();
        outcomes = deskLayer.outcomes();
        surveys = deskLayer.surveyResults();
        camel = new DefaultCamelContext();
        camel.addRoutes(new SurveyRoute(deskLayer.surveys(), store));
        camel.start();
        desk = new CamelSurveyDesk(camel.createProducerTemplate());
    }

    /** An AVAILABLE in-house consultant for routers. */
    void consultant(String login) {
        consultants.add(new ConsultantProfile(login, login.toUpperCase(), "IN_HOUSE", Set.of("ROUTER"), "PJSIP/" + login,
                false), SAM, "hired");
        consultants.setState(login, ConsultantState.AVAILABLE, Actor.consultant(login), "logged in");
    }

    /** A callback in the queue (as if planned and fired), for routers. */
    Callback queued(String number) {
        NewCallback n = new NewCallback("17955500" + calls.incrementAndGet() + ".1", "PJSIP/trunk-1", number, number,
                NumberSource.CALLER_ID, "en", "ROUTER", "CANNOT_CONNECT", Urgency.NORMAL, LocalTime.of(17, 30),
                ScreenshotChoice.NOT_NEEDED, clock.instant());
        Callback c = store.intakes().record(n, INTAKE).callback();
        return store.lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED, SCHEDULER, "attempt fired");
    }

    /** Claimed by {@code login} and being dialled: the dialer is about to originate. */
    long claimedAndDialing(String login, String number) {
        long id = queued(number).id();
        Claim claim = queue.claimNext(login).orElseThrow();
        if (claim.callbackId() != id) {
            throw new IllegalStateException("claimed " + claim.callbackId() + " instead of " + id);
        }
        outcomes.startDialing(id, DIALER, null);
        return id;
    }

    /** Claimed by {@code login}, dialled and answered: in conversation. */
    long inConversation(String login, String number) {
        long id = claimedAndDialing(login, number);
        outcomes.answered(id, DIALER, null);
        return id;
    }

    @Override
    public void close() {
        camel.stop();
        db.close();
    }
}
