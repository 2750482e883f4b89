package com.callbackdesk.routes.survey;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * The survey IVR's result in (MISSION story 8), stored against the callback and the consultant
 * who talked to the caller; scores feed the consultants' KPIs (story 12). Request-reply: the
 * survey script learns of a storage failure and logs it with the callback id and the call.
 */
public final class SurveyRoute extends RouteBuilder {

    /** Body: {@link com.callbackdesk.ivr.survey.SurveyAnswer}; reply: the stored {@link com.callbackdesk.survey.SurveyResult}. */
    public static final String SURVEY_RESULT = "direct:survey-result";

    private final SurveyRecorder recorder;

    public SurveyRoute(SurveyRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void configure() {
        from(SURVEY_RESULT).routeId("survey-result")
                .log(LoggingLevel.DEBUG, "Survey result: ${body}")
                .bean(recorder, "record");
    }
}
