package com.callbackdesk.routes.screenshot;

import com.callbackdesk.screenshot.ScreenshotChannel;

/**
 * One screenshot link on its way out (body of {@link ScreenshotRoute#SEND}).
 *
 * @param token      the request's token (upload link {@code /s/<token>}, cancel link {@code /c/<token>})
 * @param callbackId the callback it belongs to
 * @param channel    SMS or EMAIL
 * @param to         E.164 number or e-mail address
 * @param subject    e-mail subject (unused for SMS)
 * @param text       the message, carrying both links
 */
public record LinkMessage(String token, long callbackId, ScreenshotChannel channel, String to, String subject,
                          String text) {

    @Override
    public String toString() {
        // no token: it is the caller's secret, and this ends up in logs
        return "LinkMessage[callback " + callbackId + " via " + channel + " to " + to + "]";
    }
}
