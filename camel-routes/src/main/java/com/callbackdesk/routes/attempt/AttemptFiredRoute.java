package com.callbackdesk.routes.attempt;

import com.callbackdesk.desk.attempt.AttemptQueuing;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * A planned attempt's time came (Quartz fired it): the callback joins the consultant queue.
 * The dialing route takes it from the queue; the pre-dial check happens there, just
 * before dialing.
 */
public final class AttemptFiredRoute extends RouteBuilder {

    public static final String ATTEMPT_FIRED = "direct:attempt-fired";

    private final AttemptQueuing queuing;

    public AttemptFiredRoute(AttemptQueuing queuing) {
        this.queuing = queuing;
    }

    @Override
    public void configure() {
        from(ATTEMPT_FIRED).routeId("attempt-fired")
                .log(LoggingLevel.DEBUG, "Attempt due: ${body}")
                .bean(queuing, "queue");
    }
}
