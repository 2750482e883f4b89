package com.callbackdesk.routes.dialer;

/**
 * A consultant asks to dial a callback they have claimed: the body sent to {@link DialRequest#ENDPOINT}.
 * The dialer rings the consultant's endpoint first and, once answered, the caller through the
 * {@code [callback]} context.
 */
public record DialRequest(long callbackId, String consultantLogin) {

    /** Request-reply: body {@link DialRequest}, reply {@link DialResult}. */
    public static final String ENDPOINT = "direct:dial";

    public DialRequest {
        if (callbackId <= 0) throw new IllegalArgumentException("callbackId must be positive, was " + callbackId);
        if (consultantLogin == null || consultantLogin.isBlank()) throw new IllegalArgumentException("consultantLogin is required");
    }
}
