package com.callbackdesk.routes.screenshot;

import com.callbackdesk.planning.config.ConfigProblems;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The screenshot step's configuration (app config section {@code screenshot}).
 *
 * @param publicBaseUrl    how a caller's browser reaches the app's HTTP listener, e.g.
 *                         {@code https://desk.example.com} — links are {@code <base>/s/<token>} and {@code <base>/c/<token>}
 * @param mailUri          the Camel endpoint e-mails leave through, e.g. {@code smtp://mail.example.com:587?username=..&password=..}
 * @param mailFrom         the From address of those e-mails
 * @param smsGatewayUri    the Camel endpoint the SMS gateway is POSTed to, e.g. {@code https://sms.example.com/send}
 *                         (camel-http; the older {@code undertow:https://…} form is still accepted)
 *                         (form fields {@code to}, {@code text}, {@code reference})
 * @param storeDir         where uploaded images are stored ({@code <callbackId>/<file>} below it)
 * @param maxUploadBytes   larger uploads are refused with 413
 * @param maxRedeliveries  further tries after a failed send, before the request is FAILED
 * @param redeliveryDelay  delay before the first retry; doubled for each further one
 */
public record ScreenshotSettings(String publicBaseUrl, String mailUri, String mailFrom, String smsGatewayUri,
                                 Path storeDir, long maxUploadBytes, int maxRedeliveries, Duration redeliveryDelay) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

    public ScreenshotSettings {
        ConfigProblems problems = new ConfigProblems().at("screenshot");
        required(problems, publicBaseUrl, "publicBaseUrl");
        if (publicBaseUrl != null && !publicBaseUrl.isBlank()) {
            problems.check(publicBaseUrl.startsWith("http://") || publicBaseUrl.startsWith("https://"), "publicBaseUrl",
                    "must start with http:// or https://, was " + publicBaseUrl);
            publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                    : publicBaseUrl;
        }
        required(problems, mailUri, "mailUri");
        required(problems, mailFrom, "mailFrom");
        required(problems, smsGatewayUri, "smsGatewayUri");
        problems.check(storeDir != null, "storeDir", "required");
        problems.check(maxUploadBytes >= 1, "maxUploadBytes", "must be at least 1, was " + maxUploadBytes);
        problems.check(maxRedeliveries >= 0, "maxRedeliveries", "must be 0 or more, was " + maxRedeliveries);
        problems.check(redeliveryDelay != null && !redeliveryDelay.isNegative(), "redeliveryDelay",
                "must be a duration of 0 or more, was " + redeliveryDelay);
        problems.throwIfAny("invalid screenshot settings");
    }

    private static void required(ConfigProblems problems, String value, String key) {
        problems.check(value != null && !value.isBlank(), key, "required");
    }

    public String uploadLink(String token) {
        return publicBaseUrl + "/s/" + token;
    }

    public String cancelLink(String token) {
        return publicBaseUrl + "/c/" + token;
    }
}
