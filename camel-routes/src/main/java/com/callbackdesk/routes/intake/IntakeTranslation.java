package com.callbackdesk.routes.intake;

import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.desk.intake.ChosenTime;
import com.callbackdesk.desk.intake.IntakeReceipt;
import com.callbackdesk.desk.intake.Intakes;
import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.ivr.intake.PendingCallback;
import com.callbackdesk.planning.Urgency;
import org.apache.logging.log4j.CloseableThreadContext;

import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What the intake routes do with a message: translate the IVR's words into the desk's
 * {@link Intakes} use cases and the answer back into what the IVR speaks. Holds no rule of its
 * own (the IVR knows nothing of the desk, the desk nothing of the IVR).
 */
public final class IntakeTranslation {

    /** What the IVR sends to {@link IntakeRoute#CALL_ME_AT}. */
    public record CallMeAtRequest(long callbackId, LocalTime time, String callUniqueId) {
        public CallMeAtRequest {
            Objects.requireNonNull(time, "time");
        }
    }

    /** What the IVR sends to {@link IntakeRoute#CANCEL}. */
    public record CancelRequest(long callbackId, String callUniqueId) {
    }

    private final Intakes intakes;

    public IntakeTranslation(Intakes intakes) {
        this.intakes = Objects.requireNonNull(intakes, "intakes");
    }

    /** A validated intake: committed by the desk, answered as the IVR speaks it. */
    public IntakeDecision record(CapturedIntake intake) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call", intake.callUniqueId())) {
            IntakeReceipt receipt = intakes.take(toNewCallback(intake));
            return receipt.merged()
                    ? new IntakeDecision.Merged(receipt.callbackId(), receipt.attemptAt(), receipt.nextBusinessDay())
                    : new IntakeDecision.Accepted(receipt.callbackId(), receipt.attemptAt(), receipt.nextBusinessDay());
        }
    }

    public IntakeDecision callMeAt(CallMeAtRequest request) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call",
                String.valueOf(request.callUniqueId())).put("callback", Long.toString(request.callbackId()))) {
            ChosenTime chosen = intakes.callMeAt(request.callbackId(), request.time());
            if (chosen instanceof ChosenTime.Moved moved) {
                return new IntakeDecision.Accepted(moved.callbackId(), moved.attemptAt(), false);
            }
            return new IntakeDecision.Rejected("other", ((ChosenTime.Refused) chosen).detail());
        }
    }

    public Optional<PendingCallback> pendingFor(String e164) {
        return intakes.waitingFor(e164).map(w -> new PendingCallback(w.callbackId(), w.plannedAt()));
    }

    public boolean cancel(CancelRequest request) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback",
                Long.toString(request.callbackId())).put("call", String.valueOf(request.callUniqueId()))) {
            return intakes.cancelByCaller(request.callbackId(), request.callUniqueId());
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
