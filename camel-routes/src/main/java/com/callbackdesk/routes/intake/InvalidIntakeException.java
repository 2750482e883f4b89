package com.callbackdesk.routes.intake;

/** A captured intake the desk refuses to store; the message names the offending field. */
public final class InvalidIntakeException extends RuntimeException {

    private final String field;

    public InvalidIntakeException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The reason code the IVR speaks (prompt {@code rejected.<reason>}). */
    public String spokenReason() {
        return "callbackNumber".equals(field) ? "invalid-number" : "other";
    }
}
