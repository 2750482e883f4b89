package com.callbackdesk.routes.survey;

import com.callbackdesk.ivr.survey.SurveyAnswer;
import com.callbackdesk.ivr.survey.SurveyDesk;
import org.apache.camel.ProducerTemplate;

/**
 * The survey IVR's port, implemented as a request-reply call into {@code direct:survey-result}.
 * A storage failure propagates to the script, which logs it (the caller is thanked either way).
 */
public final class CamelSurveyDesk implements SurveyDesk {

    private final ProducerTemplate producer;

    public CamelSurveyDesk(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void record(SurveyAnswer answer) {
        producer.requestBody(SurveyRoute.SURVEY_RESULT, answer);
    }

    @Override
    @SuppressWarnings("unchecked")
    public java.util.Optional<String> languageOf(long callbackId) {
        return producer.requestBody(SurveyRoute.SURVEY_LANGUAGE, callbackId, java.util.Optional.class);
    }
}
