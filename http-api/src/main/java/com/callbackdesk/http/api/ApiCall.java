package com.callbackdesk.http.api;

import com.callbackdesk.account.UserAccount;
import com.callbackdesk.callback.Actor;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One API request as the handlers see it: who (after authentication), the path id, query
 * parameters and the body bound to a request record — each read with a 400 naming the field
 * when it is wrong.
 */
final class ApiCall {

    private final Exchange exchange;
    private final ApiJson json;
    private UserAccount account;
    private byte[] bytes;

    ApiCall(Exchange exchange, ApiJson json) {
        this.exchange = exchange;
        this.json = json;
    }

    Exchange exchange() {
        return exchange;
    }

    String header(String name) {
        return exchange.getIn().getHeader(name, String.class);
    }

    UserAccount account() {
        return account;
    }

    void account(UserAccount account) {
        this.account = account;
    }

    /** The consultant this account works the queue as (consultant endpoints guarantee one). */
    String consultant() {
        return account.consultant();
    }

    Actor consultantActor() {
        return Actor.consultant(account.consultant());
    }

    Actor supervisorActor() {
        return Actor.supervisor(account.login());
    }

    /**
     * Who acts when consultants and supervisors may both do it: a supervisor as a supervisor (they
     * may act on anyone's claim), a consultant as themselves.
     */
    Actor deskActor() {
        if (account.supervisor()) {
            return supervisorActor();
        }
        if (account.consultant() != null) {
            return consultantActor();
        }
        throw ApiException.forbidden("account " + account.login() + " is not linked to a consultant");
    }

    /** Most items one list request may ask for ({@code limit}). */
    static final int MAX_LIMIT = 500;

    /** Longest "why" an audited change takes (the audit row keeps 1000 characters). */
    static final int MAX_WHY = 1000;

    /** The {id} path parameter: a positive whole number. */
    long id() {
        String raw = header("id");
        try {
            long id = Long.parseLong(raw == null ? "" : raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw ApiException.badRequest("id", "must be a positive whole number, was '" + raw + "'");
    }

    /** A query parameter, or null when absent or empty. */
    String query(String name) {
        String v = header(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    int intQuery(String name, int dflt, int min, int max) {
        String v = query(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw ApiException.badRequest(name, "must be a whole number " + min + "-" + max + ", was '" + v + "'");
    }

    Long longQuery(String name) {
        String v = query(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "must be a whole number, was '" + v + "'");
        }
    }

    Instant instantQuery(String name) {
        String v = query(name);
        return v == null ? null : instant(name, v);
    }

    static Instant instant(String field, String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, "must be an ISO-8601 instant like 2026-11-25T09:30:00Z, was '" + v + "'");
        }
    }

    /** Whether the request has a body at all. */
    boolean hasBody() {
        byte[] bytes = bytes();
        return bytes != null && bytes.length > 0;
    }

    /** The body's bytes, read once: the HTTP component may hand it over as a stream. */
    private byte[] bytes() {
        if (bytes == null) {
            bytes = exchange.getIn().getBody(byte[].class);
            bytes = bytes == null ? new byte[0] : bytes;
        }
        return bytes;
    }

    /**
     * The body bound to the endpoint's request record by the API's one Jackson binding step
     * ({@link ApiJson#bind}): 400 ("body") when missing or not a JSON object, 400 naming the
     * field when one has the wrong JSON type. The handler binds at the point it used to read the
     * body, so the order of the checks (path id, role, then body) is the documented one.
     */
    <T> T bind(Class<T> type) {
        return json.bind(bytes(), type);
    }

    /** A required text field of a bound request: 400 when absent/null ("required") or blank. */
    static String required(String field, String value) {
        if (value == null) {
            throw ApiException.badRequest(field, "required");
        }
        if (value.isBlank()) {
            throw ApiException.badRequest(field, "must not be blank");
        }
        return value;
    }

    /** A required number of a bound request: 400 when absent/null. */
    static Integer required(String field, Integer value) {
        if (value == null) {
            throw ApiException.badRequest(field, "required");
        }
        return value;
    }

    /** The required "why" of an audited change: not blank, at most {@link #MAX_WHY} characters. */
    static String why(String value) {
        String why = required("why", value).strip();
        if (why.length() > MAX_WHY) {
            throw ApiException.badRequest("why", "at most " + MAX_WHY + " characters");
        }
        return why;
    }

    /** An enum field given as text (case-insensitive); null when absent, 400 naming the allowed values otherwise. */
    static <E extends Enum<E>> E optionalEnum(String field, Class<E> type, String value) {
        return value == null ? null : parseEnum(field, type, value);
    }

    static <E extends Enum<E>> E requiredEnum(String field, Class<E> type, String value) {
        return parseEnum(field, type, required(field, value));
    }

    static <E extends Enum<E>> E parseEnum(String field, Class<E> type, String v) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v.strip().toUpperCase(Locale.ROOT))) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name());
        }
        throw ApiException.badRequest(field, "must be one of " + allowed + ", was '" + v + "'");
    }
}
