package com.callbackdesk.routes.intake;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.IntakeResult;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.queue.RepeatCallerPolicy.RepeatFlag;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.scheduling.AttemptPlanning;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Commits a validated intake — a new callback, or a merge into the number's open one (story 9)
 * — plans its first attempt through the retry planner, and builds the decision the IVR speaks:
 * the planned time, and whether it had to move to the next business day. The store commits
 * before returning, so every Accepted or Merged decision built here describes a durable request;
 * if planning fails after the commit the callback stays PENDING (the start-up sweep plans it) and
 * the caller still hears that it is taken.
 */
public final class IntakeRecorder {

    private static final Logger LOG = LogManager.getLogger(IntakeRecorder.class);
    private static final Actor INTAKE_ROUTE = Actor.system("intake-route");

    private final CallbackStore store;
    private final RepeatCallerPolicy repeatCallers;
    private final AttemptPlanning planning;

    public IntakeRecorder(CallbackStore store, RepeatCallerPolicy repeatCallers, AttemptPlanning planning) {
        this.store = store;
        this.repeatCallers = repeatCallers;
        this.planning = planning;
    }

    public IntakeDecision record(CapturedIntake intake) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call", intake.callUniqueId())) {
            IntakeResult result = store.intakes().record(toNewCallback(intake), INTAKE_ROUTE);
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
            if (result instanceof IntakeResult.Merged merged) {
                // A merge may have raised urgency: plan again from the merged facts.
                Estimate estimate = replanMerged(callback);
                LOG.info("merged into open callback {} (merge #{}) for {}; attempt at {}", callback.id(),
                        callback.mergeCount(), callback.callbackNumber(), estimate.at());
                return new IntakeDecision.Merged(callback.id(), estimate.at(), estimate.nextBusinessDay());
            }
            Estimate estimate = planFirst(callback);
            LOG.info("callback {} committed for {}: {} / {} {}, first attempt {}", callback.id(), callback.callbackNumber(),
                    callback.product(), callback.category(), callback.urgency(), estimate.at());
            return new IntakeDecision.Accepted(callback.id(), estimate.at(), estimate.nextBusinessDay());
        }
    }

    /** When the caller will be called, as the IVR speaks it (office time). */
    record Estimate(ZonedDateTime at, boolean nextBusinessDay) {
    }

    private Estimate planFirst(Callback callback) {
        try {
            AttemptPlanning.Planned planned = planning.planNext(callback.id(), "new request");
            return estimateOf(planned, callback);
        } catch (RuntimeException e) {
            // Committed already: the caller is taken; the start-up sweep plans what is left PENDING.
            LOG.error("callback {} committed but not planned yet: {}", callback.id(), e.toString(), e);
            return new Estimate(planning.clock().instant().atZone(planning.calendar().zone()), false);
        }
    }

    private Estimate replanMerged(Callback callback) {
        Callback current = store.find(callback.id()).orElse(callback);
        if (current.state() == CallbackState.SCHEDULED) {
            try {
                return estimateOf(planning.replanIfChanged(current.id(), INTAKE_ROUTE, "merged request changed the plan"), current);
            } catch (RuntimeException e) {
                LOG.warn("merged callback {} not re-planned ({}); keeping its plan", current.id(), e.toString());
                current = store.find(callback.id()).orElse(current);
            }
        } else if (current.state() == CallbackState.PENDING) {
            // The call that created it is planning it right now (or the start-up sweep will):
            // tell this caller the same plan without racing to write it.
            try {
                return estimateOf(planning.preview(current.id()), current);
            } catch (RuntimeException e) {
                LOG.warn("merged callback {} could not be previewed: {}", current.id(), e.toString());
            }
        }
        // Queued or further along: it is being served now.
        java.time.Instant at = current.plannedAt() != null ? current.plannedAt() : current.updatedAt();
        return new Estimate(at.atZone(planning.calendar().zone()), false);
    }

    private Estimate estimateOf(AttemptPlanning.Planned planned, Callback callback) {
        if (planned.plan() instanceof Plan.Attempt a) {
            return new Estimate(a.earliest().atZone(planning.calendar().zone()), a.nextBusinessDay());
        }
        throw new IllegalStateException("callback " + callback.id() + " could not be planned at all: " + planned.plan());
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
