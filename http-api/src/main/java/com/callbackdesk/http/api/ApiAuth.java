package com.callbackdesk.http.api;

import com.callbackdesk.account.LoginThrottle;
import com.callbackdesk.account.Sessions;
import com.callbackdesk.account.UserAccount;
import com.callbackdesk.account.UserAccounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is calling: the session cookie, else HTTP Basic. The account is read fresh on every
 * request, so a role change or a new password applies at once.
 *
 * <p>PBKDF2 is deliberately slow; a script sending Basic credentials on every request would pay
 * it each time. So a successful Basic check is remembered as a salted SHA-256 of the password
 * (salt random per process), valid until the password is set again ({@code credentialStamp}).
 *
 * <p>Sessions ({@link Sessions}) and failed-login counts ({@link LoginThrottle}) are in the
 * database, shared by every node on it; the remembered Basic digests are only a per-process cache.
 */
final class ApiAuth {

    /** The session cookie's name. */
    static final String COOKIE = "CBD_SESSION";

    private record Verified(byte[] digest, String stamp) {
    }

    private final UserAccounts accounts;
    private final Sessions sessions;
    private final byte[] pepper = new byte[32];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final LoginThrottle throttle;

    ApiAuth(UserAccounts accounts, Sessions sessions, LoginThrottle throttle) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        new SecureRandom().nextBytes(pepper);
    }

    Sessions sessions() {
        return sessions;
    }

    UserAccounts accounts() {
        return accounts;
    }

    /** Whether the request carries Basic credentials (then a 401 also gets WWW-Authenticate). */
    static boolean basic(ApiCall call) {
        String h = call.header("Authorization");
        return h != null && h.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** @throws ApiException 401 without valid credentials */
    UserAccount authenticate(ApiCall call) {
        String token = sessionToken(call.header("Cookie"));
        if (token != null) {
            Optional<UserAccount> a = sessions.login(token).flatMap(accounts::find);
            if (a.isPresent()) {
                return a.get();
            }
        }
        if (basic(call)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(call.header("Authorization").substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.unauthorized("Basic credentials are not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw ApiException.unauthorized("Basic credentials must be login:password");
            }
            return check(decoded.substring(0, colon), decoded.substring(colon + 1))
                    .orElseThrow(() -> ApiException.unauthorized("wrong login or password"));
        }
        throw ApiException.unauthorized(token != null ? "the session has ended; log in again"
                : "log in (POST /api/login) or send HTTP Basic credentials");
    }

    /**
     * Checks a login and password (PBKDF2, or the remembered digest for Basic), throttled per login
     * ({@link LoginThrottle}: POST /api/login and Basic alike).
     *
     * @throws com.callbackdesk.account.LoginThrottledException after too many recent failures for
     *         {@code login}, without checking (the API's 429)
     */
    Optional<UserAccount> check(String login, String password) {
        throttle.requireAllowed(login);
        Optional<UserAccount> a = checkPassword(login, password);
        if (a.isPresent()) {
            throttle.succeeded(login);
        } else {
            throttle.failed(login);
        }
        return a;
    }

    private Optional<UserAccount> checkPassword(String login, String password) {
        byte[] digest = digest(login, password);
        Verified v = verified.get(login);
        if (v != null && MessageDigest.isEqual(v.digest(), digest)
                && accounts.credentialStamp(login).filter(v.stamp()::equals).isPresent()) {
            return accounts.find(login);
        }
        String stamp = accounts.credentialStamp(login).orElse(null);
        Optional<UserAccount> a = accounts.authenticate(login, password.toCharArray());
        if (a.isPresent() && stamp != null) {
            verified.put(login, new Verified(digest, stamp));
        } else {
            verified.remove(login);
        }
        return a;
    }

    private byte[] digest(String login, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(login.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sessionToken(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) {
                String v = p.substring(COOKIE.length() + 1);
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}
