package com.callbackdesk.ivr.survey;

import com.callbackdesk.ivr.dialog.DigitsPrompt;
import com.callbackdesk.ivr.dialog.Menu;

import java.util.List;

/** The prompt keys the survey plays; the catalogue must have each in every language. */
public final class SurveyPrompts {

    /** "Please rate your call with our consultant: press 1 (poor) to 5 (excellent)." */
    public static final String SCORE = "survey.score";
    /** "Please press a key from 1 to 5." */
    public static final String SCORE_INVALID = "survey.score-invalid";
    /** "What could we do better? 1 waited too long, 2 problem not solved, 3 the consultant, 4 other; # to skip." */
    public static final String REASON = "survey.reason";
    /** "Thank you for your feedback. Goodbye." */
    public static final String THANKS = "survey.thanks";

    public static final List<String> ALL = List.of(SCORE, SCORE_INVALID, REASON, THANKS,
            DigitsPrompt.NO_INPUT_PROMPT, Menu.INVALID_CHOICE_PROMPT);

    private SurveyPrompts() {
    }
}
