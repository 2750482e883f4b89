package com.callbackdesk.survey;

import java.time.Instant;

/**
 * One survey outcome, stored against the callback and the consultant who talked to the caller.
 *
 * @param score      1–5 when COMPLETED, else null
 * @param reasonCode the optional reason chosen in the survey menu, or null
 * @param callId     Asterisk uniqueid of the survey leg, or null
 */
public record SurveyResult(long id, long callbackId, String consultant, SurveyState state, Integer score,
                           String reasonCode, String callId, Instant recordedAt) {
}
