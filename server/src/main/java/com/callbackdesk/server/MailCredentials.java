package com.callbackdesk.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * camel-mail takes the SMTP login as the endpoint's {@code username} and {@code password} options;
 * a credential from the environment replaces the one the file's URI may hold.
 */
final class MailCredentials {

    private MailCredentials() {
    }

    /** The URI with {@code option=value} (URL-encoded), replacing an existing one; unchanged when value is unset. */
    static String withOption(String uri, String option, String value) {
        if (value == null || value.isEmpty() || uri == null || !uri.contains(":") || uri.equals("outbox")) {
            return uri;
        }
        String encoded = "RAW(" + value + ")";
        if (value.contains(")")) {
            encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
        Pattern existing = Pattern.compile("([?&])" + Pattern.quote(option) + "=[^&]*");
        if (existing.matcher(uri).find()) {
            return existing.matcher(uri).replaceFirst("$1" + option + "=" + java.util.regex.Matcher.quoteReplacement(encoded));
        }
        return uri + (uri.contains("?") ? "&" : "?") + option + "=" + encoded;
    }
}
