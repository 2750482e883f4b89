package com.callbackdesk.desk.screenshot;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.screenshot.ScreenshotRequest;

/**
 * The port through which {@link ScreenshotSteps} hands a new screenshot link to the sender the
 * first link went through (the Camel screenshot route implements it; the desk knows no SMS gateway
 * or mail server). Sending is asynchronous: the request moves to SENT or FAILED when it is done.
 */
@FunctionalInterface
public interface LinkSending {

    /** Queues the message for {@code request} of {@code callback}. */
    void send(ScreenshotRequest request, Callback callback);
}
