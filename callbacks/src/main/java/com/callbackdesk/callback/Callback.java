package com.callbackdesk.callback;

import com.callbackdesk.planning.retry.CallerTimeZones;
import com.callbackdesk.planning.retry.PlanRequest;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.queue.QueueItem;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A callback request as stored: a value. {@link CallbackStore} loads and saves it; nothing
 * else changes it (state only through {@link CallbackLifecycle#transition}).
 *
 * @param id               store-assigned id
 * @param state            lifecycle state
 * @param callerId         presented caller ID (E.164) or null
 * @param callbackNumber   number to call back (E.164)
 * @param numberSource     caller ID confirmed or number entered
 * @param language         language the caller used, or null
 * @param product          product code
 * @param category         problem category code
 * @param urgency          normal or urgent (a merged urgent request upgrades it)
 * @param reachableUntil   caller's stated end of day (office local time), null = until the office closes
 * @param screenshotChoice how to send the screenshot link
 * @param escalationLevel  normal, repeat/dissatisfied or reputational risk (supervisors only); orders the queue
 * @param callUniqueId     Asterisk uniqueid of the intake call that created it
 * @param createdAt        when it was committed
 * @param updatedAt        last change of any kind
 * @param mergeCount       how many later requests were merged into it
 * @param notBefore        earliest time to call (caller-chosen), or null
 * @param plannedAt        the planned attempt time, filled by the planner, or null
 * @param policyVersion    the retry policy version that planned it, or null
 */
public record Callback(
        long id,
        CallbackState state,
        String callerId,
        String callbackNumber,
        NumberSource numberSource,
        String language,
        String product,
        String category,
        Urgency urgency,
        LocalTime reachableUntil,
        ScreenshotChoice screenshotChoice,
        EscalationLevel escalationLevel,
        String callUniqueId,
        Instant createdAt,
        Instant updatedAt,
        int mergeCount,
        Instant notBefore,
        Instant plannedAt,
        Integer policyVersion) {

    public Callback {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(callbackNumber, "callbackNumber");
        Objects.requireNonNull(numberSource, "numberSource");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(screenshotChoice, "screenshotChoice");
        Objects.requireNonNull(escalationLevel, "escalationLevel");
        Objects.requireNonNull(callUniqueId, "callUniqueId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean isOpen() {
        return state.isOpen();
    }

    public boolean untilOfficeCloses() {
        return reachableUntil == null;
    }

    /**
     * The request as the planner sees it. The caller's zone comes from their number when it maps
     * to one zone ({@link CallerTimeZones}); otherwise their reachable-until is taken on the
     * office's clock.
     */
    public PlanRequest planRequest() {
        return new PlanRequest(id, urgency, createdAt, reachableUntil,
                CallerTimeZones.of(callbackNumber).orElse(null), notBefore);
    }

    /** The callback as the queue's rules see it (order, eligibility, the pre-dial check). */
    public QueueItem queueItem() {
        return new QueueItem(id, state, product, escalationLevel, urgency, reachableUntil, createdAt, notBefore);
    }
}
