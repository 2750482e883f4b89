package com.callbackdesk.ivr.survey;

import java.time.Clock;
import java.util.Objects;

/**
 * How the survey asks.
 *
 * @param scoreTimeoutMs  how long GET DATA waits for the score key after the prompt
 * @param reasonTimeoutMs how long it waits for the reason key
 * @param maxTries        how often a question is asked before its fallback (no score / no reason)
 * @param defaultLanguage catalogue language when the channel's language is not in the catalogue
 * @param clock           stamps {@link SurveyAnswer#answeredAt()}
 */
public record SurveySettings(long scoreTimeoutMs, long reasonTimeoutMs, int maxTries, String defaultLanguage,
                             Clock clock) {

    public SurveySettings {
        if (scoreTimeoutMs < 1 || reasonTimeoutMs < 1 || maxTries < 1) {
            throw new IllegalArgumentException("timeouts and tries must be positive");
        }
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        Objects.requireNonNull(clock, "clock");
    }

    /** 5 s per question, 3 tries, English, the system clock. */
    public static SurveySettings defaults() {
        return new SurveySettings(5_000, 5_000, 3, "en", Clock.systemUTC());
    }

    public SurveySettings withTimeouts(long scoreMs, long reasonMs) {
        return new SurveySettings(scoreMs, reasonMs, maxTries, defaultLanguage, clock);
    }

    public SurveySettings withMaxTries(int tries) {
        return new SurveySettings(scoreTimeoutMs, reasonTimeoutMs, tries, defaultLanguage, clock);
    }

    public SurveySettings withDefaultLanguage(String language) {
        return new SurveySettings(scoreTimeoutMs, reasonTimeoutMs, maxTries, language, clock);
    }

    public SurveySettings withClock(Clock newClock) {
        return new SurveySettings(scoreTimeoutMs, reasonTimeoutMs, maxTries, defaultLanguage, newClock);
    }
}
