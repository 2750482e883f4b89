package com.callbackdesk.http.api;

import com.callbackdesk.desk.outcome.NextAttempt;
import com.callbackdesk.desk.outcome.RecordedOutcome;
import com.callbackdesk.callback.Callback;
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

import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callbackId", result.callbackId());
        body.put("accepted", result.accepted());
        body.put("actionId", result.actionId());
        body.put("reason", result.reason());
        return ApiResponse.ok(body);
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
        OutcomeCode code = call.enumValue("outcome", OutcomeCode.class, true);
        if (code == OutcomeCode.CONSULTANT_NO_ANSWER) {
            throw ApiException.badRequest("outcome", "CONSULTANT_NO_ANSWER is reported by the dialer, not recorded"
                    + " by hand");
        }
        String at = call.text("callBackAt", false);
        EscalationLevel to = call.enumValue("escalateTo", EscalationLevel.class, false);
        String note = call.text("note", false);
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
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> next = recorded.next().map(CallHandlers::nextView).orElse(null);
        Callback after = recorded.callback();
        body.put("callback", Views.callback(after));
        body.put("next", next);
        return ApiResponse.ok(body);
    }

    private static Map<String, Object> nextView(NextAttempt planned) {
        Map<String, Object> next = new LinkedHashMap<>();
        if (planned instanceof NextAttempt.Planned p) {
            next.put("planned", true);
            next.put("attemptNo", p.attempt().attemptNo());
            next.put("earliest", p.attempt().earliest().toString());
            next.put("latest", p.attempt().latest().toString());
            next.put("nextBusinessDay", p.attempt().nextBusinessDay());
        } else if (planned instanceof NextAttempt.GaveUp g) {
            next.put("planned", false);
            next.put("gaveUp", g.giveUp().reason().name());
            next.put("reason", g.giveUp().detail());
        } else if (planned instanceof NextAttempt.NotPlanned n) {
            next.put("planned", false);
            next.put("reason", n.reason());
        }
        return next;
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
