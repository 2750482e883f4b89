package com.callbackdesk.routes.survey;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.desk.survey.Surveys;
import com.callbackdesk.ivr.survey.SurveyAnswer;
import com.callbackdesk.survey.SurveyResult;
import com.callbackdesk.survey.SurveyState;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import java.util.Optional;

/**
 * The survey IVR's result in, stored against the callback and the consultant
 * who talked to the caller; scores feed the consultants' KPIs. Request-reply: the
 * survey script learns of a storage failure and logs it with the callback id and the call.
 */
public final class SurveyRoute extends RouteBuilder {

    /** Body: {@link com.callbackdesk.ivr.survey.SurveyAnswer}; reply: the stored {@link com.callbackdesk.survey.SurveyResult}. */
    public static final String SURVEY_RESULT = "direct:survey-result";

    /** Body: the callback id (Long); reply: Optional of the language the caller chose at intake. */
    public static final String SURVEY_LANGUAGE = "direct:survey-language";

    private final Surveys surveys;
    private final CallbackStore store;

    /** @param surveys the desk's "record a survey result" use case (built once, by the Desk) */
    public SurveyRoute(Surveys surveys, CallbackStore store) {
        this.surveys = surveys;
        this.store = store;
    }

    /** The IVR's answer in the desk's words. */
    private SurveyResult record(SurveyAnswer answer) {
        return surveys.record(answer.callbackId(), answer.consultant(), state(answer.outcome()), answer.score(),
                answer.reason() == null ? null : answer.reason().code(), answer.callUniqueId());
    }

    static SurveyState state(SurveyAnswer.Outcome outcome) {
        return switch (outcome) {
            case SCORED -> SurveyState.COMPLETED;
            case NO_SCORE -> SurveyState.NO_SCORE;
            case HUNG_UP_BEFORE_SCORING -> SurveyState.HUNG_UP_BEFORE_SCORING;
        };
    }

    @Override
    public void configure() {
        from(SURVEY_RESULT).routeId("survey-result")
                .log(LoggingLevel.DEBUG, "Survey result: ${body}")
                .process(exchange -> exchange.getMessage().setBody(record(
                        exchange.getMessage().getMandatoryBody(SurveyAnswer.class))));

        from(SURVEY_LANGUAGE).routeId("survey-language")
                .process(exchange -> {
                    Long id = exchange.getMessage().getBody(Long.class);
                    Optional<String> language = id == null ? Optional.empty() : store.find(id).map(Callback::language);
                    exchange.getMessage().setBody(language);
                });
    }
}
