package com.callbackdesk.routes.intake;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.ivr.intake.PendingCallback;
import com.callbackdesk.scheduling.AttemptPlanning;
import org.apache.logging.log4j.CloseableThreadContext;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A caller phoning again while their callback waits (MISSION stories 2 and 9): find it, and
 * cancel it when they say it is solved. Only callbacks no consultant has taken yet are offered;
 * one being dialled is left alone (the caller will be on the phone with a consultant shortly).
 */
public final class PendingCallbacks {

    private static final Set<CallbackState> WAITING = Set.of(CallbackState.PENDING, CallbackState.SCHEDULED,
            CallbackState.QUEUED);

    /** What the IVR sends to {@link IntakeRoute#CANCEL}. */
    public record CancelRequest(long callbackId, String callUniqueId) {
    }

    private final CallbackStore store;
    private final AttemptPlanning planning;

    public PendingCallbacks(CallbackStore store, AttemptPlanning planning) {
        this.store = store;
        this.planning = planning;
    }

    public Optional<PendingCallback> find(String e164) {
        return store.findOpenByNumber(e164).filter(c -> WAITING.contains(c.state())).map(c -> {
            Instant at = c.plannedAt() != null ? c.plannedAt() : planning.clock().instant();
            return new PendingCallback(c.id(), at.atZone(planning.calendar().zone()));
        });
    }

    public boolean cancel(CancelRequest request) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(request.callbackId()))
                .put("call", String.valueOf(request.callUniqueId()))) {
            Optional<Callback> c = store.find(request.callbackId());
            return c.isPresent() && planning.cancel(request.callbackId(), Actor.caller(c.get().callbackNumber()),
                    "caller phoned again and said it is solved (call " + request.callUniqueId() + ")");
        }
    }
}
