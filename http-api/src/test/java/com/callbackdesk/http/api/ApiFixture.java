package com.callbackdesk.http.api;

import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A desk with the REST API on a free port over one test database (H2 or PostgreSQL): the real
 * stores, queue, outcome recorder and planning (a Quartz scheduler that stores triggers but is
 * not started, so nothing fires behind the test's back), a clock the test moves, and an
 * HTTP client speaking to the API as a browser or script would.
 */
final class ApiFixture implements AutoCloseable {

    /** Wednesday 4 March 2026, 10:00 in Taipei: the office (09:00-18:00) is open. */
    static final Instant T0 = Instant.parse("2026-03-04T02:00:00Z");
    static final ZoneId OFFICE = ZoneId.of("Asia/Taipei");
    static final Set<String> NEEDS_SCREEN = Set.of("error-message");
    static final String PASSWORD = "correct horse battery";
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(T0);
    final Database db;
    final CallbackStore store;
    final PolicyStore policies;
    final AttemptPlanning planning;
    final CallbackScheduler scheduler;
    final UserAccounts accounts;
    final Desk deskLayer;
    final ApiServices desk;
    final CamelContext camel;
    final HttpSettings http;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger calls = new AtomicInteger();

    ApiFixture(DatabaseSettings settings) throws Exception {
        db = Database.open(settings);
        // Few password iterations: tests log in often.
        deskLayer = Desk.open(db, deskSettings(), clock);
        store = deskLayer.store();
        policies = deskLayer.policies();
        planning = deskLayer.planning();
        scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults()
                        .withSchedulerName("api-test-" + UUID.randomUUID()).withInstanceId("api-test"),
                new RecordingAttemptFiring(db.dataSource()), planning, clock);
        planning.useScheduler(scheduler);
        accounts = deskLayer.accounts();
        desk = ApiServices.from(deskLayer);
        http = new HttpSettings("127.0.0.1", HttpSettings.freePort());
        camel = new DefaultCamelContext();
        com.callbackdesk.http.HttpListener.install(camel, http);
        camel.addRoutes(new ApiRoutes(http, desk));
        camel.start();
    }

    private static DeskSettings deskSettings() {
        return new DeskSettings(RetryPolicy.defaults(),
                BusinessCalendar.builder(OFFICE).weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)).build(),
                NEEDS_SCREEN, DeskSettings.REPEAT_WITHIN_DAYS, 1_000);
    }

    // ------------------------------------------------------------------ desk data

    /** An AVAILABLE consultant with an account of the same login. */
    String consultant(String login, String group, boolean supervisor, String... skills) {
        desk.consultants().add(new ConsultantProfile(login, login.toUpperCase(), group, Set.of(skills),
                "PJSIP/" + login, supervisor), Actor.supervisor("sam"), "hired");
        desk.consultants().setState(login, ConsultantState.AVAILABLE, Actor.consultant(login), "logged in");
        accounts.create(login, login.toUpperCase(), supervisor ? Role.SUPERVISOR : Role.CONSULTANT, login,
                PASSWORD.toCharArray(), Actor.system("test"), "test account");
        return login;
    }

    String consultant(String login, String... skills) {
        return consultant(login, "in-house", false, skills);
    }

    /** A supervisor account without a consultant link. */
    String supervisor(String login) {
        accounts.create(login, login.toUpperCase(), Role.SUPERVISOR, null, PASSWORD.toCharArray(),
                Actor.system("test"), "test account");
        return login;
    }

    Callback intake(String number, String product, String category, Urgency urgency, LocalTime until,
                    ScreenshotChoice screenshot) {
        NewCallback n = new NewCallback("17725000" + calls.incrementAndGet() + ".1", "PJSIP/trunk-1", number, number,
                NumberSource.CALLER_ID, "en", product, category, urgency, until, screenshot, clock.instant());
        return store.intakes().record(n, Actor.system("intake-route")).callback();
    }

    /** A callback straight into the consultant queue (as if planned and fired). */
    Callback queued(String number, String product, String category, Urgency urgency, LocalTime until,
                    ScreenshotChoice screenshot) {
        Callback c = intake(number, product, category, urgency, until, screenshot);
        return store.lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED, Actor.system("scheduler"),
                "attempt fired");
    }

    Callback queued(String number, String product) {
        return queued(number, product, "no-internet", Urgency.NORMAL, LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED);
    }

    static String number(int i) {
        return String.format("+8869%08d", i);
    }

    // ------------------------------------------------------------------ HTTP

    record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** How a request authenticates: a session cookie, Basic credentials, or nothing. */
    record Auth(String cookie, String basic) {
        static final Auth NONE = new Auth(null, null);

        static Auth basic(String login, String password) {
            return new Auth(null, "Basic " + Base64.getEncoder().encodeToString(
                    (login + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Logs in through POST /api/login and returns the session cookie. */
    Auth login(String login) throws Exception {
        return login(http, login);
    }

    Auth login(HttpSettings to, String login) throws Exception {
        Reply r = send(to, "POST", "/api/login", "{\"login\":\"" + login + "\",\"password\":\"" + PASSWORD + "\"}",
                Auth.NONE);
        if (r.status() != 200) {
            throw new AssertionError("login of " + login + " failed: " + r.status() + " " + r.raw().body());
        }
        String setCookie = r.header("Set-Cookie");
        return new Auth(setCookie.substring(0, setCookie.indexOf(';')), null);
    }

    Reply get(String path, Auth auth) throws Exception {
        return send("GET", path, null, auth);
    }

    Reply post(String path, String body, Auth auth) throws Exception {
        return send("POST", path, body, auth);
    }

    Reply put(String path, String body, Auth auth) throws Exception {
        return send("PUT", path, body, auth);
    }

    Reply send(String method, String path, String body, Auth auth) throws IOException, InterruptedException {
        return send(http, method, path, body, auth);
    }

    Reply send(HttpSettings to, String method, String path, String body, Auth auth)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(to.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (auth.cookie() != null) {
            b.header("Cookie", auth.cookie());
        }
        if (auth.basic() != null) {
            b.header("Authorization", auth.basic());
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json = r.body() == null || r.body().isEmpty() ? null : JSON.readTree(r.body());
        return new Reply(r.statusCode(), json, r);
    }

    // ------------------------------------------------------------------ more nodes

    /**
     * Another API instance on this fixture's database, as a second node (or this one restarted)
     * would be: its own Camel context and listener and its own {@link ApiServices} — sessions,
     * throttle, accounts — so nothing is shared with the fixture's instance but the database.
     */
    final class Node implements AutoCloseable {
        final HttpSettings http;
        final CamelContext camel = new DefaultCamelContext();

        private Node(HttpSettings http) throws Exception {
            this.http = http;
            Desk nodeDesk = Desk.open(db, deskSettings(), clock);
            nodeDesk.planning().useScheduler(scheduler);
            ApiServices services = ApiServices.from(nodeDesk);
            com.callbackdesk.http.HttpListener.install(camel, http);
            camel.addRoutes(new ApiRoutes(http, services));
            camel.start();
        }

        Reply get(String path, Auth auth) throws Exception {
            return send(http, "GET", path, null, auth);
        }

        Reply post(String path, String body, Auth auth) throws Exception {
            return send(http, "POST", path, body, auth);
        }

        Auth login(String login) throws Exception {
            return ApiFixture.this.login(http, login);
        }

        @Override
        public void close() {
            camel.stop();
        }
    }

    /** A further node on a free port (closed by the test). */
    Node node(boolean secureCookies) throws Exception {
        return new Node(new HttpSettings("127.0.0.1", HttpSettings.freePort(), secureCookies));
    }

    /** A node on the given listener, e.g. a closed node's, to restart it. */
    Node node(HttpSettings on) throws Exception {
        return new Node(on);
    }

    @Override
    public void close() {
        camel.stop();
        scheduler.close();
        db.close();
    }
}
