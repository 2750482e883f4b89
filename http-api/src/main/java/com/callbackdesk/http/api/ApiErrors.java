package com.callbackdesk.http.api;

import com.callbackdesk.account.LoginThrottledException;
import com.callbackdesk.callback.IllegalTransitionException;
import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.policy.StalePolicyException;
import com.callbackdesk.queue.ClaimRefusedException;
import com.callbackdesk.queue.OutcomeRefusedException;
import com.callbackdesk.screenshot.ResendTooSoonException;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The one table from the desk's exceptions to docs/API.md's error answers (status, error code,
 * field, rule), first match wins — so a subtype is listed before its supertype.
 */
final class ApiErrors {

    private record Entry<T extends Throwable>(Class<T> type, Function<T, ApiException> answer) {
        ApiException apply(Throwable e) {
            return answer.apply(type.cast(e));
        }
    }

    private static final List<Entry<?>> TABLE = new ArrayList<>();

    static {
        on(ApiException.class, a -> a);
        on(OutcomeRefusedException.class, o -> o.rule() == OutcomeRefusedException.Rule.CLAIM_HOLDER
                ? new ApiException(409, "conflict", null, o.getMessage(), o.rule().name())
                : new ApiException(422, "rule_refused", null, o.getMessage(), o.rule().name()));
        on(ClaimRefusedException.class, e -> ApiException.conflict(e.getMessage()));
        on(StaleStateException.class, e -> ApiException.conflict(e.getMessage()));
        on(IllegalTransitionException.class, e -> ApiException.conflict(e.getMessage()));
        on(StalePolicyException.class, e -> ApiException.conflict(e.getMessage()));
        on(PolicyValidationException.class, p -> {
            var errors = PolicyHandlers.errors(p);
            return new ApiException(400, "bad_request", "policy." + errors.get(0).field(), p.getMessage(), null)
                    .withErrors(errors);
        });
        on(LoginThrottledException.class, t -> ApiException.tooManyRequests(t.getMessage(), t.retryAfterSeconds()));
        on(ResendTooSoonException.class, t -> ApiException.tooManyRequests(t.getMessage(), t.retryAfterSeconds()));
        on(NoSuchElementException.class, e -> ApiException.notFound(e.getMessage()));
        on(IllegalArgumentException.class, e -> {
            String m = e.getMessage() == null ? "invalid input" : e.getMessage();
            return new ApiException(400, "bad_request", e instanceof InvalidFieldException f ? f.field() : null, m, null);
        });
        on(IllegalStateException.class, e -> ApiException.conflict(e.getMessage()));
    }

    private static <T extends Throwable> void on(Class<T> type, Function<T, ApiException> answer) {
        TABLE.add(new Entry<>(type, answer));
    }

    private ApiErrors() {
    }

    /** The answer for {@code e}; a route we called (the dialer) that refused gives its reason, not a 500. */
    static ApiException answer(Throwable e) {
        if (e instanceof org.apache.camel.CamelExecutionException && e.getCause() != null) {
            return answer(e.getCause());
        }
        for (Entry<?> entry : TABLE) {
            if (entry.type().isInstance(e)) {
                return entry.apply(e);
            }
        }
        return new ApiException(500, "internal", null, "internal error: " + e.getClass().getSimpleName()
                + " (see the server log)", null);
    }
}
