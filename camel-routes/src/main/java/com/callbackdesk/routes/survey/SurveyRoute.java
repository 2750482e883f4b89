package com.callbackdesk.routes.survey;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import java.util.Optional;

/**
 * The survey IVR's result in (MISSION story 8), stored against the callback and the consultant
 * who talked to the caller; scores feed the consultants' KPIs (story 12). Request-reply: the
 * survey script learns of a storage failure and logs it with the callback id and the call.
 */
public final class SurveyRoute extends RouteBuilder {

    /** Body: {@link com.callbackdesk.ivr.survey.SurveyAnswer}; reply: the stored {@link com.callbackdesk.survey.SurveyResult}. */
    public static final String SURVEY_RESULT = "direct:survey-result";

    /** Body: the callback id (Long); reply: Optional of the language the caller chose at intake. */
    public static final String SURVEY_LANGUAGE = "direct:survey-language";

    private final SurveyRecorder recorder;
    private final CallbackStore store;

    public SurveyRoute(SurveyRecorder recorder, CallbackStore store) {
        this.recorder = recorder;
        this.store = store;
    }

    @Override
    public void configure() {
        from(SURVEY_RESULT).routeId("survey-result")
                .log(LoggingLevel.DEBUG, "Survey result: ${body}")
                .bean(recorder, "record");

        from(SURVEY_LANGUAGE).routeId("survey-language")
                .process(exchange -> {
                    Long id = exchange.getMessage().getBody(Long.class);
                    Optional<String> language = id == null ? Optional.empty() : store.find(id).map(Callback::language);
                    exchange.getMessage().setBody(language);
                });
    }
}
