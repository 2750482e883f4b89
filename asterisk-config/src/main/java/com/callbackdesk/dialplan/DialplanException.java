package com.callbackdesk.dialplan;

/** extensions.conf could not be read; the message names the line. */
public final class DialplanException extends RuntimeException {
    public DialplanException(String message) {
        super(message);
    }
}
