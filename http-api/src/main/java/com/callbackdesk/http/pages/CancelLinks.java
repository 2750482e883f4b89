package com.callbackdesk.http.pages;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.scheduling.AttemptPlanning;
import org.apache.logging.log4j.CloseableThreadContext;

import java.util.Objects;
import java.util.Set;

/**
 * The caller's cancel link {@code /c/<token>}: {@code GET} asks to confirm, {@code POST} cancels
 * through the same audited transition as the IVR's self-cancel ({@link AttemptPlanning#cancel}),
 * which also unschedules the attempt. Once a consultant has the callback it is too late.
 */
final class CancelLinks {

    private static final Set<CallbackState> CANCELLABLE = Set.of(CallbackState.PENDING, CallbackState.SCHEDULED,
            CallbackState.QUEUED);

    private final AttemptPlanning planning;
    private final CallerPages pages;

    CancelLinks(AttemptPlanning planning, CallerPages pages) {
        this.planning = Objects.requireNonNull(planning, "planning");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    PageResponse page(LinkTarget t) {
        return CANCELLABLE.contains(t.callback().state()) ? pages.cancelConfirm(t) : pages.beingHandled(t);
    }

    PageResponse cancel(LinkTarget t) {
        Callback cb = t.callback();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(cb.id()))) {
            boolean cancelled = CANCELLABLE.contains(cb.state()) && planning.cancel(cb.id(),
                    Actor.caller(cb.callbackNumber()), "caller cancelled with the link sent by "
                            + t.request().channel());
            return cancelled ? pages.cancelled(t) : pages.beingHandled(t);
        }
    }
}
