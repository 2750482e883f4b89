package com.callbackdesk.ivr.dialog;

import org.asteriskjava.fastagi.AgiException;

import java.util.List;

/** Plays announcements, in order, without waiting for keys. */
public final class Say {

    private final List<String> promptKeys;
    private final boolean optional;

    private Say(List<String> promptKeys, boolean optional) {
        this.promptKeys = promptKeys;
        this.optional = optional;
    }

    /** Announcements the caller needs: one missing in every language sends them to the operator. */
    public static Say prompts(String... promptKeys) {
        return new Say(List.of(promptKeys), false);
    }

    /** Announcements the caller can do without ("goodbye"): one missing is skipped (and logged). */
    public static Say ifPresent(String... promptKeys) {
        return new Say(List.of(promptKeys), true);
    }

    public List<String> promptKeys() {
        return promptKeys;
    }

    public void to(CallerLine line) throws AgiException {
        for (String key : promptKeys) {
            if (optional) {
                line.playIfPresent(key);
            } else {
                line.play(key);
            }
        }
    }
}
