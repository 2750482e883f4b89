package com.callbackdesk.http.api;

import com.callbackdesk.account.UserAccount;
import com.callbackdesk.callback.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One API request as the handlers see it: who (after authentication), the path id, query
 * parameters and the JSON body — each read with a 400 naming the field when it is wrong.
 */
final class ApiCall {

    private final Exchange exchange;
    private final ObjectMapper json;
    private UserAccount account;
    private JsonNode body;
    private byte[] bytes;

    ApiCall(Exchange exchange, ObjectMapper json) {
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

    /** The required "why" of an audited change: not blank, at most {@link #MAX_WHY} characters. */
    String why() {
        String why = text("why", true).strip();
        if (why.length() > MAX_WHY) {
            throw ApiException.badRequest("why", "at most " + MAX_WHY + " characters");
        }
        return why;
    }

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

    /** The JSON object body; 400 ("body") when missing or not a JSON object. */
    JsonNode body() {
        if (body == null) {
            byte[] bytes = bytes();
            if (bytes.length == 0) {
                throw ApiException.badRequest("body", "a JSON object is required");
            }
            try {
                body = json.readTree(new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw ApiException.badRequest("body", "not valid JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("body", "must be a JSON object");
            }
        }
        return body;
    }

    /** A string field of the body; null when absent/null and not required. */
    String text(String field, boolean required) {
        JsonNode n = body().get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw ApiException.badRequest(field, "required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field, "must be a string");
        }
        if (required && n.asText().isBlank()) {
            throw ApiException.badRequest(field, "must not be blank");
        }
        return n.asText();
    }

    Integer integer(String field, boolean required) {
        JsonNode n = body().get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw ApiException.badRequest(field, "required");
            }
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw ApiException.badRequest(field, "must be a whole number");
        }
        return n.asInt();
    }

    /** An enum field (case-insensitive); 400 naming the allowed values otherwise. */
    <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
        String v = text(field, required);
        return v == null ? null : parseEnum(field, type, v);
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
