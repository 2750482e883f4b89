package com.callbackdesk.routes.screenshot;

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
        require(publicBaseUrl, "screenshot.publicBaseUrl");
        if (!publicBaseUrl.startsWith("http://") && !publicBaseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("screenshot.publicBaseUrl must start with http:// or https://, was "
                    + publicBaseUrl);
        }
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        require(mailUri, "screenshot.mailUri");
        require(mailFrom, "screenshot.mailFrom");
        require(smsGatewayUri, "screenshot.smsGatewayUri");
        if (storeDir == null) {
            throw new IllegalArgumentException("screenshot.storeDir is required");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("screenshot.maxUploadBytes must be at least 1, was " + maxUploadBytes);
        }
        if (maxRedeliveries < 0) {
            throw new IllegalArgumentException("screenshot.maxRedeliveries must be 0 or more, was " + maxRedeliveries);
        }
        if (redeliveryDelay == null || redeliveryDelay.isNegative()) {
            throw new IllegalArgumentException("screenshot.redeliveryDelay must be a duration of 0 or more, was "
                    + redeliveryDelay);
        }
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    public String uploadLink(String token) {
        return publicBaseUrl + "/s/" + token;
    }

    public String cancelLink(String token) {
        return publicBaseUrl + "/c/" + token;
    }
}
