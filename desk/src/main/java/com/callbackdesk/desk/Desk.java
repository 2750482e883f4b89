package com.callbackdesk.desk;

import com.callbackdesk.account.LoginThrottle;
import com.callbackdesk.account.Sessions;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.desk.alert.ReputationalRiskAlerts;
import com.callbackdesk.desk.attempt.AttemptQueuing;
import com.callbackdesk.desk.dial.Dialing;
import com.callbackdesk.desk.intake.Intakes;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.desk.roster.Roster;
import com.callbackdesk.desk.screenshot.ScreenshotSteps;
import com.callbackdesk.desk.survey.Surveys;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.queue.CallbackNotes;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.DeskKpis;
import com.callbackdesk.queue.EndOfDayRisk;
import com.callbackdesk.queue.OutcomeRecorder;
import com.callbackdesk.queue.QueueDepthHistory;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.storage.Database;
import com.callbackdesk.survey.SurveyResults;

import java.time.Clock;
import java.util.Objects;

/**
 * The desk's application layer, built once at start-up on one database: every use case and every
 * audited domain service exactly once. Adapters (Camel routes, the HTTP API, the AMI event
 * handlers, the command line, the demo) receive them from here and construct none of their own.
 *
 * <p>Use cases that are more than one domain call live in their own classes ({@link Intakes},
 * {@link AttemptQueuing}, {@link Outcomes}, {@link Dialing}, {@link Surveys}, {@link ScreenshotSteps}, {@link Roster}). The others are one audited transaction of
 * a domain service already (claim/release/assign on {@link CallbackQueue}, roster changes on
 * {@link ConsultantDirectory}, notes, caller e-mail, screenshot steps, policy changes, accounts),
 * and the adapters call that service as the Desk built it. docs/ARCHITECTURE.md lists which
 * adapter calls which.
 */
public final class Desk {

    private final Database database;
    private final Clock clock;
    private final CallbackStore store;
    private final PolicyStore policies;
    private final AttemptPlanning planning;
    private final ConsultantDirectory consultants;
    private final CallbackQueue queue;
    private final CallbackNotes notes;
    private final CallerContacts contacts;
    private final ScreenshotRequests screenshots;
    private final SurveyResults surveyResults;
    private final RepeatCallerPolicy repeats;
    private final UserAccounts accounts;
    private final Sessions sessions;
    private final LoginThrottle loginThrottle;
    private final DeskKpis kpis;
    private final EndOfDayRisk risk;
    private final AuditLog audit;
    private final QueueDepthHistory queueDepth;
    private final Intakes intakes;
    private final AttemptQueuing attemptQueuing;
    private final Outcomes outcomes;
    private final Dialing dialing;
    private final Surveys surveys;
    private final ScreenshotSteps screenshotSteps;
    private final Roster roster;
    private final ReputationalRiskAlerts riskAlerts;

    private Desk(Database database, DeskSettings settings, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        store = new CallbackStore(database, clock);
        policies = new PolicyStore(database.dataSource(), clock);
        planning = new AttemptPlanning(database.dataSource(), store, policies, settings.initialPolicy(),
                settings.calendar(), clock);
        consultants = new ConsultantDirectory(database, clock);
        queue = new CallbackQueue(database, store);
        notes = new CallbackNotes(database, clock);
        contacts = new CallerContacts(database, clock);
        screenshots = new ScreenshotRequests(database, clock);
        surveyResults = new SurveyResults(database, clock);
        repeats = new RepeatCallerPolicy(database, store, settings.repeatWithinDays());
        accounts = new UserAccounts(database, clock, settings.passwordIterations());
        sessions = new Sessions(database, clock);
        loginThrottle = new LoginThrottle(database, clock);
        kpis = new DeskKpis(database);
        risk = new EndOfDayRisk(planning.calendar(), () -> planning.livePolicy().policy());
        audit = new AuditLog(database);
        queueDepth = new QueueDepthHistory(database);
        intakes = new Intakes(store, repeats, planning);
        attemptQueuing = new AttemptQueuing(store, settings.calendar().zone());
        outcomes = new Outcomes(new OutcomeRecorder(database, store, consultants, settings.categoriesNeedingScreen(),
                clock, settings.calendar().zone()), planning);
        dialing = new Dialing(database.dataSource(), store, queue, consultants, outcomes, clock,
                settings.calendar().zone());
        surveys = new Surveys(surveyResults);
        screenshotSteps = new ScreenshotSteps(store, screenshots, contacts, settings.categoriesNeedingScreen());
        roster = new Roster(consultants, queue, accounts);
        riskAlerts = new ReputationalRiskAlerts(database.dataSource(), () -> planning.livePolicy().policy(), clock);
    }

    /**
     * The desk on this database. Attempt planning still needs its scheduler
     * ({@code planning().useScheduler(...)}), which is built after the routes it fires into.
     */
    public static Desk open(Database database, DeskSettings settings, Clock clock) {
        return new Desk(database, Objects.requireNonNull(settings, "settings"), clock);
    }

    // ------------------------------------------------------------------ use cases

    /** Take an intake, the caller's "call me at", their waiting callback and self-cancel. */
    public Intakes intakes() {
        return intakes;
    }

    /** A planned attempt fired: the callback joins the consultant queue. */
    public AttemptQueuing attemptQueuing() {
        return attemptQueuing;
    }

    /** Record an outcome and plan the next attempt; start dialing, answered. */
    public Outcomes outcomes() {
        return outcomes;
    }

    /** The pre-dial check and start of dialing (the call is placed through a port). */
    public Dialing dialing() {
        return dialing;
    }

    /** Record a survey result. */
    public Surveys surveys() {
        return surveys;
    }

    /** The screenshot step handled by desk staff: received by other means, declined on the phone, link sent again. */
    public ScreenshotSteps screenshotSteps() {
        return screenshotSteps;
    }

    /** Claim, release, assign (and the consultant's queue). */
    public CallbackQueue queue() {
        return queue;
    }

    /**
     * The consultants' own directory: available/away (the consultants and the dialer), reads. A
     * supervisor's roster changes go through {@link #roster()}.
     */
    public ConsultantDirectory consultants() {
        return consultants;
    }

    /** The roster: consultants added, edited, deactivated, listed; accounts created with their consultant. */
    public Roster roster() {
        return roster;
    }

    /** Reputational-risk callbacks waiting too long for a supervisor (dashboard and log). */
    public ReputationalRiskAlerts riskAlerts() {
        return riskAlerts;
    }

    /** Notes on a callback. */
    public CallbackNotes notes() {
        return notes;
    }

    /** The caller's e-mail address on file. */
    public CallerContacts contacts() {
        return contacts;
    }

    /** The screenshot step's requests (sent, received, declined). */
    public ScreenshotRequests screenshots() {
        return screenshots;
    }

    /** Retry policy versions: save (a policy change), live, history. */
    public PolicyStore policies() {
        return policies;
    }

    /** Account changes and sign-in. */
    public UserAccounts accounts() {
        return accounts;
    }

    public Sessions sessions() {
        return sessions;
    }

    public LoginThrottle loginThrottle() {
        return loginThrottle;
    }

    /** Planning and re-planning attempts, cancellation, the live policy and the calendar. */
    public AttemptPlanning planning() {
        return planning;
    }

    // ------------------------------------------------------------------ reads

    public CallbackStore store() {
        return store;
    }

    public SurveyResults surveyResults() {
        return surveyResults;
    }

    public RepeatCallerPolicy repeats() {
        return repeats;
    }

    public DeskKpis kpis() {
        return kpis;
    }

    public EndOfDayRisk risk() {
        return risk;
    }

    public AuditLog audit() {
        return audit;
    }

    public QueueDepthHistory queueDepth() {
        return queueDepth;
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }
}
