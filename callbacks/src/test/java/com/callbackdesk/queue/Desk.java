package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.IntakeResult;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyResults;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A whole desk on one test database: store, consultants, queue, outcomes, screenshots, surveys. */
final class Desk implements AutoCloseable {

    static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    static final Instant T0 = Instant.parse("2025-03-03T02:00:00Z");
    static final Actor INTAKE = Actor.system("intake-route");
    static final Actor SCHEDULER = Actor.system("scheduler");
    static final Actor DIALER = Actor.system("dialer");
    static final Actor SAM = Actor.supervisor("sam");
    /** Categories that need a screen, as the IVR catalogue would say. */
    static final Set<String> NEEDS_SCREEN = Set.of("error-message");

    final MutableClock clock = new MutableClock(T0);
    final Database db;
    final CallbackStore store;
    final ConsultantDirectory consultants;
    final CallbackQueue queue;
    final OutcomeRecorder outcomes;
    final ScreenshotRequests screenshots;
    final SurveyResults surveys;
    final CallbackNotes notes;
    private final AtomicInteger calls = new AtomicInteger();

    Desk(DatabaseSettings settings) {
        db = Database.open(settings);
        store = new CallbackStore(db, clock);
        consultants = new ConsultantDirectory(db, clock);
        queue = new CallbackQueue(db, store);
        outcomes = new OutcomeRecorder(db, store, consultants, NEEDS_SCREEN, clock);
        screenshots = new ScreenshotRequests(db, clock);
        surveys = new SurveyResults(db, clock);
        notes = new CallbackNotes(db, clock);
    }

    /** An AVAILABLE consultant with these skills. */
    String consultant(String login, String group, boolean supervisor, String... skills) {
        consultants.add(new ConsultantProfile(login, login.toUpperCase(), group, Set.of(skills), "PJSIP/" + login,
                supervisor), SAM, "hired");
        consultants.setState(login, ConsultantState.AVAILABLE, Actor.consultant(login), "logged in");
        return login;
    }

    String consultant(String login, String... skills) {
        return consultant(login, "IN_HOUSE", false, skills);
    }

    /** A new PENDING callback. */
    Callback intake(String number, String product, String category, Urgency urgency, LocalTime until,
                    ScreenshotChoice screenshot) {
        NewCallback n = new NewCallback("17094300" + calls.incrementAndGet() + ".1", "PJSIP/trunk-1", number, number,
                NumberSource.CALLER_ID, "en", product, category, urgency, until, screenshot, clock.instant());
        IntakeResult r = store.intakes().record(n, INTAKE);
        return r.callback();
    }

    /** A callback straight into the queue (as if planned and fired). */
    Callback queued(String number, String product) {
        return queued(number, product, "no-internet", Urgency.NORMAL, LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED);
    }

    Callback queued(String number, String product, String category, Urgency urgency, LocalTime until,
                    ScreenshotChoice screenshot) {
        Callback c = intake(number, product, category, urgency, until, screenshot);
        return store.lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED, SCHEDULER, "attempt fired");
    }

    static String number(int i) {
        return String.format("+8869%08d", i);
    }

    @Override
    public void close() {
        db.close();
    }
}
