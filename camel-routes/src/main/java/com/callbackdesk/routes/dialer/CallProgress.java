package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.queue.OutcomeCode;
import com.callbackdesk.scheduling.AttemptOutcomes;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;

import com.callbackdesk.survey.SurveyResults;
import com.callbackdesk.survey.SurveyState;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dial's progress from AMI events, consumed one at a time in arrival order from
 * {@code seda:ami-events} (never on Asterisk-Java's reader thread), mapped to outcomes:
 * <ul>
 *   <li>{@code OriginateResponse} Failure (Reason 3 rang out, 5 busy, 8 congestion, 0 no such
 *       endpoint, 1 hung up) — the consultant's phone did not take the call:
 *       CONSULTANT_NO_ANSWER, the callback back to the queue for another consultant (and the
 *       consultant AWAY, {@code OutcomeRecorder}'s rule); a Success only notes the consultant answered;
 *   <li>{@code DialBegin} from the consultant's channel: [callback] rings the caller;
 *   <li>{@code DialEnd} from the consultant's channel: ANSWER → the conversation (DIALING →
 *       CONNECTED, the consultant ON_CALL); NOANSWER/CANCEL → NO_ANSWER; BUSY → BUSY;
 *       CONGESTION/CHANUNAVAIL → CONGESTION — each recorded and handed to the planner;
 *   <li>{@code Hangup} of the consultant's channel: the call is over; after a conversation the
 *       consultant is AVAILABLE again and the callback stays CONNECTED until they record its
 *       outcome; before any result, the consultant dropped the call (CONSULTANT_NO_ANSWER);
 *   <li>{@code Hangup} of the caller's leg after a conversation: if the caller hung up first, Dial's
 *       F() never runs, so the survey is recorded NOT_REACHED at once; otherwise the survey IVR gets
 *       {@link AmiSettings#surveyGrace()} to store its result for that leg, after which a leg with
 *       none is recorded NOT_REACHED (story 8: the "answered without survey" count stays honest).
 * </ul>
 * Events of other calls are ignored; an event for a dial that already ended (late, repeated, or
 * after the watchdog gave up on it) changes nothing.
 */
public final class CallProgress {

    private static final Logger LOG = LogManager.getLogger(CallProgress.class);

    private final DialTracking dials;
    private final AttemptOutcomes outcomes;
    private final CallbackStore store;
    private final ConsultantDirectory consultants;
    private final Clock clock;
    private final SurveyResults surveys;
    private final java.time.Duration surveyGrace;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "survey-reached-check");
        t.setDaemon(true);
        return t;
    });

    public CallProgress(DialTracking dials, AttemptOutcomes outcomes, CallbackStore store,
                        ConsultantDirectory consultants, SurveyResults surveys, java.time.Duration surveyGrace,
                        Clock clock) {
        this.surveys = Objects.requireNonNull(surveys, "surveys");
        this.surveyGrace = Objects.requireNonNull(surveyGrace, "surveyGrace");
        this.dials = Objects.requireNonNull(dials, "dials");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.store = Objects.requireNonNull(store, "store");
        this.consultants = Objects.requireNonNull(consultants, "consultants");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the dialer wants this event on its queue at all (keeps the seda queue to call events). */
    public static boolean relevant(ManagerEvent e) {
        return e instanceof OriginateResponseEvent || e instanceof NewChannelEvent || e instanceof DialBeginEvent
                || e instanceof DialEndEvent || e instanceof HangupEvent;
    }

    public void onEvent(ManagerEvent event) {
        try {
            if (event instanceof OriginateResponseEvent r) {
                dials.byActionId(r.getActionId()).filter(DialTracking.Dial::open).ifPresent(d -> originateResponse(d, r));
            } else if (event instanceof NewChannelEvent n) {
                consultantLeg(n.getChannel()).ifPresent(d -> in(d, n.getUniqueId(), () -> {
                    dials.progress(d.id(), d.progress(), null, n.getUniqueId(), null);
                    LOG.debug("consultant leg {} created", n.getChannel());
                }));
            } else if (event instanceof DialBeginEvent b) {
                consultantLeg(b.getChannel(), b.getUniqueId()).ifPresent(d -> in(d, b.getDestUniqueId(), () -> {
                    dials.progress(d.id(), DialTracking.Progress.CALLER_RINGING, null, b.getUniqueId(),
                            b.getDestUniqueId());
                    LOG.info("{}: consultant answered; ringing the caller on {}", d.actionId(), b.getDestChannel());
                }));
            } else if (event instanceof DialEndEvent e) {
                consultantLeg(e.getChannel(), e.getUniqueId()).ifPresent(d -> in(d, e.getDestUniqueId(), () -> callerLeg(d, e)));
            } else if (event instanceof HangupEvent h) {
                Optional<DialTracking.Dial> consultant = consultantLeg(h.getChannel(), h.getUniqueId());
                if (consultant.isPresent()) {
                    in(consultant.get(), h.getUniqueId(), () -> consultantHungUp(consultant.get(), h));
                } else {
                    dials.byCallerCall(h.getUniqueId()).ifPresent(d -> in(d, h.getUniqueId(), () -> callerHungUp(d, h)));
                }
            }
        } catch (RuntimeException e) {
            // One bad event must not stop the queue; the watchdog settles a dial left without result.
            LOG.error("AMI event {} could not be applied", event.getClass().getSimpleName(), e);
        }
    }

    private Optional<DialTracking.Dial> consultantLeg(String channel) {
        return consultantLeg(channel, null);
    }

    /**
     * The open dial whose consultant leg this channel is: the one that knows the channel's uniqueid,
     * else the newest on that endpoint (a consultant dials one callback at a time; an older open
     * dial there is one whose Hangup was lost).
     */
    private Optional<DialTracking.Dial> consultantLeg(String channel, String uniqueId) {
        if (channel == null) {
            return Optional.empty();
        }
        List<DialTracking.Dial> mine = dials.open().stream().filter(d -> d.consultantChannel(channel)).toList();
        if (uniqueId != null) {
            Optional<DialTracking.Dial> known = mine.stream().filter(d -> uniqueId.equals(d.consultantCall())).findFirst();
            if (known.isPresent()) {
                return known;
            }
        }
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
    }

    private void in(DialTracking.Dial d, String call, Runnable work) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(d.callbackId()))
                .put("actionId", d.actionId()).put("call", call == null ? "" : call)) {
            work.run();
        }
    }

    private void originateResponse(DialTracking.Dial d, OriginateResponseEvent r) {
        in(d, r.getUniqueId(), () -> {
            Integer reason = r.getReason();
            if ("Success".equalsIgnoreCase(r.getResponse())) {
                if (d.progress().ordinal() < DialTracking.Progress.CONSULTANT_ANSWERED.ordinal()) {
                    dials.progress(d.id(), DialTracking.Progress.CONSULTANT_ANSWERED, reason, r.getUniqueId(), null);
                } else {
                    dials.progress(d.id(), d.progress(), reason, null, null);
                }
                LOG.info("OriginateResponse Success (Reason {}) for ActionID {}: consultant {} answered", reason,
                        d.actionId(), d.consultant());
                return;
            }
            LOG.info("OriginateResponse Failure (Reason {} = {}) for ActionID {}: consultant {} did not take the call",
                    reason, reasonText(reason), d.actionId(), d.consultant());
            dials.progress(d.id(), d.progress(), reason, null, null);
            endWith(d, OutcomeCode.CONSULTANT_NO_ANSWER, "consultant's phone: " + reasonText(reason)
                    + " (OriginateResponse Reason " + reason + ")");
        });
    }

    private void callerLeg(DialTracking.Dial d, DialEndEvent e) {
        String status = e.getDialStatus() == null ? "" : e.getDialStatus().toUpperCase();
        switch (status) {
            case "ANSWER" -> {
                dials.progress(d.id(), DialTracking.Progress.TALKING, null, e.getUniqueId(), e.getDestUniqueId());
                try {
                    outcomes.recorder().answered(d.callbackId(), Dialer.DIALER, e.getDestUniqueId());
                } catch (StaleStateException moved) {
                    LOG.warn("caller answered but the callback moved on meanwhile: {}", moved.getMessage());
                    return;
                }
                consultants.setState(d.consultant(), ConsultantState.ON_CALL, Dialer.DIALER,
                        "talking with the caller of callback " + d.callbackId() + " (" + d.actionId() + ")");
                LOG.info("{}: caller answered on {}: conversation", d.actionId(), e.getDestChannel());
            }
            case "BUSY" -> endWith(d, OutcomeCode.BUSY, "caller's line busy (DialStatus BUSY)");
            case "NOANSWER", "CANCEL" -> endWith(d, OutcomeCode.NO_ANSWER, "caller did not answer (DialStatus "
                    + status + ")");
            case "CONGESTION", "CHANUNAVAIL" -> endWith(d, OutcomeCode.CONGESTION, "caller unreachable (DialStatus "
                    + status + ")");
            default -> LOG.warn("DialEnd with DialStatus '{}' for the caller's leg: left to the watchdog", status);
        }
    }

    private void consultantHungUp(DialTracking.Dial d, HangupEvent h) {
        Optional<Callback> cb = store.find(d.callbackId());
        CallbackState state = cb.map(Callback::state).orElse(null);
        if (d.progress() == DialTracking.Progress.TALKING || state == CallbackState.CONNECTED) {
            dials.end(d.id(), clock.instant(), "HANGUP after conversation (cause " + h.getCause() + ")");
            consultants.setState(d.consultant(), ConsultantState.AVAILABLE, Dialer.DIALER,
                    "hung up after callback " + d.callbackId() + "; the outcome is theirs to record");
            LOG.info("{}: consultant {} hung up after the conversation; callback {} awaits its outcome", d.actionId(),
                    d.consultant(), state);
            return;
        }
        if (state == CallbackState.DIALING) {
            if (d.progress() == DialTracking.Progress.CALLER_RINGING) {
                // The caller leg's DialEnd always comes before the consultant's Hangup; missing, it was lost.
                LOG.warn("consultant leg hung up with no result for the caller's leg: left to the watchdog");
                return;
            }
            endWith(d, OutcomeCode.CONSULTANT_NO_ANSWER, "consultant's leg hung up before the caller was dialled"
                    + " (cause " + h.getCause() + ")");
            return;
        }
        dials.end(d.id(), clock.instant(), "HANGUP (callback " + state + ")");
    }

    /** The caller's leg hung up: did it reach the survey? */
    private void callerHungUp(DialTracking.Dial d, HangupEvent h) {
        boolean answered = outcomes.recorder().attempts(d.callbackId()).stream()
                .anyMatch(a -> a.id() == d.attemptId() && a.answeredAt() != null);
        if (!answered) {
            return;   // no conversation, no survey owed
        }
        String leg = h.getUniqueId();
        if (d.open()) {
            // The caller hung up while the consultant was still on: F() only moves the caller on the
            // consultant's hang-up, so this caller never reaches the survey.
            notReached(d, leg, "the caller hung up first");
            return;
        }
        later.schedule(() -> {
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(d.callbackId()))
                    .put("call", leg)) {
                notReached(d, leg, "no survey result for the caller's leg " + surveyGrace + " after it hung up");
            } catch (RuntimeException e) {
                LOG.error("could not check the survey of leg {}", leg, e);
            }
        }, surveyGrace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void notReached(DialTracking.Dial d, String leg, String why) {
        boolean recorded = surveys.forCallback(d.callbackId()).stream().anyMatch(r -> leg.equals(r.callId()));
        if (recorded) {
            return;
        }
        surveys.record(d.callbackId(), d.consultant(), SurveyState.NOT_REACHED, null, null, leg);
        LOG.info("{}: survey NOT_REACHED for leg {}: {}", d.actionId(), leg, why);
    }

    /** Stops the delayed survey checks (on shutdown). */
    public void close() {
        later.shutdownNow();
    }

    /** Ends the dial and records a line outcome once, then the planner (through AttemptOutcomes). */
    private void endWith(DialTracking.Dial d, OutcomeCode code, String why) {
        if (!dials.end(d.id(), clock.instant(), code.name())) {
            return;
        }
        try {
            Callback after = outcomes.record(d.callbackId(), Dialer.DIALER, Outcome.of(code),
                    why + " — ActionID " + d.actionId());
            LOG.info("{}: attempt ended {}: {}; callback now {}{}", d.actionId(), code, why, after.state(),
                    after.state() == CallbackState.SCHEDULED ? " for " + after.plannedAt() : "");
        } catch (StaleStateException moved) {
            LOG.warn("{} not recorded: the callback moved on meanwhile ({})", code, moved.getMessage());
        }
    }

    static String reasonText(Integer reason) {
        if (reason == null) {
            return "unknown";
        }
        return switch (reason) {
            case 0 -> "failed (no such endpoint or not reachable)";
            case 1 -> "hung up";
            case 3 -> "rang, no answer";
            case 4 -> "answered";
            case 5 -> "busy";
            case 8 -> "congestion";
            default -> "reason " + reason;
        };
    }
}
