package com.callbackdesk.ivr.dialog;

/** Told about what happens in a dialog, for logs and metrics; must be cheap and thread-safe. */
public interface DialogListener {

    DialogListener NONE = new DialogListener() {
    };

    /** A step began (the caller is now "at" it). */
    default void stepStarted(StepId step) {
    }

    /** The caller used up their tries; {@code operator} tells which kind of fallback was taken. */
    default void fallbackTaken(StepId step, boolean operator) {
    }

    /**
     * A prompt's sound file was missing in every language tried while the caller was still on the
     * line: the caller is sent to the operator.
     */
    default void promptMissing(StepId step, String promptKey) {
    }
}
