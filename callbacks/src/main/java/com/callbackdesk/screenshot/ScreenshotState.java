package com.callbackdesk.screenshot;

import java.util.EnumSet;
import java.util.Set;

/** The screenshot step of one callback. RECEIVED and DECLINED complete the step. */
public enum ScreenshotState {
    /** The link was created; the SMS/e-mail is not out yet. */
    REQUESTED,
    /** The SMS gateway / mail server accepted the message. */
    SENT,
    /** The caller uploaded the image. */
    RECEIVED,
    /** The caller said they will not (or cannot) send one. */
    DECLINED,
    /** The message could not be sent (bad address, gateway down). A new request can follow. */
    FAILED;

    /** Whether the step is done, so the callback may be closed as resolved. */
    public boolean completesStep() {
        return this == RECEIVED || this == DECLINED;
    }

    /** Moves the step allows; RECEIVED is final (the image is there), a caller who declined may still upload. */
    public boolean canMoveTo(ScreenshotState to) {
        Set<ScreenshotState> next = switch (this) {
            case REQUESTED -> EnumSet.of(SENT, RECEIVED, DECLINED, FAILED);
            case SENT -> EnumSet.of(RECEIVED, DECLINED, FAILED);
            case DECLINED -> EnumSet.of(RECEIVED);
            case FAILED -> EnumSet.of(DECLINED);
            case RECEIVED -> EnumSet.noneOf(ScreenshotState.class);
        };
        return next.contains(to);
    }
}
