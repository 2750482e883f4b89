package com.callbackdesk.http.api;

import com.callbackdesk.account.LoginThrottledException;
import com.callbackdesk.account.UserAccount;
import com.callbackdesk.callback.IllegalTransitionException;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.queue.ClaimRefusedException;
import com.callbackdesk.queue.OutcomeRefusedException;
import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.policy.StalePolicyException;
import com.callbackdesk.http.HttpSettings;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The REST API of docs/API.md on Camel's REST DSL with camel-undertow, on the app's one HTTP
 * listener ({@link HttpSettings}). This class owns the app's only {@code restConfiguration()}.
 *
 * <p>Each endpoint is a {@code direct:api-*} route whose processor authenticates the caller
 * ({@link ApiAuth}: session cookie or HTTP Basic), checks the role, calls its handler in
 * {@link ApiHandlers} and writes the JSON answer; any exception becomes the documented error
 * (status, error code, field, rule) — never a half-applied change, since every handler's write
 * is one of the desk's transactional operations.
 */
public final class ApiRoutes extends RouteBuilder {

    private static final Logger LOG = LogManager.getLogger(ApiRoutes.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    /** Who may call an endpoint. */
    enum Access { ANYONE, AUTHENTICATED, SUPERVISOR }

    private interface Handler {
        ApiResponse handle(ApiCall call) throws Exception;
    }

    private final HttpSettings http;
    private final ApiServices desk;
    private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ApiAuth auth;

    public ApiRoutes(HttpSettings http, ApiServices desk) {
        this.http = Objects.requireNonNull(http, "http");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.auth = new ApiAuth(desk.accounts(), desk.sessions(), desk.throttle());
    }

    @Override
    public void configure() {
        restConfiguration()
                .component("undertow")
                .host(http.host())
                .port(http.port())
                .bindingMode(RestBindingMode.off);

        ApiHandlers h = new ApiHandlers(desk, auth, json, getContext(), http.secureCookies());
        ClaimHandlers claims = new ClaimHandlers(desk);

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
                .get("/policy").to("direct:api-policy")
                .put("/policy").to("direct:api-policy-save")
                .post("/policy/validate").to("direct:api-policy-validate")
                .get("/policy/history").to("direct:api-policy-history")
                .get("/audit").to("direct:api-audit")
                .get("/dashboard").to("direct:api-dashboard");

        endpoint("api-login", Access.ANYONE, h::login);
        endpoint("api-logout", Access.ANYONE, h::logout);
        endpoint("api-me", Access.AUTHENTICATED, h::me);
        endpoint("api-me-set", Access.AUTHENTICATED, h::setMe);
        endpoint("api-queue", Access.AUTHENTICATED, h::queue);
        endpoint("api-claim", Access.AUTHENTICATED, h::claim);
        endpoint("api-callback", Access.AUTHENTICATED, h::callback);
        endpoint("api-dial", Access.AUTHENTICATED, h::dial);
        endpoint("api-outcome", Access.AUTHENTICATED, h::outcome);
        endpoint("api-release", Access.AUTHENTICATED, claims::release);
        endpoint("api-assign", Access.SUPERVISOR, claims::assign);
        endpoint("api-assignments", Access.SUPERVISOR, claims::assignments);
        endpoint("api-notes", Access.AUTHENTICATED, h::addNote);
        endpoint("api-email", Access.AUTHENTICATED, h::setEmail);
        endpoint("api-policy", Access.SUPERVISOR, h::policy);
        endpoint("api-policy-save", Access.SUPERVISOR, h::savePolicy);
        endpoint("api-policy-validate", Access.SUPERVISOR, h::validatePolicy);
        endpoint("api-policy-history", Access.SUPERVISOR, h::policyHistory);
        endpoint("api-audit", Access.SUPERVISOR, h::audit);
        endpoint("api-dashboard", Access.SUPERVISOR, h::dashboard);
    }

    private void endpoint(String name, Access access, Handler handler) {
        from("direct:" + name).routeId(name).process(processor(name, access, handler));
    }

    private Processor processor(String name, Access access, Handler handler) {
        return exchange -> {
            ApiCall call = new ApiCall(exchange, json);
            ApiResponse response;
            String id = exchange.getIn().getHeader("id", String.class);
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("api", name)) {
                if (id != null) {
                    ctx.put("callback", id);
                }
                try {
                    if (access != Access.ANYONE) {
                        UserAccount who = auth.authenticate(call);
                        call.account(who);
                        ctx.put("user", who.login());
                        if (access == Access.SUPERVISOR && !who.supervisor()) {
                            throw ApiException.forbidden(who.login() + " is a " + who.role().lower()
                                    + "; this needs a supervisor");
                        }
                    }
                    response = handler.handle(call);
                } catch (Exception e) {
                    response = error(e, call);
                }
                write(exchange, response);
            }
        };
    }

    private ApiResponse error(Exception e, ApiCall call) {
        ApiException a = asApiException(e);
        if (a.status() >= 500 && a.status() != 503) {
            LOG.error("API {} failed: {}", call.exchange().getFromRouteId(), e.toString(), e);
        } else {
            LOG.info("API {} answered {}: {}", call.exchange().getFromRouteId(), a.status(), a.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", a.status());
        body.put("error", a.error());
        body.put("field", a.field());
        body.put("message", a.getMessage());
        if (a.rule() != null) {
            body.put("rule", a.rule());
        }
        if (a.errors() != null) {
            body.put("errors", a.errors());
        }
        ApiResponse r = ApiResponse.status(a.status(), body);
        if (a.retryAfterSeconds() != null) {
            r.header("Retry-After", Long.toString(a.retryAfterSeconds()));
        }
        if (a.status() == 401 && ApiAuth.basic(call)) {
            r.header("WWW-Authenticate", "Basic realm=\"Callback Desk\", charset=\"UTF-8\"");
        }
        return r;
    }

    /** The desk's exceptions as the statuses of docs/API.md. */
    static ApiException asApiException(Exception e) {
        if (e instanceof ApiException a) {
            return a;
        }
        if (e instanceof org.apache.camel.CamelExecutionException && e.getCause() instanceof Exception cause) {
            return asApiException(cause); // a route we called (the dialer) refused: its reason, not a 500
        }
        if (e instanceof OutcomeRefusedException o) {
            int status = o.rule() == OutcomeRefusedException.Rule.CLAIM_HOLDER ? 409 : 422;
            return new ApiException(status, status == 409 ? "conflict" : "rule_refused", null, o.getMessage(),
                    o.rule().name());
        }
        if (e instanceof ClaimRefusedException || e instanceof StaleStateException
                || e instanceof IllegalTransitionException || e instanceof StalePolicyException) {
            return ApiException.conflict(e.getMessage());
        }
        if (e instanceof PolicyValidationException p) {
            var errors = ApiHandlers.errors(p);
            return new ApiException(400, "bad_request", "policy." + errors.get(0).get("field"), p.getMessage(), null)
                    .withErrors(errors);
        }
        if (e instanceof LoginThrottledException t) {
            return ApiException.tooManyRequests(t.getMessage(), t.retryAfterSeconds());
        }
        if (e instanceof NoSuchElementException) {
            return ApiException.notFound(e.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            String m = e.getMessage() == null ? "invalid input" : e.getMessage();
            int colon = m.indexOf(": ");
            String field = colon > 0 && m.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_.]*") ? m.substring(0, colon) : null;
            return new ApiException(400, "bad_request", field, m, null);
        }
        if (e instanceof IllegalStateException) {
            return ApiException.conflict(e.getMessage());
        }
        return new ApiException(500, "internal", null, "internal error: " + e.getClass().getSimpleName()
                + " (see the server log)", null);
    }

    /**
     * For plain {@code undertow:} routes on the same listener that are not part of this REST DSL
     * (the console's {@code POST /api/whatif}, in the app module): authenticates the caller like
     * every endpoint here and requires a supervisor. On success the login is in header
     * {@code userHeader}; otherwise the documented 401/403 answer is written and the route stops.
     */
    public Processor supervisorOnly(String userHeader) {
        return guard(userHeader, true);
    }

    /**
     * The same login check for any signed-in consultant or supervisor, for pages served beside the
     * API (the received screenshot image): answers 401 and stops the route, or sets {@code userHeader}.
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

    private void write(Exchange exchange, ApiResponse r) throws JsonProcessingException {
        var msg = exchange.getMessage();
        // Request headers (Cookie, Authorization, query parameters) must not echo into the response.
        msg.removeHeaders("*");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        r.headers().forEach(msg::setHeader);
        if (r.body() == null) {
            msg.setBody(null);
        } else {
            msg.setHeader(Exchange.CONTENT_TYPE, JSON_TYPE);
            msg.setBody(json.writeValueAsString(r.body()).getBytes(StandardCharsets.UTF_8));
        }
        msg.setHeader("Cache-Control", "no-store");
    }
}
