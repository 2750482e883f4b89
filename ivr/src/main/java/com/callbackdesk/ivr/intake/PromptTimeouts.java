package com.callbackdesk.ivr.intake;

/**
 * How long (ms) each kind of question waits for the first/next key after its prompt.
 * Typing a phone number takes longer than pressing one menu key.
 *
 * @param menuMs      language, product, category, urgency, screenshot menus
 * @param numberMs    confirming or keying the callback number
 * @param timeOfDayMs keying the reachable-until time (HHMM)
 */
public record PromptTimeouts(long menuMs, long numberMs, long timeOfDayMs) {

    public PromptTimeouts {
        if (menuMs < 1 || numberMs < 1 || timeOfDayMs < 1) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static PromptTimeouts defaults() {
        return new PromptTimeouts(5_000, 10_000, 8_000);
    }
}
