package com.callbackdesk.callback;

/**
 * Input refused because of one named field: the field travels with the exception, so an adapter
 * (the REST API's 400, the CLI's message) names it without reading the message.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    /** The message reads {@code field: problem}. */
    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The input field at fault, as the caller named it (e.g. {@code why}, {@code consultant}). */
    public String field() {
        return field;
    }
}
