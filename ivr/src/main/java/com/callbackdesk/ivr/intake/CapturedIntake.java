package com.callbackdesk.ivr.intake;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Everything the intake IVR learned from one caller, handed to the {@link IntakeDesk}.
 * The IVR validates what it can on the phone (number format, menu choices); the desk
 * re-validates because it must not trust any caller of the port.
 *
 * @param callUniqueId      Asterisk's agi_uniqueid of the inbound call (ties logs together)
 * @param channel           Asterisk channel name, for the audit trail
 * @param callerId          the presented caller ID in E.164, or null when withheld/unknown/unparseable
 * @param callbackNumber    the confirmed number to call back, E.164
 * @param numberSource      whether the caller confirmed the caller ID or keyed another number
 * @param language          prompt language the caller used ("en", "zh-TW"); consultants call back in it
 * @param product           product code from the prompt catalogue's product menu
 * @param category          problem category code from the catalogue's category menu
 * @param urgency           normal or urgent
 * @param reachableUntil    until when the caller can be reached today, in the office's local time;
 *                          null when the caller chose "until the office closes"
 * @param screenshotChoice  how to send the screenshot upload link; NOT_NEEDED for categories that need no screen
 * @param capturedAt        when intake finished
 */
public record CapturedIntake(
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

    public CapturedIntake {
        Objects.requireNonNull(callUniqueId, "callUniqueId");
        Objects.requireNonNull(callbackNumber, "callbackNumber");
        Objects.requireNonNull(numberSource, "numberSource");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(screenshotChoice, "screenshotChoice");
        Objects.requireNonNull(capturedAt, "capturedAt");
    }

    public boolean untilOfficeCloses() {
        return reachableUntil == null;
    }

    public enum NumberSource { CALLER_ID, ENTERED }

    public enum Urgency { NORMAL, URGENT }

    public enum ScreenshotChoice { NOT_NEEDED, SMS, EMAIL, DECLINED }
}
