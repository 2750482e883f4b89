package com.callbackdesk.http.api;

import com.callbackdesk.account.UserAccount;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST API of docs/API.md on Camel's REST DSL over platform-http, on the app's one HTTP
 * listener ({@link com.callbackdesk.http.HttpListener}). This class owns the app's only
 * {@code restConfiguration()}.
 *
 * <p>Each endpoint is a {@code direct:api-*} route: one interceptor in front of all of them
 * authenticates the caller ({@link ApiAuth}: session cookie or HTTP Basic) and checks the role
 * the endpoint was declared with; the route calls its handler, which binds the body to its request
 * record, and writes the answer record, both through the one Jackson configuration of
 * {@link ApiJson}; one {@code onException} turns any exception into the documented error through
 * the table in {@link ApiErrors} — never a half-applied change, since every handler's write is one
 * of the desk's transactional operations.
 *
 * <p>{@code configure()} is one long REST DSL table on purpose: every path, verb and required role
 * of the API on one screen, in the order of docs/API.md.
 *
 * <p>Why not the REST DSL's own {@code bindingMode(json)}: it unmarshals in the REST route, in
 * front of the authorisation interceptor and the path-id check, so an anonymous caller with a bad
 * body would get 400 instead of 401 and the documented order of checks would change; and its
 * failures do not name the field. Binding where the handler first needs the body keeps both.
 */
public final class ApiRoutes extends RouteBuilder {

    private static final Logger LOG = LogManager.getLogger(ApiRoutes.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** The exchange property holding the request's {@link ApiCall}. */
    private static final String CALL = "CallbackDeskApiCall";

    /** Who may call an endpoint. */
    enum Access { ANYONE, AUTHENTICATED, SUPERVISOR }

    private interface Handler {
        ApiResponse handle(ApiCall call) throws Exception;
    }

    private final com.callbackdesk.http.HttpSettings http;
    private final ApiServices desk;
    private final ApiJson json = new ApiJson();
    private final ApiAuth auth;
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private ConsoleHandlers console;

    public ApiRoutes(com.callbackdesk.http.HttpSettings http, ApiServices desk) {
        this.http = Objects.requireNonNull(http, "http");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.auth = new ApiAuth(desk.accounts(), desk.sessions(), desk.throttle());
    }

    /**
     * Adds the console's supervisor endpoints (what-if, queue depth) to the API; the app does,
     * tests of the API alone need not.
     */
    public ApiRoutes withConsole(com.callbackdesk.http.console.TryItFirst whatIf,
                                 com.callbackdesk.queue.QueueDepthHistory depth, java.time.ZoneId office) {
        this.console = new ConsoleHandlers(whatIf, depth, desk.clock(), office);
        return this;
    }

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off);

        onException(Exception.class).handled(true).process(this::answerError);
        interceptFrom("direct:api-*").process(this::authorise);

        CamelContext camel = getContext();
        SessionHandlers sessions = new SessionHandlers(desk, auth, http.secureCookies());
        CallbackHandlers callbacks = new CallbackHandlers(desk);
        CallHandlers calls = new CallHandlers(desk, camel);
        ClaimHandlers claims = new ClaimHandlers(desk);
        PolicyHandlers policy = new PolicyHandlers(desk, json.mapper());
        SupervisionHandlers supervision = new SupervisionHandlers(desk);
        LabelHandlers labels = new LabelHandlers(com.callbackdesk.planning.labels.Labels.loadDefault(),
                desk.planning().calendar().zone().getId());
        ScreenshotHandlers screenshots = new ScreenshotHandlers(desk, camel);
        ConsultantHandlers roster = new ConsultantHandlers(desk);

        rest("/api")
                .post("/login").to("direct:api-login")
                .post("/logout").to("direct:api-logout")
                .get("/me").to("direct:api-me")
                .put("/me").to("direct:api-me-set")
                .get("/queue").to("direct:api-queue")
                .post("/queue/claim").to("direct:api-claim")
                .get("/callbacks/{id}").to("direct:api-callback")
                .post("/callbacks/{id}/dial").to("direct:api-dial")
                .post("/callbacks/{id}/outcome").to("direct:api-outcome")
                .post("/callbacks/{id}/release").to("direct:api-release")
                .post("/callbacks/{id}/assign").to("direct:api-assign")
                .get("/assignments").to("direct:api-assignments")
                .post("/callbacks/{id}/notes").to("direct:api-notes")
                .put("/callbacks/{id}/email").to("direct:api-email")
                .post("/callbacks/{id}/screenshot").to("direct:api-screenshot")
                .post("/callbacks/{id}/screenshot/resend").to("direct:api-screenshot-resend")
                .get("/policy").to("direct:api-policy")
                .put("/policy").to("direct:api-policy-save")
                .post("/policy/validate").to("direct:api-policy-validate")
                .get("/policy/history").to("direct:api-policy-history")
                .get("/consultants").to("direct:api-consultants")
                .post("/consultants").to("direct:api-consultant-add")
                .get("/consultants/{login}").to("direct:api-consultant")
                .put("/consultants/{login}").to("direct:api-consultant-edit")
                .post("/consultants/{login}/deactivate").to("direct:api-consultant-deactivate")
                .get("/audit").to("direct:api-audit")
                .get("/dashboard").to("direct:api-dashboard")
                .get("/labels").to("direct:api-labels");

        endpoint("api-login", Access.ANYONE, sessions::login);
        endpoint("api-logout", Access.ANYONE, sessions::logout);
        endpoint("api-me", Access.AUTHENTICATED, sessions::me);
        endpoint("api-me-set", Access.AUTHENTICATED, sessions::setMe);
        endpoint("api-queue", Access.AUTHENTICATED, callbacks::queue);
        endpoint("api-claim", Access.AUTHENTICATED, callbacks::claim);
        endpoint("api-callback", Access.AUTHENTICATED, callbacks::callback);
        endpoint("api-dial", Access.AUTHENTICATED, calls::dial);
        endpoint("api-outcome", Access.AUTHENTICATED, calls::outcome);
        endpoint("api-release", Access.AUTHENTICATED, claims::release);
        endpoint("api-assign", Access.SUPERVISOR, claims::assign);
        endpoint("api-assignments", Access.SUPERVISOR, claims::assignments);
        endpoint("api-notes", Access.AUTHENTICATED, callbacks::addNote);
        endpoint("api-email", Access.AUTHENTICATED, callbacks::setEmail);
        endpoint("api-screenshot", Access.AUTHENTICATED, screenshots::complete);
        endpoint("api-screenshot-resend", Access.AUTHENTICATED, screenshots::resend);
        endpoint("api-policy", Access.SUPERVISOR, policy::policy);
        endpoint("api-policy-save", Access.SUPERVISOR, policy::savePolicy);
        endpoint("api-policy-validate", Access.SUPERVISOR, policy::validatePolicy);
        endpoint("api-policy-history", Access.SUPERVISOR, policy::policyHistory);
        endpoint("api-consultants", Access.SUPERVISOR, roster::list);
        endpoint("api-consultant-add", Access.SUPERVISOR, roster::add);
        endpoint("api-consultant", Access.SUPERVISOR, roster::one);
        endpoint("api-consultant-edit", Access.SUPERVISOR, roster::edit);
        endpoint("api-consultant-deactivate", Access.SUPERVISOR, roster::deactivate);
        endpoint("api-audit", Access.SUPERVISOR, supervision::audit);
        endpoint("api-dashboard", Access.SUPERVISOR, supervision::dashboard);
        endpoint("api-labels", Access.ANYONE, labels::labels);

        // Reputational-risk callbacks waiting too long are logged even when no supervisor has the
        // dashboard open (the dashboard shows the same alerts); Camel stops the thread with the context.
        camel.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "reputational-risk-alerts")
                .scheduleWithFixedDelay(this::checkRiskAlerts, 30, 30, java.util.concurrent.TimeUnit.SECONDS);

        if (console != null) {
            rest("/api")
                    .get("/whatif/scenarios").to("direct:api-whatif-scenarios")
                    .post("/whatif").to("direct:api-whatif")
                    .get("/dashboard/queue-depth").to("direct:api-queue-depth");
            endpoint("api-whatif-scenarios", Access.SUPERVISOR, console::scenarios);
            endpoint("api-whatif", Access.SUPERVISOR, console::runWhatIf);
            endpoint("api-queue-depth", Access.SUPERVISOR, console::queueDepth);
        }
    }

    private void checkRiskAlerts() {
        try {
            desk.riskAlerts().current();
        } catch (RuntimeException e) {
            LOG.warn("Reputational-risk alert check failed: {}", e.toString());
        }
    }

    private void endpoint(String name, Access who, Handler handler) {
        access.put(name, who);
        from("direct:" + name).routeId(name).process(exchange -> {
            ApiCall call = call(exchange);
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("api", name)) {
                String id = exchange.getIn().getHeader("id", String.class);
                if (id != null) {
                    ctx.put("callback", id);
                }
                if (call.account() != null) {
                    ctx.put("user", call.account().login());
                }
                write(exchange, handler.handle(call));
            }
        });
    }

    private ApiCall call(Exchange exchange) {
        ApiCall call = exchange.getProperty(CALL, ApiCall.class);
        if (call == null) {
            call = new ApiCall(exchange, json);
            exchange.setProperty(CALL, call);
        }
        return call;
    }

    /** The one authentication and role check in front of every endpoint, by the access it was declared with. */
    private void authorise(Exchange exchange) {
        // The endpoint route being entered (the exchange itself was created by the REST route in front
        // of it); anything not declared through endpoint() needs a supervisor.
        var route = exchange.getUnitOfWork() == null ? null : exchange.getUnitOfWork().getRoute();
        Access needed = route == null ? Access.SUPERVISOR
                : access.getOrDefault(route.getRouteId(), Access.SUPERVISOR);
        if (needed != Access.ANYONE) {
            ApiCall call = call(exchange);
            UserAccount who = auth.authenticate(call);
            call.account(who);
            if (needed == Access.SUPERVISOR && !who.supervisor()) {
                throw ApiException.forbidden(who.login() + " is a " + who.role().lower() + "; this needs a supervisor");
            }
        }
    }

    private void answerError(Exchange exchange) throws java.io.IOException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        write(exchange, error(e, call(exchange)));
    }

    private ApiResponse error(Exception e, ApiCall call) {
        ApiException a = ApiErrors.answer(e);
        String route = call.exchange().getFromRouteId();
        if (a.status() >= 500 && a.status() != 503) {
            LOG.error("API {} failed: {}", route, e.toString(), e);
        } else {
            LOG.info("API {} answered {}: {}", route, a.status(), a.getMessage());
        }
        ApiResponse r = ApiResponse.status(a.status(), ErrorBody.of(a));
        if (a.retryAfterSeconds() != null) {
            r.header("Retry-After", Long.toString(a.retryAfterSeconds()));
        }
        if (a.status() == 401 && ApiAuth.basic(call)) {
            r.header("WWW-Authenticate", "Basic realm=\"Callback Desk\", charset=\"UTF-8\"");
        }
        return r;
    }

    /**
     * The API's login check for pages served beside it (the received screenshot image): any
     * signed-in consultant or supervisor; answers 401 and stops the route, or sets {@code userHeader}.
     */
    public Processor signedIn(String userHeader) {
        return guard(userHeader, false);
    }

    private Processor guard(String userHeader, boolean supervisorOnly) {
        return exchange -> {
            ApiCall call = new ApiCall(exchange, json);
            try {
                UserAccount who = auth.authenticate(call);
                if (supervisorOnly && !who.supervisor()) {
                    throw ApiException.forbidden(who.login() + " is a " + who.role().lower() + "; this needs a supervisor");
                }
                exchange.getIn().setHeader(userHeader, who.login());
            } catch (Exception e) {
                write(exchange, error(e, call));
                exchange.setRouteStop(true);
            }
        };
    }

    private void write(Exchange exchange, ApiResponse r) throws java.io.IOException {
        var msg = exchange.getMessage();
        // Request headers (Cookie, Authorization, query parameters) must not echo into the response.
        msg.removeHeaders("*");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        r.headers().forEach(msg::setHeader);
        if (r.body() == null) {
            msg.setBody(null);
        } else {
            msg.setHeader(Exchange.CONTENT_TYPE, JSON_TYPE);
            msg.setBody(json.write(r.body()));
        }
        msg.setHeader("Cache-Control", "no-store");
    }
}
