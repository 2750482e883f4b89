package com.callbackdesk.http.api;

/**
 * An API answer other than success, with the HTTP status, the error code of docs/API.md, the
 * field it is about (or null) and, for refused outcomes, the desk rule.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;
    private final String rule;
    private java.util.List<FieldProblem> errors;
    private Long retryAfterSeconds;

    public ApiException(int status, String error, String field, String message, String rule) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
        this.rule = rule;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "bad_request", field, field + ": " + message, null);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", null, message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", null, message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", null, message, null);
    }

    /** 429: throttled; the answer carries Retry-After with {@code retryAfterSeconds}. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        ApiException e = new ApiException(429, "too_many_requests", null, message, null);
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    /** Seconds for the Retry-After header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", null, message, null);
    }

    /** Field-by-field problems (an invalid policy), shown as {@code errors}. */
    ApiException withErrors(java.util.List<FieldProblem> errors) {
        this.errors = java.util.List.copyOf(errors);
        return this;
    }

    java.util.List<FieldProblem> errors() {
        return errors;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
