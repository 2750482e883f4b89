package com.callbackdesk.routes.dialer;

import com.callbackdesk.consultant.Consultant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        List<String> errors = new ArrayList<>();
        if (host == null || host.isBlank()) {
            errors.add("host: required");
        }
        if (port < 1 || port > 65535) {
            errors.add("port: must be 1..65535, was " + port);
        }
        if (username == null || username.isBlank()) {
            errors.add("username: required");
        }
        if (secret == null || secret.isEmpty()) {
            errors.add("secret: required");
        }
        positive(errors, pingInterval, "pingInterval");
        positive(errors, responseTimeout, "responseTimeout");
        positive(errors, originateTimeout, "originateTimeout");
        positive(errors, resultTimeout, "resultTimeout");
        positive(errors, watchdogInterval, "watchdogInterval");
        positive(errors, surveyGrace, "surveyGrace");
        positive(errors, reconcileInterval, "reconcileInterval");
        if (endpointPattern == null || !(endpointPattern.contains("{endpoint}")
                || (endpointPattern.contains("{login}") && endpointPattern.contains("/")))) {
            errors.add("endpointPattern: must be {endpoint} (the consultant's profile endpoint) or TECH/resource"
                    + " using {login}, e.g. PJSIP/{login}, was " + endpointPattern);
        }
        if (context == null || context.isBlank()) {
            errors.add("context: required (the dialplan context that dials the caller, e.g. callback)");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid AMI settings: " + String.join("; ", errors));
        }
    }

    private static void positive(List<String> errors, Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            errors.add(name + ": must be a positive duration, was " + d);
        }
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
