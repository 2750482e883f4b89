package com.callbackdesk.ivr.dialog;

import org.asteriskjava.fastagi.AgiException;

import java.util.List;

/** Plays announcements, in order, without waiting for keys. */
public final class Say {

    private final List<String> promptKeys;

    private Say(List<String> promptKeys) {
        this.promptKeys = promptKeys;
    }

    public static Say prompts(String... promptKeys) {
        return new Say(List.of(promptKeys));
    }

    public List<String> promptKeys() {
        return promptKeys;
    }

    public void to(CallerLine line) throws AgiException {
        for (String key : promptKeys) {
            line.play(key);
        }
    }
}
