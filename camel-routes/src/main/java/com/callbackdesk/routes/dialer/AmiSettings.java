package com.callbackdesk.routes.dialer;

import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.planning.config.ConfigProblems;

import java.time.Duration;
import java.util.Objects;

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
 * @param callerId         the caller ID the consultant's phone shows
 * @param context          the dialplan context that dials the caller ({@code callback})
 * @param surveyGrace      after the caller's leg hangs up, how long the survey IVR has to store
 *                         its result before the dialer records the survey NOT_REACHED
 * @param reconcileInterval while a conversation is open, how often the watchdog checks it against
 *                         the PBX's live channels (CoreShowChannels) in case its Hangup was lost; a
 *                         re-connect always checks at once
 */
public record AmiSettings(String host, int port, String username, String secret, Duration pingInterval,
                          Duration responseTimeout, Duration originateTimeout, Duration resultTimeout,
                          Duration watchdogInterval, String endpointPattern, String callerId, String context,
                          Duration surveyGrace, Duration reconcileInterval) {

    public AmiSettings {
        ConfigProblems problems = new ConfigProblems();
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
    }

    private static void positive(ConfigProblems problems, Duration d, String name) {
        problems.check(d != null && !d.isNegative() && !d.isZero(), name, "must be a positive duration, was " + d);
    }

    /** The demo's pbx-sim / asterisk-config's manager.conf user on 127.0.0.1:5038. */
    public static AmiSettings defaults() {
        return new AmiSettings("127.0.0.1", 5038, "callbackdesk", "change-me-callbackdesk", Duration.ofSeconds(20),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(5),
                "{endpoint}", "Callback Desk <100>", "callback", Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    public AmiSettings withServer(String newHost, int newPort) {
        return new AmiSettings(newHost, newPort, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, context, surveyGrace,
                reconcileInterval);
    }

    public AmiSettings withLogin(String newUser, String newSecret) {
        return new AmiSettings(host, port, newUser, newSecret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, context, surveyGrace,
                reconcileInterval);
    }

    public AmiSettings withPingInterval(Duration d) {
        return new AmiSettings(host, port, username, secret, d, responseTimeout, originateTimeout, resultTimeout,
                watchdogInterval, endpointPattern, callerId, context, surveyGrace,
                reconcileInterval);
    }

    public AmiSettings withResponseTimeout(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, d, originateTimeout, resultTimeout,
                watchdogInterval, endpointPattern, callerId, context, surveyGrace,
                reconcileInterval);
    }

    public AmiSettings withOriginateTimeout(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, d, resultTimeout,
                watchdogInterval, endpointPattern, callerId, context, surveyGrace,
                reconcileInterval);
    }

    /** Result timeout and watchdog interval together (tests shorten both). */
    public AmiSettings withWatchdog(Duration timeout, Duration interval) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout, timeout,
                interval, endpointPattern, callerId, context, surveyGrace,
                reconcileInterval);
    }

    public AmiSettings withEndpointPattern(String pattern) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, pattern, callerId, context, surveyGrace, reconcileInterval);
    }

    public AmiSettings withSurveyGrace(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, context, d, reconcileInterval);
    }

    public AmiSettings withReconcileInterval(Duration d) {
        return new AmiSettings(host, port, username, secret, pingInterval, responseTimeout, originateTimeout,
                resultTimeout, watchdogInterval, endpointPattern, callerId, context, surveyGrace, d);
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
