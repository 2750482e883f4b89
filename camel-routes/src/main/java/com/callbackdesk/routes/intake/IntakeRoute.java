package com.callbackdesk.routes.intake;

import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.IntakeDecision;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Intake: the IVR's captured details in, the decision the IVR speaks out.
 * Validate, then commit (creating or merging), then answer. What the desk refuses is answered
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
    private final IntakeRecorder recorder;
    private final CallerChosenTime chosenTime;
    private final PendingCallbacks pending;

    public IntakeRoute(IntakeValidator validator, IntakeRecorder recorder, CallerChosenTime chosenTime,
                       PendingCallbacks pending) {
        this.validator = validator;
        this.recorder = recorder;
        this.chosenTime = chosenTime;
        this.pending = pending;
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
                .bean(recorder, "record")
                .wireTap(COMMITTED);

        from(CALL_ME_AT).routeId("intake-call-me-at")
                .bean(chosenTime, "choose");

        from(PENDING).routeId("intake-pending")
                .bean(pending, "find");

        from(CANCEL).routeId("intake-cancel")
                .bean(pending, "cancel");

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
