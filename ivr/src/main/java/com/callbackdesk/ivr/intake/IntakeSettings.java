package com.callbackdesk.ivr.intake;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the intake IVR behaves; everything a contact centre would tune without a code change.
 *
 * @param defaultRegion       region for numbers keyed without country code (ISO 3166, "TW")
 * @param defaultLanguage     catalogue language used when the channel's language is not in the
 *                            catalogue and the caller makes no choice
 * @param offerLanguageChoice play the language menu; when false the channel's language
 *                            ({@code agi_language}, or the AGI parameter {@code lang}) or the default is used
 * @param maxTries            how often a question is asked before its fallback (default value or operator)
 * @param timeouts            per-prompt timeouts
 * @param operator            where callers go when a question has no sensible default, or the desk fails
 * @param officeZone          the office's time zone: "until 17:30 today" is office time
 * @param clock               now; injected so tests and simulations control "today"
 */
public record IntakeSettings(
        String defaultRegion,
        String defaultLanguage,
        boolean offerLanguageChoice,
        int maxTries,
        PromptTimeouts timeouts,
        DialplanTarget operator,
        ZoneId officeZone,
        Clock clock) {

    /** The operator extension of asterisk-config's extensions.conf. */
    public static final DialplanTarget DEFAULT_OPERATOR = new DialplanTarget("operator", "s", 1);

    public IntakeSettings {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(officeZone, "officeZone");
        Objects.requireNonNull(clock, "clock");
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1, was " + maxTries);
        }
    }

    /** Taiwan office: region TW, English default, language menu on, 3 tries, Asia/Taipei, system clock. */
    public static IntakeSettings defaults() {
        return new IntakeSettings("TW", "en", true, 3, PromptTimeouts.defaults(), DEFAULT_OPERATOR,
                ZoneId.of("Asia/Taipei"), Clock.systemUTC());
    }

    public IntakeSettings withDefaultRegion(String region) {
        return new IntakeSettings(region, defaultLanguage, offerLanguageChoice, maxTries, timeouts, operator, officeZone, clock);
    }

    public IntakeSettings withDefaultLanguage(String language) {
        return new IntakeSettings(defaultRegion, language, offerLanguageChoice, maxTries, timeouts, operator, officeZone, clock);
    }

    public IntakeSettings withLanguageChoice(boolean offer) {
        return new IntakeSettings(defaultRegion, defaultLanguage, offer, maxTries, timeouts, operator, officeZone, clock);
    }

    public IntakeSettings withMaxTries(int tries) {
        return new IntakeSettings(defaultRegion, defaultLanguage, offerLanguageChoice, tries, timeouts, operator, officeZone, clock);
    }

    public IntakeSettings withTimeouts(PromptTimeouts newTimeouts) {
        return new IntakeSettings(defaultRegion, defaultLanguage, offerLanguageChoice, maxTries, newTimeouts, operator, officeZone, clock);
    }

    public IntakeSettings withOperator(DialplanTarget target) {
        return new IntakeSettings(defaultRegion, defaultLanguage, offerLanguageChoice, maxTries, timeouts, target, officeZone, clock);
    }

    public IntakeSettings withOfficeZone(ZoneId zone) {
        return new IntakeSettings(defaultRegion, defaultLanguage, offerLanguageChoice, maxTries, timeouts, operator, zone, clock);
    }

    public IntakeSettings withClock(Clock newClock) {
        return new IntakeSettings(defaultRegion, defaultLanguage, offerLanguageChoice, maxTries, timeouts, operator, officeZone, newClock);
    }
}
