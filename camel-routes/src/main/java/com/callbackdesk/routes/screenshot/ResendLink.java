package com.callbackdesk.routes.screenshot;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.screenshot.ScreenshotChannel;

import java.util.Objects;

/**
 * Body of {@link ScreenshotRoute#RESEND}: desk staff ask for the screenshot link to go to the
 * caller again; the reply is the new {@link com.callbackdesk.screenshot.ScreenshotRequest}.
 *
 * @param channel SMS or EMAIL, or null for the caller's choice at intake
 * @param email   the address to send to (EMAIL only; kept on file), or null for the one on file
 */
public record ResendLink(long callbackId, Actor who, ScreenshotChannel channel, String email) {

    public ResendLink {
        Objects.requireNonNull(who, "who");
    }
}
