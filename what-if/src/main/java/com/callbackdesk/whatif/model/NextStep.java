package com.callbackdesk.whatif.model;

/** What the retry path decides for a request: the next attempt's window, or giving up. */
public sealed interface NextStep {

    /** Dial between {@code earliest} and {@code latest} (virtual seconds; latest may be +infinity). */
    record Window(double earliest, double latest, boolean nextBusinessDay) implements NextStep {
    }

    /** No more attempts: {@code expired} (time ran out) or not (the maximum number of attempts was used). */
    record GiveUp(boolean expired, String detail) implements NextStep {
    }
}
