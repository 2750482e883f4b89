package com.callbackdesk.survey;

/** What came of the survey transfer after a conversation. */
public enum SurveyState {
    /** The caller gave a score (1–5), maybe a reason. */
    COMPLETED,
    /** The caller reached the survey and hung up before scoring. */
    HUNG_UP_BEFORE_SCORING,
    /**
     * The caller reached the survey and stayed, but keyed no valid score within the tries
     * (silence, or only wrong keys). Not a defect of the flow: the transfer happened.
     */
    NO_SCORE,
    /** The caller never reached the survey (transfer failed, line dropped). Counted against the flow. */
    NOT_REACHED
}
