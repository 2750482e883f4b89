package com.callbackdesk.routes.intake;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.IntakeResult;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.callback.Urgency;
import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.queue.RepeatCallerPolicy.RepeatFlag;
import com.callbackdesk.ivr.intake.IntakeDecision;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Optional;

/**
 * Commits a validated intake — a new callback, or a merge into the number's open one (story 9)
 * — and builds the decision the IVR speaks. The store commits before returning, so every
 * Accepted or Merged decision built here describes a durable request.
 */
public final class IntakeRecorder {

    private static final Logger LOG = LogManager.getLogger(IntakeRecorder.class);
    private static final Actor INTAKE_ROUTE = Actor.system("intake-route");

    private final CallbackStore store;
    private final RepeatCallerPolicy repeatCallers;
    private final CallbackEstimator estimator;

    public IntakeRecorder(CallbackStore store, RepeatCallerPolicy repeatCallers, CallbackEstimator estimator) {
        this.store = store;
        this.repeatCallers = repeatCallers;
        this.estimator = estimator;
    }

    public IntakeDecision record(CapturedIntake intake) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call", intake.callUniqueId())) {
            IntakeResult result = store.recordIntake(toNewCallback(intake), INTAKE_ROUTE);
            Callback callback = result.callback();
            ctx.put("callback", Long.toString(callback.id()));
            if (result instanceof IntakeResult.Created) {
                // Story 9: the same problem again within days of a resolved callback goes to a
                // supervisor's attention (escalation raised, audited by the policy).
                Optional<RepeatFlag> repeat = repeatCallers.check(callback);
                if (repeat.isPresent()) {
                    LOG.info("repeat of resolved callback {} within {} days: escalated",
                            repeat.get().repeatOf(), repeat.get().withinDays());
                    callback = store.find(callback.id()).orElse(callback);
                }
            }
            CallbackEstimate estimate = estimator.estimate(callback);
            if (result instanceof IntakeResult.Merged merged) {
                LOG.info("merged into open callback {} (merge #{}) for {}", callback.id(), callback.mergeCount(),
                        callback.callbackNumber());
                return new IntakeDecision.Merged(callback.id(), estimate.at(), estimate.nextBusinessMorning());
            }
            LOG.info("callback {} committed for {}: {} / {} {}, estimated {}", callback.id(), callback.callbackNumber(),
                    callback.product(), callback.category(), callback.urgency(), estimate.at());
            return new IntakeDecision.Accepted(callback.id(), estimate.at(), estimate.nextBusinessMorning());
        }
    }

    static NewCallback toNewCallback(CapturedIntake in) {
        return new NewCallback(
                in.callUniqueId(),
                in.channel(),
                in.callerId(),
                in.callbackNumber(),
                NumberSource.valueOf(in.numberSource().name()),
                in.language(),
                in.product(),
                in.category(),
                Urgency.valueOf(in.urgency().name()),
                in.reachableUntil(),
                ScreenshotChoice.valueOf(in.screenshotChoice().name()),
                in.capturedAt());
    }
}
