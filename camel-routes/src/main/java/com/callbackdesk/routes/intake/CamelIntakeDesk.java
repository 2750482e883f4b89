package com.callbackdesk.routes.intake;

import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.ivr.intake.IntakeDesk;
import org.apache.camel.ProducerTemplate;

/**
 * The IVR's port, implemented as a request-reply call into {@code direct:intake}. The IVR thread
 * blocks here while the route validates, merges and commits, so the caller hears the
 * acknowledgement only once the request is durable.
 */
public final class CamelIntakeDesk implements IntakeDesk {

    private final ProducerTemplate producer;

    public CamelIntakeDesk(ProducerTemplate producer) {
        this.producer = producer;
    }

    @Override
    public IntakeDecision submit(CapturedIntake intake) {
        return producer.requestBody(IntakeRoute.INTAKE, intake, IntakeDecision.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public java.util.Optional<com.callbackdesk.ivr.intake.PendingCallback> pendingFor(String e164) {
        return producer.requestBody(IntakeRoute.PENDING, e164, java.util.Optional.class);
    }

    @Override
    public boolean cancelByCaller(long callbackId, String callUniqueId) {
        return Boolean.TRUE.equals(producer.requestBody(IntakeRoute.CANCEL,
                new IntakeTranslation.CancelRequest(callbackId, callUniqueId), Boolean.class));
    }

    @Override
    public IntakeDecision callMeAt(long callbackId, java.time.LocalTime time, String callUniqueId) {
        return producer.requestBody(IntakeRoute.CALL_ME_AT, new IntakeTranslation.CallMeAtRequest(callbackId, time, callUniqueId),
                IntakeDecision.class);
    }
}
