package com.callbackdesk.routes.dialer;

/**
 * What the dialer answers a {@link DialRequest}: whether Asterisk accepted the Originate (the call's
 * progress and outcome arrive later, as AMI events), the AMI ActionID that follows the call in the
 * logs, and when refused, the reason in words a consultant can act on.
 */
public record DialResult(long callbackId, boolean accepted, String actionId, String reason) {

    public static DialResult accepted(long callbackId, String actionId) {
        return new DialResult(callbackId, true, actionId, null);
    }

    public static DialResult refused(long callbackId, String reason) {
        return new DialResult(callbackId, false, null, reason);
    }
}
