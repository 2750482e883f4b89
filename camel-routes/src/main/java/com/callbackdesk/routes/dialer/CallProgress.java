package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.desk.outcome.Outcomes;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ShutdownEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 *       CONNECTED, the consultant ON_CALL); NOANSWER → NO_ANSWER; BUSY → BUSY;
 *       CONGESTION/CHANUNAVAIL → CONGESTION — each recorded and handed to the planner; CANCEL means
 *       the consultant's side of the Dial hung up while the caller's phone rang — the caller
 *       refused nothing: CONSULTANT_CANCELLED (back to the queue, no attempt on the caller, counted
 *       against the consultant, who is not set AWAY), decided at the consultant leg's Hangup
 *       (below), since a PBX going down ends the Dial the same way;
 *   <li>{@code Hangup} of the consultant's channel: the call is over; after a conversation the
 *       consultant is AVAILABLE again and the callback stays CONNECTED until they record its
 *       outcome; before any result, the consultant dropped the call (CONSULTANT_NO_ANSWER);
 *   <li>{@code Hangup} of the caller's leg after a conversation: if the caller hung up first, Dial's
 *       F() never runs, so the survey is recorded NOT_REACHED at once; otherwise the survey IVR gets
 *       {@link AmiSettings#surveyGrace()} to store its result for that leg, after which a leg with
 *       none is recorded NOT_REACHED (the "answered without survey" count stays honest).
 * </ul>
 * <p><b>A PBX restart is nobody's doing.</b> A restarting Asterisk hangs up every channel itself
 * (hangup cause 0, not a BYE from the phone: 16) and the manager connection drops right after
 * (a {@code Shutdown} event first, for users that read {@code system}). So a consultant's leg that
 * ends with cause 0 before the conversation — or whose Originate fails without ringing out, busy or
 * congestion (Reason 0/1) after its channel existed — is held for {@link AmiSettings#restartGrace()}:
 * a {@code Shutdown} event or the connection dropping meanwhile makes it PBX_RESTART (back to the
 * queue, no attempt on the caller, the consultant not AWAY); otherwise the watchdog's sweep decides it
 * as the consultant's doing (CONSULTANT_NO_ANSWER, or CONSULTANT_CANCELLED after a CANCEL).
 * A {@code Shutdown} event also ends every other dial still ringing as PBX_RESTART.
 *
 * <p>The after-conversation steps are {@link AfterConversation}'s, shared with the
 * {@link ChannelReconciler} that settles a conversation whose Hangup was lost with the AMI connection.
 * Events of other calls are ignored; an event for a dial that already ended (late, repeated, or
 * after the watchdog or the reconciler settled it) changes nothing.
 */
public final class CallProgress {

    private static final Logger LOG = LogManager.getLogger(CallProgress.class);

    private final DialTracking dials;
    private final Outcomes outcomes;
    private final CallbackStore store;
    private final ConsultantDirectory consultants;
    private final Clock clock;
    private final AfterConversation after;
    private final Duration restartGrace;
    /** Dials whose consultant leg ended in a way a PBX restart also explains, by dial id. */
    private final Map<Long, Held> held = new ConcurrentHashMap<>();

    /**
     * An ending not decided yet: {@code otherwise} is what it is unless the PBX restarts within
     * the grace; {@code suspect} once the PBX itself hung the consultant's leg up (cause 0).
     */
    private record Held(DialTracking.Dial dial, OutcomeCode otherwise, String why, Instant since, boolean suspect) {
    }

    public CallProgress(DialTracking dials, Outcomes outcomes, CallbackStore store,
                        ConsultantDirectory consultants, AfterConversation after, Duration restartGrace, Clock clock) {
        this.restartGrace = Objects.requireNonNull(restartGrace, "restartGrace");
        this.after = Objects.requireNonNull(after, "after");
        this.dials = Objects.requireNonNull(dials, "dials");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.store = Objects.requireNonNull(store, "store");
        this.consultants = Objects.requireNonNull(consultants, "consultants");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the dialer wants this event on its queue at all (keeps the seda queue to call events). */
    public static boolean relevant(ManagerEvent e) {
        return e instanceof OriginateResponseEvent || e instanceof NewChannelEvent || e instanceof DialBeginEvent
                || e instanceof DialEndEvent || e instanceof HangupEvent || e instanceof ShutdownEvent
                || e instanceof DisconnectEvent;
    }

    public void onEvent(ManagerEvent event) {
        try {
            if (event instanceof OriginateResponseEvent r) {
                dials.byActionId(r.getActionId()).filter(DialTracking.Dial::open).ifPresent(d -> originateResponse(d, r));
            } else if (event instanceof NewChannelEvent n) {
                consultantLeg(n.getChannel()).ifPresent(d -> in(d, n.getUniqueId(), () -> {
                    dials.progress(d.id(), null, null, n.getUniqueId(), null);
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
            } else if (event instanceof ShutdownEvent sd) {
                pbxGoingDown("the PBX announced a shutdown (Shutdown " + sd.getShutdown() + ", Restart "
                        + sd.getRestart() + ")", true);
            } else if (event instanceof DisconnectEvent) {
                pbxGoingDown("the AMI connection dropped", false);
            } else if (event instanceof HangupEvent h) {
                Optional<DialTracking.Dial> consultant = consultantLeg(h.getChannel(), h.getUniqueId());
                if (consultant.isPresent()) {
                    in(consultant.get(), h.getUniqueId(), () -> consultantHungUp(consultant.get(), h));
                } else {
                    dials.byCallerCall(h.getUniqueId()).ifPresent(d -> in(d, h.getUniqueId(),
                            () -> after.callerLegGone(d, h.getUniqueId())));
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
            if (!mine.isEmpty() && dials.byConsultantCall(uniqueId).isPresent()) {
                // A late event of a leg whose dial already ended (the reconciler saw it gone first):
                // not the consultant's next call.
                return Optional.empty();
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
                    dials.progress(d.id(), null, reason, null, null);
                }
                LOG.info("OriginateResponse Success (Reason {}) for ActionID {}: consultant {} answered", reason,
                        d.actionId(), d.consultant());
                return;
            }
            dials.progress(d.id(), null, reason, null, null);
            if (held.containsKey(d.id())) {
                LOG.info("OriginateResponse Failure (Reason {}) for ActionID {}: its leg's end is already held",
                        reason, d.actionId());
                return;
            }
            String why = "consultant's phone: " + reasonText(reason) + " (OriginateResponse Reason " + reason + ")";
            if ((reason == null || reason == 0 || reason == 1) && (d.consultantCall() != null || r.getUniqueId() != null
                    && !r.getUniqueId().startsWith("<"))) {
                // The leg existed and ended without ringing out, busy or congestion: a restart looks like this.
                hold(d, OutcomeCode.CONSULTANT_NO_ANSWER, why, false);
                return;
            }
            LOG.info("OriginateResponse Failure (Reason {} = {}) for ActionID {}: consultant {} did not take the call",
                    reason, reasonText(reason), d.actionId(), d.consultant());
            endWith(d, OutcomeCode.CONSULTANT_NO_ANSWER, why);
        });
    }

    private void callerLeg(DialTracking.Dial d, DialEndEvent e) {
        String status = e.getDialStatus() == null ? "" : e.getDialStatus().toUpperCase();
        switch (status) {
            case "ANSWER" -> {
                dials.progress(d.id(), DialTracking.Progress.TALKING, null, e.getUniqueId(), e.getDestUniqueId());
                try {
                    outcomes.answered(d.callbackId(), Dialer.DIALER, e.getDestUniqueId());
                } catch (StaleStateException moved) {
                    LOG.warn("caller answered but the callback moved on meanwhile: {}", moved.getMessage());
                    return;
                }
                consultants.setState(d.consultant(), ConsultantState.ON_CALL, Dialer.DIALER,
                        "talking with the caller of callback " + d.callbackId() + " (" + d.actionId() + ")");
                LOG.info("{}: caller answered on {}: conversation", d.actionId(), e.getDestChannel());
            }
            case "BUSY" -> endWith(d, OutcomeCode.BUSY, "caller's line busy (DialStatus BUSY)");
            case "NOANSWER" -> endWith(d, OutcomeCode.NO_ANSWER, "caller did not answer (DialStatus NOANSWER)");
            case "CANCEL" -> hold(d, OutcomeCode.CONSULTANT_CANCELLED, "consultant hung up while the caller's phone was"
                    + " still ringing (DialStatus CANCEL)", false);
            case "CONGESTION", "CHANUNAVAIL" -> endWith(d, OutcomeCode.CONGESTION, "caller unreachable (DialStatus "
                    + status + ")");
            default -> LOG.warn("DialEnd with DialStatus '{}' for the caller's leg: left to the watchdog", status);
        }
    }

    private void consultantHungUp(DialTracking.Dial d, HangupEvent h) {
        Optional<Callback> cb = store.find(d.callbackId());
        CallbackState state = cb.map(Callback::state).orElse(null);
        if (inConversation(d, state)) {
            after.consultantHungUp(d, "HANGUP after conversation (cause " + h.getCause() + ")",
                    "hung up after the conversation");
            return;
        }
        Held pending = held.get(d.id());
        boolean byThePbx = h.getCause() != null && h.getCause() == 0;
        if (pending != null) {
            if (byThePbx) {
                held.put(d.id(), new Held(pending.dial(), pending.otherwise(), pending.why(), pending.since(), true));
                LOG.info("{}: consultant's leg hung up by the PBX itself (cause 0): {} unless the PBX is restarting",
                        d.actionId(), pending.otherwise());
            } else {
                settle(d.id(), pending.otherwise(), pending.why() + "; consultant's leg hung up (cause " + h.getCause()
                        + ")");
            }
            return;
        }
        if (state == CallbackState.DIALING && byThePbx) {
            hold(d, d.progress() == DialTracking.Progress.CALLER_RINGING ? OutcomeCode.CONSULTANT_CANCELLED
                    : OutcomeCode.CONSULTANT_NO_ANSWER, "consultant's leg hung up by the PBX (cause 0)", true);
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

    /** Holds an ending for the restart grace (see the class comment). */
    private void hold(DialTracking.Dial d, OutcomeCode otherwise, String why, boolean suspect) {
        held.putIfAbsent(d.id(), new Held(d, otherwise, why, clock.instant(), suspect));
        LOG.info("{}: {}; decided {} after {} unless the PBX is restarting", d.actionId(), why, otherwise, restartGrace);
    }

    /** Ends a held dial with {@code code} (once), whatever decided it. */
    private void settle(long dialId, OutcomeCode code, String why) {
        Held h = held.remove(dialId);
        if (h == null) {
            return;
        }
        in(h.dial(), h.dial().consultantCall(), () -> endWith(h.dial(), code, why));
    }

    /**
     * The PBX is going down ({@code announced}: a Shutdown event) or the AMI connection dropped:
     * every held ending is PBX_RESTART; after an announced shutdown, so is every dial still ringing.
     */
    private void pbxGoingDown(String what, boolean announced) {
        for (Held h : List.copyOf(held.values())) {
            settle(h.dial().id(), OutcomeCode.PBX_RESTART, "PBX restart: " + what + " as the consultant's leg ended ("
                    + h.why() + ")");
        }
        if (!announced) {
            return;
        }
        for (DialTracking.Dial d : dials.open()) {
            CallbackState state = store.find(d.callbackId()).map(Callback::state).orElse(null);
            if (state == CallbackState.DIALING && !inConversation(d, state)) {
                in(d, d.consultantCall(), () -> endWith(d, OutcomeCode.PBX_RESTART, "PBX restart: " + what
                        + " while the dial was ringing"));
            }
        }
    }

    /**
     * The PBX restarted while the AMI connection was down (the {@link ChannelReconciler} saw its
     * startup time change): every held ending and every dial still ringing is PBX_RESTART.
     */
    public void pbxRestarted(String what) {
        pbxGoingDown(what, true);
    }

    /**
     * The watchdog's turn: held endings older than the restart grace were not a restart, so they
     * are what they looked like (the consultant's doing). Returns how many it decided.
     */
    public int settleHeld() {
        Instant cutoff = clock.instant().minus(restartGrace);
        int n = 0;
        for (Held h : List.copyOf(held.values())) {
            if (!h.since().isAfter(cutoff)) {
                settle(h.dial().id(), h.otherwise(), h.why() + (h.suspect() ? "; the PBX hung the leg up (cause 0)"
                        + " but did not restart within " + restartGrace : ""));
                n++;
            }
        }
        return n;
    }

    /** Whether the dial got to the conversation: the caller answered (its callback CONNECTED). */
    static boolean inConversation(DialTracking.Dial d, CallbackState state) {
        return d.progress() == DialTracking.Progress.TALKING || state == CallbackState.CONNECTED;
    }

    /** Ends the dial and records a line outcome once, then the planner (through the desk's Outcomes). */
    private void endWith(DialTracking.Dial d, OutcomeCode code, String why) {
        if (!dials.end(d.id(), clock.instant(), code.name())) {
            return;
        }
        try {
            Callback after = outcomes.record(d.callbackId(), Dialer.DIALER, Outcome.of(code),
                    why + " — ActionID " + d.actionId()).callback();
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
