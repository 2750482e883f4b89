package com.callbackdesk.ivr.survey;

import com.callbackdesk.ivr.dialog.StepId;

/** Where in the survey a caller is. */
public enum SurveyStep implements StepId {
    /** "Please rate the call from 1 to 5." */
    SCORE,
    /** "Why? 1 waited too long, 2 problem not solved, 3 the consultant, 4 other; # to skip." */
    REASON,
    /** Thanks and goodbye. */
    THANKS
}
