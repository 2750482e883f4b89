package com.callbackdesk.routes.attempt;

import com.callbackdesk.scheduling.AttemptFiring;
import com.callbackdesk.scheduling.FiredAttempt;
import org.apache.camel.ProducerTemplate;

/**
 * The scheduler's hand-off into Camel: a fired attempt goes to {@link AttemptFiredRoute}. A
 * failure propagates, so the scheduler retries the hand-off later instead of dropping it.
 */
public final class CamelAttemptFiring implements AttemptFiring {

    private final ProducerTemplate producer;

    public CamelAttemptFiring(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public void fired(FiredAttempt attempt) {
        producer.requestBody(AttemptFiredRoute.ATTEMPT_FIRED, attempt);
    }
}
