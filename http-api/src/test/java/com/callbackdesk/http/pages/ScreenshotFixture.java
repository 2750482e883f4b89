package com.callbackdesk.http.pages;

import com.callbackdesk.routes.screenshot.ScreenshotSettings;
import com.callbackdesk.routes.screenshot.ScreenshotRoute;
import com.callbackdesk.routes.screenshot.ScreenshotLinks;
import com.callbackdesk.http.pages.ScreenshotPages;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.CapturedIntake.NumberSource;
import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.ivr.intake.CapturedIntake.Urgency;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.ivr.prompts.MenuOption;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.routes.intake.CamelIntakeDesk;
import com.callbackdesk.routes.intake.IntakeRoute;
import com.callbackdesk.routes.intake.IntakeValidator;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The screenshot step on a real Camel context, a real database, the shared HTTP listener on a
 * free port and the intake route in front: what the app wires, minus the IVR.
 */
final class ScreenshotFixture implements AutoCloseable {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");   // 10:00 Taipei, a Tuesday

    final Database database;
    final Desk deskLayer;
    final CallbackStore store;
    final AttemptPlanning planning;
    final CallbackScheduler scheduler;
    final ScreenshotRequests requests;
    final CallerContacts contacts;
    final ScreenshotLinks links;
    final ScreenshotSettings settings;
    final HttpSettings http;
    final CamelContext camel;
    final CamelIntakeDesk desk;
    final Set<String> needsScreen;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger calls = new AtomicInteger();

    ScreenshotFixture(DatabaseSettings db, Path storeDir, String mailUri, String smsUri, long maxUploadBytes,
                      int maxRedeliveries) throws Exception {
        database = Database.open(db);
        Clock clock = Clock.fixed(NOW, TAIPEI);
        PromptCatalogue catalogue = PromptCatalogue.loadDefault();
        needsScreen = catalogue.categories().stream().filter(MenuOption::needsScreen).map(MenuOption::code)
                .collect(Collectors.toSet());
        deskLayer = Desk.open(database, new DeskSettings(RetryPolicy.defaults(), BusinessCalendar.defaults(),
                needsScreen, DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        store = deskLayer.store();
        planning = deskLayer.planning();
        scheduler = CallbackScheduler.create(database, SchedulerSettings.defaults().withInstanceId("screenshot-test"),
                a -> { }, planning, clock);   // not started: the tests look at the stored trigger
        planning.useScheduler(scheduler);
        requests = deskLayer.screenshots();
        contacts = deskLayer.contacts();
        http = new HttpSettings("127.0.0.1", HttpSettings.freePort());
        settings = new ScreenshotSettings(http.baseUrl(), mailUri, "callback-desk@example.com", smsUri, storeDir,
                maxUploadBytes, maxRedeliveries, Duration.ofMillis(20));
        links = new ScreenshotLinks(store, requests, contacts, settings);

        camel = new DefaultCamelContext();
        com.callbackdesk.http.HttpListener.install(camel, http);
        camel.getShutdownStrategy().setTimeout(5);
        camel.addRoutes(new IntakeRoute(new IntakeValidator(catalogue), deskLayer.intakes()));
        // As in the app: the REST API holds its rest: endpoints on the same listener.
        com.callbackdesk.account.UserAccounts accounts = deskLayer.accounts();
        accounts.create(VIEWER, "Carol Wu", com.callbackdesk.account.Role.SUPERVISOR, null, VIEWER_PASSWORD.toCharArray(),
                com.callbackdesk.callback.Actor.system("test"), "views received screenshots");
        com.callbackdesk.http.api.ApiRoutes api = new com.callbackdesk.http.api.ApiRoutes(http,
                com.callbackdesk.http.api.ApiServices.from(deskLayer));
        camel.addRoutes(api);
        camel.addRoutes(new ScreenshotRoute(links));
        // As in the app: the image is for signed-in desk staff only.
        camel.addRoutes(new ScreenshotPages(http, settings, requests, store, planning)
                .guardImagesWith(api.signedIn("CallbackDeskUser")));
        camel.start();
        desk = new CamelIntakeDesk(camel.createProducerTemplate());
    }

    /** A caller phones in about an error message (a category that needs a screen) and chooses {@code choice}. */
    long intake(String number, ScreenshotChoice choice) {
        return intake(number, choice, "en");
    }

    long intake(String number, ScreenshotChoice choice, String language) {
        CapturedIntake intake = new CapturedIntake("1795557639." + calls.incrementAndGet(), "PJSIP/trunk-00000001",
                number, number, NumberSource.CALLER_ID, language, "ROUTER", "ERROR_MESSAGE", Urgency.NORMAL,
                LocalTime.of(17, 30), choice, NOW);
        IntakeDecision decision = desk.submit(intake);
        if (decision instanceof IntakeDecision.Accepted a) {
            return a.callbackId();
        }
        throw new AssertionError("intake not accepted: " + decision);
    }

    List<ScreenshotRequest> requestsOf(long callbackId) {
        return requests.forCallback(callbackId);
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> getBytes(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static final String VIEWER = "carol";
    static final String VIEWER_PASSWORD = "carol-secret-1";

    /** GET as a signed-in desk user (HTTP Basic), as the console's image view is. */
    HttpResponse<byte[]> getBytesSignedIn(String url) throws IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder().encodeToString(
                (VIEWER + ":" + VIEWER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String url, String contentType, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postForm(String url) throws IOException, InterruptedException {
        return post(url, "application/x-www-form-urlencoded", new byte[0]);
    }

    /** What a browser sends for the upload form: one file field named "screenshot". */
    HttpResponse<String> postMultipart(String url, String fileName, String contentType, byte[] file)
            throws IOException, InterruptedException {
        String boundary = "----CallbackDeskTest" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"screenshot\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return post(url, "multipart/form-data; boundary=" + boundary, body);
    }

    /** The consultant side: a consultant who talks to the caller, and the outcomes recorder the app uses. */
    Consultants consultants() {
        ConsultantDirectory directory = deskLayer.consultants();
        directory.add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("ROUTER"), "PJSIP/alice", false),
                Actor.supervisor("sam"), "hired");
        directory.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        return new Consultants(deskLayer.queue(), deskLayer.outcomes());
    }

    record Consultants(CallbackQueue queue, Outcomes outcomes) {
        /** Fires the attempt, alice claims it, the dialer connects her with the caller. */
        void connect(CallbackStore store, long id) {
            store.lifecycle().transition(id, CallbackState.SCHEDULED, CallbackState.QUEUED, Actor.system("scheduler"), "fired");
            queue.claimNext("alice").orElseThrow();
            outcomes.startDialing(id, Actor.system("dialer"), "1795557700.1");
            outcomes.answered(id, Actor.system("dialer"), "1795557700.2");
        }
    }

    /** The smallest real PNG (1x1) and JPEG headers, enough for magic-byte detection. */
    static byte[] png(int size) {
        byte[] b = new byte[Math.max(size, 8)];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(magic, 0, b, 0, magic.length);
        for (int i = magic.length; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static byte[] jpeg(int size) {
        byte[] b = new byte[Math.max(size, 3)];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        return b;
    }

    @Override
    public void close() {
        camel.stop();
        scheduler.close();
        database.close();
    }
}
