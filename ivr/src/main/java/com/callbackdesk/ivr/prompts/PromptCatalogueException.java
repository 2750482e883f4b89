package com.callbackdesk.ivr.prompts;

/** The prompt catalogue is unusable; the message names what is wrong and where. */
public class PromptCatalogueException extends RuntimeException {
    public PromptCatalogueException(String message) {
        super(message);
    }

    public PromptCatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
