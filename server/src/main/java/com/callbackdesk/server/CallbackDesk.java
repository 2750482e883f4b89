package com.callbackdesk.server;

import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.http.api.ApiRoutes;
import com.callbackdesk.http.api.ApiServices;
import com.callbackdesk.http.HttpListener;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.account.LoginThrottle;
import com.callbackdesk.account.Sessions;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.queue.CallbackNotes;
import com.callbackdesk.queue.DeskKpis;
import com.callbackdesk.queue.EndOfDayRisk;
import java.nio.file.Path;
import com.callbackdesk.http.console.TryItFirst;
import com.callbackdesk.queue.QueueDepthHistory;
import com.callbackdesk.ivr.intake.IntakeMetrics;
import com.callbackdesk.ivr.intake.IntakeScript;
import com.callbackdesk.ivr.intake.IntakeSettings;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.survey.SurveyScript;
import com.callbackdesk.ivr.survey.SurveySettings;
import com.callbackdesk.routes.survey.CamelSurveyDesk;
import com.callbackdesk.routes.survey.SurveyRecorder;
import com.callbackdesk.routes.survey.SurveyRoute;
import com.callbackdesk.survey.SurveyResults;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.ivr.server.IvrServer;
import com.callbackdesk.ivr.server.IvrSettings;
import com.callbackdesk.routes.intake.CamelIntakeDesk;
import com.callbackdesk.routes.intake.IntakeRecorder;
import com.callbackdesk.routes.intake.IntakeRoute;
import com.callbackdesk.routes.intake.IntakeValidator;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.routes.attempt.AttemptFiredRoute;
import com.callbackdesk.routes.attempt.AttemptQueuing;
import com.callbackdesk.routes.attempt.CamelAttemptFiring;
import com.callbackdesk.routes.intake.CallerChosenTime;
import com.callbackdesk.routes.intake.PendingCallbacks;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.storage.Database;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.OutcomeRecorder;
import com.callbackdesk.routes.dialer.AmiDialer;
import com.callbackdesk.routes.dialer.DialRequest;
import com.callbackdesk.routes.dialer.DialResult;
import com.callbackdesk.scheduling.AttemptFiring;
import com.callbackdesk.scheduling.AttemptOutcomes;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * One running Callback Desk: storage, Camel routes and the FastAGI IVR, wired in the order a
 * call needs them (storage before routes before the IVR accepts calls) and stopped in reverse.
 */
public final class CallbackDesk implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(CallbackDesk.class);

    private final Database database;
    private final CallbackStore store;
    private final CamelContext camel;
    private final AttemptPlanning planning;
    private final PolicyStore policies;
    private final CallbackScheduler scheduler;
    private final IvrServer ivr;
    private final SurveyResults surveys;
    private final IntakeMetrics intakeMetrics = new IntakeMetrics();
    // REST API (issue 4, docs/API.md)
    private final HttpSettings http;
    private final UserAccounts accounts;
    // ---- dialer (issue 4)
    private final ConsultantDirectory consultants;
    private final CallbackQueue queue;
    private final AttemptOutcomes outcomes;
    private final AttemptFiring firing;
    private final AmiDialer dialer;   // null when ami.enabled is false
    private final org.apache.camel.ProducerTemplate dialRequests;
    // ---- screenshot step ----
    private final com.callbackdesk.screenshot.ScreenshotRequests screenshots;
    private final com.callbackdesk.callback.CallerContacts callerContacts;
    private final com.callbackdesk.routes.screenshot.ScreenshotLinks screenshotLinks;
    private final com.callbackdesk.routes.screenshot.ScreenshotRoute screenshotRoute;

    private CallbackDesk(AppConfig config, Clock clock) throws Exception {
        ZoneId office = ZoneId.of(config.intake.officeZone);
        database = Database.open(config.database.settings());
        store = new CallbackStore(database, clock);

        policies = new PolicyStore(database.dataSource(), clock);
        planning = new AttemptPlanning(database.dataSource(), store, policies, config.scheduling.initialPolicy(),
                config.scheduling.calendar(office), clock);

        PromptCatalogue catalogue = PromptCatalogue.loadDefault();
        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("callback-desk");
        camel.addRoutes(new IntakeRoute(new IntakeValidator(catalogue),
                new IntakeRecorder(store, new RepeatCallerPolicy(database, store, 7), planning),
                new CallerChosenTime(store, planning), new PendingCallbacks(store, planning)));
        camel.addRoutes(new AttemptFiredRoute(new AttemptQueuing(store)));
        // Story 8: the survey after every conversation ([callback] Dial F(survey^s^1) → AGI survey).
        surveys = new SurveyResults(database, clock);
        camel.addRoutes(new SurveyRoute(new SurveyRecorder(surveys), store));
        // ---- REST API (issue 4, docs/API.md): accounts and the API routes on the shared HTTP listener.
        http = config.http.settings().withRoomFor(config.screenshot.settings(config.http.settings(),
                config.database.dataDir).maxUploadBytes() + 64 * 1024);
        HttpListener.install(camel, http, Path.of(config.database.dataDir, "uploads"));
        accounts = new UserAccounts(database, clock);
        consultants = new ConsultantDirectory(database, clock);
        queue = new CallbackQueue(database, store);
        OutcomeRecorder outcomeRecorder = new OutcomeRecorder(database, store, consultants,
                categoriesNeedingScreen(catalogue), clock);
        screenshots = new com.callbackdesk.screenshot.ScreenshotRequests(database, clock);
        callerContacts = new com.callbackdesk.callback.CallerContacts(database, clock);
        ApiRoutes api = new ApiRoutes(http, new ApiServices(store, consultants, queue, outcomeRecorder,
                new CallbackNotes(database, clock), planning, policies, new DeskKpis(database),
                new EndOfDayRisk(planning.calendar(), () -> planning.livePolicy().policy()), new AuditLog(database),
                accounts, screenshots, surveys, new RepeatCallerPolicy(database, store, 7), callerContacts,
                new Sessions(database, clock), new LoginThrottle(database, clock), clock))
                // the web console's supervisor tools (docs/CONSOLE.md); its static files come with HttpListener
                .withConsole(new TryItFirst(planning::livePolicy), new QueueDepthHistory(database), office);
        camel.addRoutes(api);
        // ---- end REST API
        // ---- screenshot step (issue 4, story 7): link after intake, /s/ and /c/ pages on the shared listener ----
        screenshotLinks = new com.callbackdesk.routes.screenshot.ScreenshotLinks(store, screenshots, callerContacts,
                config.screenshot.settings(http, config.database.dataDir));
        screenshotRoute = new com.callbackdesk.routes.screenshot.ScreenshotRoute(screenshotLinks);
        camel.addRoutes(screenshotRoute);
        camel.addRoutes(new com.callbackdesk.http.pages.ScreenshotPages(http, screenshotLinks.settings(),
                screenshots, store, planning)
                .guardImagesWith(api.signedIn("CallbackDeskUser")));
        // ---- end screenshot step ----
        camel.start();
        com.callbackdesk.routes.screenshot.ScreenshotRoute.sweep(screenshotLinks, camel.createProducerTemplate());
        LOG.info("HTTP listener on {} (screenshot links: {}/s/..., {}/c/...)", http.baseUrl(),
                screenshotLinks.settings().publicBaseUrl(), screenshotLinks.settings().publicBaseUrl());

        // Durable attempts: each fired attempt is recorded, then handed to direct:attempt-fired.
        firing = new RecordingAttemptFiring(database.dataSource())
                .andThen(new CamelAttemptFiring(camel.createProducerTemplate()));
        scheduler = CallbackScheduler.create(database, config.scheduling.settings(), firing, planning, clock);
        planning.useScheduler(scheduler);
        scheduler.start();
        planning.planAllPending();   // whatever a crash left between commit and plan
        LOG.info("Retry policy version {} live; {}", planning.livePolicy().version(), planning.calendar());

        // ---- dialer (issue 4): claim → direct:dial → AMI Originate → seda:ami-events → outcomes
        outcomes = new AttemptOutcomes(outcomeRecorder, planning);
        dialer = config.ami.enabled
                ? new AmiDialer(config.ami.settings(), camel, database, store, queue, consultants, outcomes, surveys,
                        clock).start()
                : null;
        dialRequests = camel.createProducerTemplate();

        IntakeSettings intake = IntakeSettings.defaults()
                .withDefaultRegion(config.intake.defaultRegion)
                .withDefaultLanguage(config.intake.defaultLanguage)
                .withLanguageChoice(config.intake.offerLanguageChoice)
                .withMaxTries(config.intake.maxTries)
                .withOfficeZone(office)
                .withClock(clock);
        IvrSettings ivrSettings = IvrSettings.defaults()
                .withBindAddress(config.fastagi.bindAddress)
                .withPort(config.fastagi.port)
                .withPool(Math.min(20, config.fastagi.maxCalls), config.fastagi.maxCalls);
        ivr = new IvrServer(ivrSettings)
                .register("intake", new IntakeScript(new CamelIntakeDesk(camel.createProducerTemplate()),
                        catalogue, intake, intakeMetrics))
                .register("survey", new SurveyScript(new CamelSurveyDesk(camel.createProducerTemplate()),
                        catalogue, SurveySettings.defaults()
                                .withMaxTries(config.intake.maxTries)
                                .withDefaultLanguage(config.intake.defaultLanguage)
                                .withClock(clock)));
        ivr.start();
        LOG.info("Callback Desk running: FastAGI port {}, database {}", ivr.port(), database.vendor());
    }

    /** The IVR catalogue's categories whose callbacks need the screenshot step (story 7). */
    static java.util.Set<String> categoriesNeedingScreen(PromptCatalogue catalogue) {
        return catalogue.categories().stream().filter(MenuOption::needsScreen).map(MenuOption::code)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The HTTP listener the API (and the console) serve on. */
    public HttpSettings http() {
        return http;
    }

    /** API / console accounts. */
    public UserAccounts accounts() {
        return accounts;
    }

    public static CallbackDesk start(AppConfig config, Clock clock) throws Exception {
        config.validate();
        return new CallbackDesk(config, clock);
    }

    public int fastAgiPort() {
        return ivr.port();
    }

    /** Survey results (story 8), stored by the {@code survey} FastAGI script through direct:survey-result. */
    public SurveyResults surveys() {
        return surveys;
    }

    /** The FastAGI scripts served ({@code intake}, {@code survey}). */
    public java.util.Set<String> fastAgiScripts() {
        return ivr.scriptNames();
    }

    public CallbackStore store() {
        return store;
    }

    public IntakeMetrics intakeMetrics() {
        return intakeMetrics;
    }

    public Database database() {
        return database;
    }

    public AttemptPlanning planning() {
        return planning;
    }

    public PolicyStore policies() {
        return policies;
    }

    public CallbackScheduler scheduler() {
        return scheduler;
    }

    // ---- dialer (issue 4)
    public ConsultantDirectory consultants() {
        return consultants;
    }

    public CallbackQueue queue() {
        return queue;
    }

    /** Outcomes (OutcomeRecorder) and the next plan — what the consultant's services call. */
    public AttemptOutcomes outcomes() {
        return outcomes;
    }

    /** Where fired attempts go (recorded, then direct:attempt-fired). */
    public AttemptFiring firing() {
        return firing;
    }

    /** The AMI dialer, if ami.enabled. */
    public java.util.Optional<AmiDialer> dialer() {
        return java.util.Optional.ofNullable(dialer);
    }

    /** Asks the dialer to dial a claimed callback ({@code direct:dial}). */
    public DialResult dial(long callbackId, String consultantLogin) {
        return dialRequests.requestBody(DialRequest.ENDPOINT, new DialRequest(callbackId, consultantLogin),
                DialResult.class);
    }
    // ---- screenshot step ----
    public com.callbackdesk.screenshot.ScreenshotRequests screenshots() {
        return screenshots;
    }

    public com.callbackdesk.callback.CallerContacts callerContacts() {
        return callerContacts;
    }

    /** Links "sent" to the outbox (no mail server or SMS gateway configured), oldest first. */
    public java.util.List<com.callbackdesk.routes.screenshot.LinkMessage> screenshotOutbox() {
        return screenshotRoute.outbox();
    }
    // ---- end screenshot step ----

    @Override
    public void close() {
        ivr.stop();
        if (dialer != null) {
            dialer.close();
        }
        scheduler.close();
        camel.stop();
        database.close();
    }
}
