package com.callbackdesk.ivr.prompts;

import java.util.Map;

/**
 * A language a caller can be served in, with its sound files.
 *
 * @param code             our code, also handed to the desk ("en", "zh-TW")
 * @param key              DTMF key in the language menu
 * @param asteriskLanguage the channel language Asterisk's own SAY commands should use ("zh")
 * @param prompts          prompt key to sound-file name
 */
public record CallerLanguage(String code, String key, String asteriskLanguage, Map<String, String> prompts) {

    public CallerLanguage {
        prompts = Map.copyOf(prompts);
    }
}
