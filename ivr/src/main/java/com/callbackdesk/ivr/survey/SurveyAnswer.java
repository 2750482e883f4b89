package com.callbackdesk.ivr.survey;

import java.time.Instant;
import java.util.Objects;

/**
 * What one survey call produced.
 *
 * @param callbackId   the callback the conversation was about (CALLBACK_ID, inherited by the customer's channel)
 * @param consultant   who talked to the caller (CONSULTANT), or null when the channel did not say
 * @param outcome      scored, no score, or hung up before scoring
 * @param score        1–5 when {@link Outcome#SCORED}, else null
 * @param reason       the optional reason from the reason menu (SCORED only), or null
 * @param callUniqueId Asterisk uniqueid of the survey leg (the customer's channel)
 * @param answeredAt   when the survey ended
 */
public record SurveyAnswer(long callbackId, String consultant, Outcome outcome, Integer score, SurveyReason reason,
                           String callUniqueId, Instant answeredAt) {

    /** How the survey call went. */
    public enum Outcome {
        /** The caller keyed a score 1–5 (and maybe a reason). */
        SCORED,
        /** The caller stayed on the line but keyed no valid score within the tries. */
        NO_SCORE,
        /** The caller hung up before keying a score. */
        HUNG_UP_BEFORE_SCORING
    }

    public SurveyAnswer {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(answeredAt, "answeredAt");
        if (outcome == Outcome.SCORED) {
            if (score == null || score < 1 || score > 5) {
                throw new IllegalArgumentException("a scored survey has a score 1-5, was " + score);
            }
        } else if (score != null || reason != null) {
            throw new IllegalArgumentException("only a scored survey has a score or reason (" + outcome + ")");
        }
        if (consultant != null && consultant.isBlank()) {
            consultant = null;
        }
    }
}
