package com.callbackdesk.callback;

import com.callbackdesk.planning.Urgency;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The intake command: everything the IVR captured from one call, handed to
 * {@link IntakeCommits#record}.
 *
 * @param callUniqueId     Asterisk's uniqueid of the intake call
 * @param channel          Asterisk channel name, for the audit trail; may be null
 * @param callerId         presented caller ID in E.164, or null when withheld/unknown
 * @param callbackNumber   the confirmed number to call back, E.164
 * @param numberSource     caller ID confirmed, or another number entered
 * @param language         the language the caller used ("en", "zh-TW"); may be null
 * @param product          product code
 * @param category         problem category code
 * @param urgency          normal or urgent
 * @param reachableUntil   until when the caller can be reached today (office local time); null = until the office closes
 * @param screenshotChoice how to send the screenshot link
 * @param capturedAt       when intake finished
 */
public record NewCallback(
        String callUniqueId,
        String channel,
        String callerId,
        String callbackNumber,
        NumberSource numberSource,
        String language,
        String product,
        String category,
        Urgency urgency,
        LocalTime reachableUntil,
        ScreenshotChoice screenshotChoice,
        Instant capturedAt) {

    public NewCallback {
        Objects.requireNonNull(callUniqueId, "callUniqueId");
        if (callUniqueId.isBlank() || callUniqueId.length() > 64) {
            throw new IllegalArgumentException("callUniqueId must be 1..64 characters: '" + callUniqueId + "'");
        }
        E164.requireOrNull(callerId, "callerId");
        E164.require(callbackNumber, "callbackNumber");
        Objects.requireNonNull(numberSource, "numberSource");
        requireCode(product, "product", 64);
        requireCode(category, "category", 64);
        if (language != null && (language.isBlank() || language.length() > 16)) {
            throw new IllegalArgumentException("language must be 1..16 characters: '" + language + "'");
        }
        if (channel != null && channel.length() > 128) {
            throw new IllegalArgumentException("channel longer than 128 characters");
        }
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(screenshotChoice, "screenshotChoice");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }

    private static void requireCode(String value, String what, int max) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " characters: '" + value + "'");
        }
    }

    public boolean untilOfficeCloses() {
        return reachableUntil == null;
    }
}
