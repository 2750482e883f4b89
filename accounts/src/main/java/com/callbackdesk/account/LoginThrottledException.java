package com.callbackdesk.account;

/**
 * A password check refused without checking, because the login has too many recent failures
 * ({@link LoginThrottle}); the REST API answers 429 with {@link #retryAfterSeconds()} as Retry-After.
 */
public final class LoginThrottledException extends RuntimeException {

    private final String login;
    private final long retryAfterSeconds;

    public LoginThrottledException(String login, long retryAfterSeconds) {
        super("too many failed logins for " + login + "; try again in " + LoginThrottle.waitText(retryAfterSeconds));
        this.login = login;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String login() {
        return login;
    }

    /** Whole seconds until an attempt is allowed again (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
