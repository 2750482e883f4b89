package com.callbackdesk.routes.intake;

import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.desk.intake.Intakes;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Intake: the IVR's captured details in, the decision the IVR speaks out.
 * Validate, then hand to the desk ({@link Intakes}: commit, create or merge, plan), then answer. What the desk refuses is answered
 * as a {@link IntakeDecision.Rejected} the caller can hear; a technical failure (database down)
 * propagates, so the IVR apologises and routes to the operator instead of promising a callback.
 */
public final class IntakeRoute extends RouteBuilder {

    public static final String INTAKE = "direct:intake";
    /** The caller picks a time instead of the next-morning slot (request-reply, like intake). */
    public static final String CALL_ME_AT = "direct:intake-call-me-at";
    /** The caller's number already has a waiting callback? (request-reply, Optional of PendingCallback) */
    public static final String PENDING = "direct:intake-pending";
    /** The recognised caller says it is solved: cancel (request-reply, Boolean). */
    public static final String CANCEL = "direct:intake-cancel";
    /**
     * Every committed intake (body: the Accepted/Merged {@link IntakeDecision}) is announced here for
     * the steps that follow (e.g. the screenshot link); several routes may consume it, each gets every one.
     */
    public static final String COMMITTED = "seda:intake-committed?multipleConsumers=true";

    private final IntakeValidator validator;
    private final IntakeTranslation desk;

    /** @param intakes the desk's intake use cases (built once, by the Desk) */
    public IntakeRoute(IntakeValidator validator, Intakes intakes) {
        this.validator = validator;
        this.desk = new IntakeTranslation(intakes);
    }

    @Override
    public void configure() {
        from(INTAKE).routeId("intake")
                .doTry()
                    .process(exchange -> validator.validate(exchange.getMessage().getBody(CapturedIntake.class)))
                .doCatch(InvalidIntakeException.class)
                    .process(IntakeRoute::reject)
                    .log(LoggingLevel.WARN, "Intake refused for call ${body.detail}")
                    .stop()
                .end()
                .bean(desk, "record")
                .wireTap(COMMITTED);

        from(CALL_ME_AT).routeId("intake-call-me-at")
                .bean(desk, "callMeAt");

        from(PENDING).routeId("intake-pending")
                .bean(desk, "pendingFor");

        from(CANCEL).routeId("intake-cancel")
                .bean(desk, "cancel");

        // Later steps (scheduling the first attempt, sending the screenshot link) subscribe here;
        // the wire tap keeps them off the caller's path.
        from(COMMITTED).routeId("intake-committed")
                .log(LoggingLevel.DEBUG, "Committed: ${body}");
    }

    private static void reject(Exchange exchange) {
        InvalidIntakeException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidIntakeException.class);
        CapturedIntake intake = exchange.getMessage().getBody(CapturedIntake.class);
        String call = intake == null ? "?" : intake.callUniqueId();
        exchange.getMessage().setBody(new IntakeDecision.Rejected(e.spokenReason(), call + ": " + e.getMessage()));
    }
}
