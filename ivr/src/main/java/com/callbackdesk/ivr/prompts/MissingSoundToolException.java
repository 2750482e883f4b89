package com.callbackdesk.ivr.prompts;

/** espeak-ng or sox is not installed; the message names it and says how to get it, on one line. */
public class MissingSoundToolException extends RuntimeException {

    private final String tool;

    public MissingSoundToolException(String tool) {
        super(tool + " is not installed (the built-in voice needs espeak-ng and sox): " + SoundTools.HOW_TO_INSTALL,
                null, false, false);
        this.tool = tool;
    }

    public String tool() {
        return tool;
    }
}
