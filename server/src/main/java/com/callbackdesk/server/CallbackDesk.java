package com.callbackdesk.server;

import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.http.api.ApiRoutes;
import com.callbackdesk.http.api.ApiServices;
import com.callbackdesk.http.HttpListener;
import java.nio.file.Path;
import com.callbackdesk.http.console.TryItFirst;
import com.callbackdesk.http.pages.ScreenshotPages;
import com.callbackdesk.ivr.intake.IntakeMetrics;
import com.callbackdesk.ivr.intake.IntakeScript;
import com.callbackdesk.ivr.intake.IntakeSettings;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.server.IvrServer;
import com.callbackdesk.ivr.server.IvrSettings;
import com.callbackdesk.ivr.survey.SurveyScript;
import com.callbackdesk.ivr.survey.SurveySettings;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.routes.attempt.AttemptFiredRoute;
import com.callbackdesk.routes.attempt.CamelAttemptFiring;
import com.callbackdesk.routes.dialer.AmiDialer;
import com.callbackdesk.routes.dialer.DialRequest;
import com.callbackdesk.routes.dialer.DialResult;
import com.callbackdesk.routes.intake.CamelIntakeDesk;
import com.callbackdesk.routes.intake.IntakeRoute;
import com.callbackdesk.routes.intake.IntakeValidator;
import com.callbackdesk.routes.screenshot.LinkMessage;
import com.callbackdesk.routes.screenshot.ScreenshotLinks;
import com.callbackdesk.routes.screenshot.ScreenshotRoute;
import com.callbackdesk.routes.survey.CamelSurveyDesk;
import com.callbackdesk.routes.survey.SurveyRoute;
import com.callbackdesk.scheduling.AttemptFiring;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.storage.Database;
import com.callbackdesk.survey.SurveyResults;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One running Callback Desk: storage, Camel routes and the FastAGI IVR, wired in the order a
 * call needs them (storage before routes before the IVR accepts calls) and stopped in reverse.
 * The {@link Desk} — every use case — is built once here; the routes, the API, the dialer and the
 * IVR's ports only translate into it.
 *
 * <p>The constructor is longer than the desk's usual method on purpose: it is the start-up order
 * itself (database, Desk, routes, HTTP listener, scheduler, dialer, IVR), and split into helpers
 * the order — which is what keeps a caller from hearing "we will call you back" before the
 * storage is up — would no longer be readable in one place.
 */
public final class CallbackDesk implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(CallbackDesk.class);

    private final Database database;
    private final Desk desk;
    private final CamelContext camel;
    private final AttemptPlanning planning;
    private final CallbackScheduler scheduler;
    private final IvrServer ivr;
    private final IntakeMetrics intakeMetrics = new IntakeMetrics();
    private final HttpSettings http;
    private final AttemptFiring firing;
    private final AmiDialer dialer;   // null when ami.enabled is false
    private final ProducerTemplate dialRequests;
    private final ScreenshotLinks screenshotLinks;
    private final ScreenshotRoute screenshotRoute;

    private CallbackDesk(AppConfig config, Clock clock) throws Exception {
        ZoneId office = ZoneId.of(config.intake.officeZone);
        database = Database.open(config.database.settings());
        PromptCatalogue catalogue = PromptCatalogue.loadDefault();
        // The application layer, once: every adapter below receives its use cases from here.
        desk = Desk.open(database, deskSettings(config, catalogue), clock);
        planning = desk.planning();

        camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("callback-desk");
        camel.addRoutes(new IntakeRoute(new IntakeValidator(catalogue), desk.intakes()));
        camel.addRoutes(new AttemptFiredRoute(desk.attemptQueuing()));
        // The survey after every conversation ([callback] Dial F(survey^s^1) → AGI survey).
        camel.addRoutes(new SurveyRoute(desk.surveys(), desk.store()));
        // ---- REST API (docs/API.md) on the shared HTTP listener.
        // The one listener's limits leave room for the largest screenshot upload.
        http = config.http.settings().withRoomFor(config.screenshot.settings(config.http.settings(),
                config.database.dataDir).maxUploadBytes() + 64 * 1024);
        HttpListener.install(camel, http, Path.of(config.database.dataDir, "uploads"));
        ApiRoutes api = new ApiRoutes(http, ApiServices.from(desk))
                // the web console's supervisor tools (docs/CONSOLE.md); its static files come with HttpListener
                .withConsole(new TryItFirst(planning::livePolicy), desk.queueDepth(), office);
        camel.addRoutes(api);
        // ---- screenshot step: link after intake, /s/ and /c/ pages on the shared listener ----
        screenshotLinks = new ScreenshotLinks(desk.store(), desk.screenshots(), desk.contacts(),
                config.screenshot.settings(http, config.database.dataDir));
        screenshotRoute = new ScreenshotRoute(screenshotLinks, desk.screenshotSteps());
        camel.addRoutes(screenshotRoute);
        camel.addRoutes(new ScreenshotPages(http, screenshotLinks.settings(), desk.screenshots(), desk.store(), planning)
                .guardImagesWith(api.signedIn("CallbackDeskUser")));
        camel.start();
        ScreenshotRoute.sweep(screenshotLinks, camel.createProducerTemplate());
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

        // ---- dialer: claim → direct:dial → AMI Originate → seda:ami-events → the desk's outcomes
        dialer = config.ami.enabled ? new AmiDialer(config.ami.settings(), camel, desk).start() : null;
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
                                .withClock(clock),
                        // one count of missing sound files for the whole IVR, intake and survey alike
                        intakeMetrics.missingPrompts()));
        ivr.start();
        LOG.info("Callback Desk running: FastAGI port {}, database {}", ivr.port(), database.vendor());
    }

    /**
     * The desk on a database without the routes, the IVR or the scheduler — for the command line's
     * one-off changes (accounts, caller e-mail), which go through the same use cases as a running desk.
     */
    public static Desk deskOn(Database database, AppConfig config, Clock clock) {
        return Desk.open(database, deskSettings(config, PromptCatalogue.loadDefault()), clock);
    }

    private static DeskSettings deskSettings(AppConfig config, PromptCatalogue catalogue) {
        ZoneId office = ZoneId.of(config.intake.officeZone);
        return DeskSettings.of(config.scheduling.initialPolicy(), config.scheduling.calendar(office),
                categoriesNeedingScreen(catalogue));
    }

    /** The IVR catalogue's categories whose callbacks need the screenshot step. */
    static Set<String> categoriesNeedingScreen(PromptCatalogue catalogue) {
        return catalogue.categories().stream().filter(MenuOption::needsScreen).map(MenuOption::code)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The HTTP listener the API (and the console) serve on. */
    public HttpSettings http() {
        return http;
    }

    public static CallbackDesk start(AppConfig config, Clock clock) throws Exception {
        config.validate();
        return new CallbackDesk(config, clock);
    }

    /** The application layer: every use case, built once. */
    public Desk desk() {
        return desk;
    }

    public int fastAgiPort() {
        return ivr.port();
    }

    /** The FastAGI scripts served ({@code intake}, {@code survey}). */
    public Set<String> fastAgiScripts() {
        return ivr.scriptNames();
    }

    public IntakeMetrics intakeMetrics() {
        return intakeMetrics;
    }

    public CallbackScheduler scheduler() {
        return scheduler;
    }

    /** Where fired attempts go (recorded, then direct:attempt-fired). */
    public AttemptFiring firing() {
        return firing;
    }

    /** The AMI dialer, if ami.enabled. */
    public Optional<AmiDialer> dialer() {
        return Optional.ofNullable(dialer);
    }

    /** Asks the dialer to dial a claimed callback ({@code direct:dial}), as the API's dial does. */
    public DialResult dial(long callbackId, String consultantLogin) {
        return dialRequests.requestBody(DialRequest.ENDPOINT, new DialRequest(callbackId, consultantLogin),
                DialResult.class);
    }

    /** Links "sent" to the outbox (no mail server or SMS gateway configured), oldest first. */
    public List<LinkMessage> screenshotOutbox() {
        return screenshotRoute.outbox();
    }

    // Shortcuts into the desk, for the demo and the end-to-end tests.

    public Database database() {
        return database;
    }

    public CallbackStore store() {
        return desk.store();
    }

    public AttemptPlanning planning() {
        return planning;
    }

    public PolicyStore policies() {
        return desk.policies();
    }

    public UserAccounts accounts() {
        return desk.accounts();
    }

    public ConsultantDirectory consultants() {
        return desk.consultants();
    }

    public CallbackQueue queue() {
        return desk.queue();
    }

    /** Record an outcome and plan the next attempt. */
    public Outcomes outcomes() {
        return desk.outcomes();
    }

    /** Survey results, stored by the {@code survey} FastAGI script through direct:survey-result. */
    public SurveyResults surveys() {
        return desk.surveyResults();
    }

    public ScreenshotRequests screenshots() {
        return desk.screenshots();
    }

    public CallerContacts callerContacts() {
        return desk.contacts();
    }

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
