package com.callbackdesk.ivr.prompts;

import java.util.Map;

/**
 * A language a caller can be served in, with its sound files.
 *
 * @param code             our code, also handed to the desk ("en", "zh-TW")
 * @param key              DTMF key in the language menu
 * @param asteriskLanguage the channel language Asterisk's own SAY commands should use ("zh"); also the
 *                         sounds sub-directory Asterisk reads their {@code digits/*} files from
 * @param prompts          prompt key to sound-file name
 * @param voice            the espeak-ng voice the built-in sound files are rendered with ("en",
 *                         "cmn-latn-pinyin"), or null when the language has recordings only
 * @param texts            prompt key to the words the prompt says (what a recording must say, and what
 *                         the built-in voice speaks); may lack keys a recording covers
 */
public record CallerLanguage(String code, String key, String asteriskLanguage, Map<String, String> prompts,
                             String voice, Map<String, String> texts) {

    public CallerLanguage {
        prompts = Map.copyOf(prompts);
        texts = texts == null ? Map.of() : Map.copyOf(texts);
    }

    public CallerLanguage(String code, String key, String asteriskLanguage, Map<String, String> prompts) {
        this(code, key, asteriskLanguage, prompts, null, Map.of());
    }
}
