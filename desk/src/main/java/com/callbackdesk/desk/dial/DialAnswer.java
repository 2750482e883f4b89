package com.callbackdesk.desk.dial;

/**
 * What came of a consultant's request to dial: accepted (the PBX queued the call under
 * {@code actionId}) or refused with a reason the consultant can act on.
 */
public record DialAnswer(long callbackId, boolean accepted, String actionId, String reason) {

    public static DialAnswer accepted(long callbackId, String actionId) {
        return new DialAnswer(callbackId, true, actionId, null);
    }

    public static DialAnswer refused(long callbackId, String reason) {
        return new DialAnswer(callbackId, false, null, reason);
    }
}
