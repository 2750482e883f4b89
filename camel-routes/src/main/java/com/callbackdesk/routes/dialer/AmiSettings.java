package com.callbackdesk.routes.dialer;

import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.planning.config.ConfigProblems;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the dialer reaches Asterisk's Manager Interface and what its Originate looks like.
 *
 * @param host             AMI host (manager.conf bindaddr)
 * @param port             AMI port (5038)
 * @param username         manager.conf user ({@code callbackdesk}: read call,dtmf; write originate,reporting)
 * @param secret           its secret (sent as an MD5 key over the Challenge, never in clear)
 * @param pingInterval     how often the connection is checked with Ping (and re-logged-in when down)
 * @param responseTimeout  how long to wait for Asterisk's answer to an action ("Originate successfully queued")
 * @param originateTimeout how long the consultant's phone rings (the Originate's Timeout)
 * @param resultTimeout    how long after the Originate was sent its result may take (the
 *                         consultant's ringing, then [callback]'s Dial ringing the caller 30 s, and a
 *                         margin) before the watchdog ends the attempt INTERRUPTED
 * @param watchdogInterval how often the watchdog looks for dials without a result
 * @param endpointPattern  the Originate Channel: {@code {endpoint}} (the consultant's profile
 *                         endpoint, e.g. PJSIP/alice) and {@code {login}} are replaced
 * @param callerId         the caller ID the customer's phone shows when called back (and the
 *                         consultant's phone while it rings): {@code "Name" <number>}, passed to
 *                         the Originate and, as {@code CALLBACK_CALLERID}, set by {@code [callback]}
 *                         with {@code Set(CALLERID(all)=…)} before its Dial
 * @param callerIdByCategory per category code, a caller ID that replaces {@code callerId} for
 *                         callbacks of that category (e.g. a billing line); may be empty
 * @param context          the dialplan context that dials the caller ({@code callback})
 * @param surveyGrace      after the caller's leg hangs up, how long the survey IVR has to store
 *                         its result before the dialer records the survey NOT_REACHED
 * @param reconcileInterval while a conversation is open, how often the watchdog checks it against
 *                         the PBX's live channels (CoreShowChannels) in case its Hangup was lost; a
 *                         re-connect always checks at once
 * @param restartGrace     how long a consultant's leg that the PBX itself hung up (hangup cause 0,
 *                         or an Originate failure without a ring-out or busy) waits for the sign
 *                         of a PBX restart — the AMI connection dropping or a Shutdown event — before
 *                         it is taken as the consultant's doing
 */
public record AmiSettings(String host, int port, String username, String secret, Duration pingInterval,
                          Duration responseTimeout, Duration originateTimeout, Duration resultTimeout,
                          Duration watchdogInterval, String endpointPattern, String callerId,
                          Map<String, String> callerIdByCategory, String context, Duration surveyGrace,
                          Duration reconcileInterval, Duration restartGrace) {

    /** What the customer sees when no caller ID is configured: a placeholder extension, not a real line. */
    public static final String DEFAULT_CALLER_ID = "\"Callback Desk\" <100>";

    /** {@code "Name" <number>}, {@code Name <number>} or {@code <number>}: what Set(CALLERID(all)=…) takes. */
    private static final Pattern CALLER_ID = Pattern.compile(
            "^\\s*(?:\"([^\"]*)\"|([^\"<>]*?))\\s*<(\\+?[0-9]{1,20})>\\s*$");
    /** Characters that would break the Originate's Variable header or the dialplan's Set(). */
    private static final Pattern UNSAFE = Pattern.compile("[,;|$\\\\{}\\r\\n]");

    public AmiSettings {
        ConfigProblems problems = new ConfigProblems();
        checkCallerId(problems, "callerId", callerId);
        Map<String, String> overrides = callerIdByCategory == null ? Map.of() : callerIdByCategory;
        overrides.forEach((category, id) -> {
            problems.check(category != null && !category.isBlank(), "callerIdByCategory",
                    "a category code is required before each caller ID");
            checkCallerId(problems, "callerIdByCategory." + category, id);
        });
        positive(problems, restartGrace, "restartGrace");
        problems.check(host != null && !host.isBlank(), "host", "required");
        problems.check(port >= 1 && port <= 65535, "port", "must be 1..65535, was " + port);
        problems.check(username != null && !username.isBlank(), "username", "required");
        problems.check(secret != null && !secret.isEmpty(), "secret", "required");
        positive(problems, pingInterval, "pingInterval");
        positive(problems, responseTimeout, "responseTimeout");
        positive(problems, originateTimeout, "originateTimeout");
        positive(problems, resultTimeout, "resultTimeout");
        positive(problems, watchdogInterval, "watchdogInterval");
        positive(problems, surveyGrace, "surveyGrace");
        positive(problems, reconcileInterval, "reconcileInterval");
        problems.check(endpointPattern != null && (endpointPattern.contains("{endpoint}")
                        || (endpointPattern.contains("{login}") && endpointPattern.contains("/"))), "endpointPattern",
                "must be {endpoint} (the consultant's profile endpoint) or TECH/resource using {login}, e.g. PJSIP/{login},"
                        + " was " + endpointPattern);
        problems.check(context != null && !context.isBlank(), "context",
                "required (the dialplan context that dials the caller, e.g. callback)");
        problems.throwIfAny("invalid AMI settings");
        callerIdByCategory = Map.copyOf(overrides);
    }

    private static void checkCallerId(ConfigProblems problems, String name, String value) {
        if (value == null || value.isBlank()) {
            problems.add(name, "required: the caller ID customers see, e.g. \"Callback Desk\" <+886221234567>");
            return;
        }
        problems.check(CALLER_ID.matcher(value).matches() && !UNSAFE.matcher(value).find(), name,
                "must be \"Name\" <number> (a name in double quotes, the number of up to 20 digits, optionally"
                        + " with a leading +, in <>; no , ; | $ { } or backslash), e.g. \"Callback Desk\""
                        + " <+886221234567>; was " + value);
    }

    /** The caller ID the customer of a callback in {@code category} sees (its override, else {@link #callerId()}). */
    public String callerIdFor(String category) {
        return category == null ? callerId : callerIdByCategory.getOrDefault(category, callerId);
    }

    private static void positive(ConfigProblems problems, Duration d, String name) {
        problems.check(d != null && !d.isNegative() && !d.isZero(), name, "must be a positive duration, was " + d);
    }

    /** The demo's pbx-sim / asterisk-config's manager.conf user on 127.0.0.1:5038. */
    public static AmiSettings defaults() {
        return new AmiSettings("127.0.0.1", 5038, "callbackdesk", "change-me-callbackdesk", Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(5),
                "{endpoint}", DEFAULT_CALLER_ID, Map.of(), "callback", Duration.ofSeconds(15), Duration.ofSeconds(60),
                Duration.ofSeconds(3));
    }

    public AmiSettings withServer(String newHost, int newPort) {
        return new AmiSettings(newHost, newPort, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, callerIdByCategory, context, surveyGrace,
                reconcileInterval, restartGrace);
    }

    public AmiSettings withLogin(String newUser, String newSecret) {
        return new AmiSettings(host, port, newUser, newSecret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, callerIdByCategory, context, surveyGrace,
                reconcileInterval, restartGrace);
    }

    public AmiSettings withPingInterval(Duration d) {
        return new AmiSettings(host, port, username, secret, d, responseTimeout, originateTimeout, resultTimeout,
                watchdogInterval, endpointPattern, callerId, callerIdByCategory, context, surveyGrace,
                reconcileInterval, restartGrace);
    }

    public AmiSettings withResponseTimeout(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, d, originateTimeout, resultTimeout,
                watchdogInterval, endpointPattern, callerId, callerIdByCategory, context, surveyGrace,
                reconcileInterval, restartGrace);
    }

    public AmiSettings withOriginateTimeout(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, d, resultTimeout,
                watchdogInterval, endpointPattern, callerId, callerIdByCategory, context, surveyGrace,
                reconcileInterval, restartGrace);
    }

    /** Result timeout and watchdog interval together (tests shorten both). */
    public AmiSettings withWatchdog(Duration timeout, Duration interval) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout, timeout,
                interval, endpointPattern, callerId, callerIdByCategory, context, surveyGrace,
                reconcileInterval, restartGrace);
    }

    public AmiSettings withEndpointPattern(String pattern) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, pattern, callerId, callerIdByCategory, context, surveyGrace,
                reconcileInterval, restartGrace);
    }

    /** The caller ID customers see, and its overrides per category code. */
    public AmiSettings withCallerId(String id, Map<String, String> byCategory) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, id, byCategory, context, surveyGrace,
                reconcileInterval, restartGrace);
    }

    public AmiSettings withRestartGrace(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, callerIdByCategory, context, surveyGrace,
                reconcileInterval, d);
    }

    public AmiSettings withSurveyGrace(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, callerIdByCategory, context, d,
                reconcileInterval, restartGrace);
    }

    public AmiSettings withReconcileInterval(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, callerIdByCategory, context, surveyGrace,
                d, restartGrace);
    }

    /** The Originate's Channel for this consultant. */
    public String channelFor(Consultant consultant) {
        Objects.requireNonNull(consultant, "consultant");
        return endpointPattern.replace("{endpoint}", consultant.endpoint()).replace("{login}", consultant.login());
    }

    /** How long after sending an Originate its result may take. */
    public Duration resultDeadline() {
        return resultTimeout;
    }

    @Override
    public String toString() {
        return "AMI " + username + "@" + host + ":" + port;   // never the secret
    }
}
