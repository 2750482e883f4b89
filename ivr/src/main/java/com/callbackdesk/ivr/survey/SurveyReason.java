package com.callbackdesk.ivr.survey;

/** The optional reason a caller gives after the score; {@link #code()} is what is stored. */
public enum SurveyReason {
    WAITED_TOO_LONG("waited-too-long"),
    PROBLEM_NOT_SOLVED("not-solved"),
    CONSULTANT("consultant"),
    OTHER("other");

    private final String code;

    SurveyReason(String code) {
        this.code = code;
    }

    /** Stable code stored with the result (survey_result.reason_code). */
    public String code() {
        return code;
    }
}
