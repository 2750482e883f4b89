package com.callbackdesk.http.api;

import com.callbackdesk.desk.outcome.NextAttempt;
import com.callbackdesk.desk.outcome.RecordedOutcome;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.routes.dialer.DialRequest;
import com.callbackdesk.routes.dialer.DialResult;
import com.callbackdesk.scheduling.AttemptPlanning;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;


/**
 * A call on a claimed callback: {@code POST /api/callbacks/{id}/dial} through the dialer route and
 * {@code POST /api/callbacks/{id}/outcome}, recorded and re-planned by the desk.
 * Thin: each translates the request into one of the desk's audited operations and the answer
 * into docs/API.md's JSON.
 */
final class CallHandlers {

    private static final Logger LOG = LogManager.getLogger(CallHandlers.class);

    private final ApiServices desk;
    private final CamelContext camel;
    private volatile ProducerTemplate producer;

    CallHandlers(ApiServices desk, CamelContext camel) {
        this.desk = desk;
        this.camel = camel;
    }

    record DialAnswer(long callbackId, boolean accepted, String actionId, String reason) {
    }

    /** {@code POST /api/callbacks/{id}/outcome}'s body; the codes are text, read case-insensitively. */
    record OutcomeRequest(String outcome, String callBackAt, String escalateTo, String note) {
    }

    record OutcomeAnswer(Views.CallbackView callback, NextView next) {
    }

    /** What the desk planned after the outcome: one shape per kind of answer (docs/API.md). */
    sealed interface NextView permits PlannedView, GaveUpView, NotPlannedView {
    }

    record PlannedView(boolean planned, int attemptNo, String earliest, String latest, boolean nextBusinessDay)
            implements NextView {
    }

    record GaveUpView(boolean planned, String gaveUp, String reason) implements NextView {
    }

    record NotPlannedView(boolean planned, String reason) implements NextView {
    }

    ApiResponse dial(ApiCall call) {
        desk.consultantOf(call);
        long id = desk.callback(call.id()).id();
        if (!dialerRunning()) {
            throw new ApiException(503, "unavailable", null, "The dialer is not running in this process: dial "
                    + "from your phone and record what happened with POST /api/callbacks/" + id + "/outcome", null);
        }
        DialResult result;
        try {
            result = producer().requestBody(DialRequest.ENDPOINT, new DialRequest(id, call.consultant()), DialResult.class);
        } catch (RuntimeException e) {
            if (causedBy(e, DirectConsumerNotAvailableException.class)) {
                throw new ApiException(503, "unavailable", null, "The dialer is not running in this process", null);
            }
            throw e;
        }
        if (result == null) {
            throw new IllegalStateException("the dialer answered nothing for callback " + id);
        }
        LOG.info("Dial of callback {} by {}: accepted {}, ActionID {}, {}", id, call.consultant(), result.accepted(),
                result.actionId(), result.reason());
        return ApiResponse.ok(new DialAnswer(result.callbackId(), result.accepted(), result.actionId(),
                result.reason()));
    }

    private boolean dialerRunning() {
        return camel.getRoutes().stream().anyMatch(r -> {
            String uri = r.getEndpoint().getEndpointUri();
            return uri.equals("direct://dial") || uri.equals(DialRequest.ENDPOINT);
        });
    }

    ApiResponse outcome(ApiCall call) {
        desk.consultantOf(call);
        long id = call.id();
        OutcomeRequest request = call.bind(OutcomeRequest.class);
        OutcomeCode code = ApiCall.requiredEnum("outcome", OutcomeCode.class, request.outcome());
        if (code.dialerOnly()) {
            throw ApiException.badRequest("outcome", code + " is reported by the dialer, not recorded by hand");
        }
        String at = request.callBackAt();
        EscalationLevel to = ApiCall.optionalEnum("escalateTo", EscalationLevel.class, request.escalateTo());
        String note = request.note();
        if (note != null && (note.isBlank() || note.length() > 4000)) {
            throw ApiException.badRequest("note", "1-4000 characters when given");
        }
        Outcome outcome;
        if (code == OutcomeCode.CALL_BACK_AT) {
            if (at == null) {
                throw ApiException.badRequest("callBackAt", "required for CALL_BACK_AT (the time the caller chose)");
            }
            outcome = Outcome.callBackAt(ApiCall.instant("callBackAt", at));
        } else if (at != null) {
            throw ApiException.badRequest("callBackAt", "only with outcome CALL_BACK_AT");
        } else if (code == OutcomeCode.ESCALATE) {
            if (to == null) {
                throw ApiException.badRequest("escalateTo", "required for ESCALATE: REPEAT_OR_DISSATISFIED or"
                        + " REPUTATIONAL_RISK");
            }
            if (to == EscalationLevel.NORMAL) {
                throw ApiException.badRequest("escalateTo", "NORMAL is not an escalation");
            }
            outcome = Outcome.escalate(to);
        } else if (to != null) {
            throw ApiException.badRequest("escalateTo", "only with outcome ESCALATE");
        } else {
            outcome = Outcome.of(code);
        }
        desk.callback(id);
        // One use case: the outcome and, when it leaves the callback PENDING, the next attempt's plan.
        RecordedOutcome recorded = desk.outcomes().record(id, call.consultantActor(), outcome, note);
        NextView next = recorded.next().map(CallHandlers::nextView).orElse(null);
        return ApiResponse.ok(new OutcomeAnswer(Views.callback(recorded.callback()), next));
    }

    private static NextView nextView(NextAttempt planned) {
        if (planned instanceof NextAttempt.Planned p) {
            return new PlannedView(true, p.attempt().attemptNo(), p.attempt().earliest().toString(),
                    p.attempt().latest().toString(), p.attempt().nextBusinessDay());
        }
        if (planned instanceof NextAttempt.GaveUp g) {
            return new GaveUpView(false, g.giveUp().reason().name(), g.giveUp().detail());
        }
        return new NotPlannedView(false, ((NextAttempt.NotPlanned) planned).reason());
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }

    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
