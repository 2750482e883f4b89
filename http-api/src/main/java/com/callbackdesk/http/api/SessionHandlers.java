package com.callbackdesk.http.api;

import com.callbackdesk.account.UserAccount;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.queue.Claim;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;


/**
 * Signing in and out, and who is signed in: {@code POST /api/login}, {@code POST /api/logout},
 * {@code GET/PUT /api/me} (a consultant sets AVAILABLE or AWAY).
 * Thin: each translates the request into one of the desk's audited operations and the answer
 * into docs/API.md's JSON.
 */
final class SessionHandlers {

    private static final Logger LOG = LogManager.getLogger(SessionHandlers.class);

    private final ApiServices desk;
    private final ApiAuth auth;
    private final boolean secureCookies;

    SessionHandlers(ApiServices desk, ApiAuth auth, boolean secureCookies) {
        this.desk = desk;
        this.auth = auth;
        this.secureCookies = secureCookies;
    }

    /** {@code POST /api/login}'s body. */
    record LoginRequest(String login, String password) {
    }

    /** Who signed in: the login answer. */
    record SignedIn(String login, String displayName, String role, String consultant) {
    }

    /** {@code PUT /api/me}'s body: AVAILABLE or AWAY, and why (optional). */
    record StateRequest(String state, String why) {
    }

    ApiResponse login(ApiCall call) {
        LoginRequest request = call.bind(LoginRequest.class);
        String login = ApiCall.required("login", request.login());
        String password = ApiCall.required("password", request.password());
        UserAccount a = auth.check(login, password).orElseThrow(() -> {
            LOG.info("Login refused for {}", login);
            return ApiException.unauthorized("wrong login or password");
        });
        String token = auth.sessions().open(a.login());
        LOG.info("{} logged in", a.login());
        return ApiResponse.ok(new SignedIn(a.login(), a.displayName(), a.role().lower(), a.consultant())).header("Set-Cookie", ApiAuth.COOKIE + "=" + token
                + "; Path=/; HttpOnly; SameSite=Strict" + secure());
    }

    ApiResponse logout(ApiCall call) {
        auth.sessions().close(ApiAuth.sessionToken(call.header("Cookie")));
        return ApiResponse.noContent().header("Set-Cookie", ApiAuth.COOKIE + "=; Path=/; Max-Age=0; HttpOnly;"
                + " SameSite=Strict" + secure());
    }

    /** Behind TLS ({@code http.secureCookies}) the browser must never send the session over plain HTTP. */
    private String secure() {
        return secureCookies ? "; Secure" : "";
    }

    ApiResponse me(ApiCall call) {
        return ApiResponse.ok(meView(call.account()));
    }

    ApiResponse setMe(ApiCall call) {
        desk.consultantOf(call);
        StateRequest request = call.bind(StateRequest.class);
        ConsultantState state = ApiCall.requiredEnum("state", ConsultantState.class, request.state());
        if (state == ConsultantState.ON_CALL) {
            throw ApiException.badRequest("state", "ON_CALL is set by the dialer; choose AVAILABLE or AWAY");
        }
        String why = request.why();
        desk.consultants().setState(call.consultant(), state, call.consultantActor(),
                why == null || why.isBlank() ? "set " + state + " in the console" : why);
        return ApiResponse.ok(meView(call.account()));
    }

    private Views.AccountView meView(UserAccount a) {
        Consultant c = a.consultant() == null ? null : desk.consultants().find(a.consultant()).orElse(null);
        Long holding = c == null ? null : desk.queue().currentClaim(c.login()).map(Claim::callbackId).orElse(null);
        return Views.account(a, c, holding);
    }
}
