package com.callbackdesk.http.pages;

import com.callbackdesk.planning.labels.Labels;
import org.apache.camel.Message;

import java.util.Optional;

/**
 * The language of a caller page: the one the caller picked on a page ({@code ?lang=}, then
 * remembered in a cookie), else the browser's ({@code Accept-Language}), else the one chosen on
 * the phone at intake. English or Traditional Chinese.
 */
final class PageLanguage {

    static final String COOKIE = "callbackDeskLang";

    private PageLanguage() {
    }

    /** The explicit choice in this request ({@code ?lang=en} / {@code ?lang=zh-TW}), if any. */
    static Optional<String> chosen(Message in) {
        String query = in.getHeader("CamelHttpQuery", String.class);
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("lang=")) {
                return Labels.bestOf(java.net.URLDecoder.decode(pair.substring(5), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The page language for this request; {@code intake} is the callback's language. */
    static String of(Message in, String intake) {
        return chosen(in)
                .or(() -> remembered(in.getHeader("Cookie", String.class)))
                .or(() -> Labels.bestOf(in.getHeader("Accept-Language", String.class)))
                .orElse(Labels.language(intake));
    }

    static Optional<String> remembered(String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String c : cookieHeader.split(";")) {
            String[] kv = c.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals(COOKIE)) {
                return Labels.bestOf(kv[1]);
            }
        }
        return Optional.empty();
    }

    /** The cookie that remembers an explicit choice for a year. */
    static String cookie(String language) {
        return COOKIE + "=" + language + "; Path=/; Max-Age=31536000; SameSite=Lax";
    }
}
