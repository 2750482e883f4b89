package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.desk.dial.CallPlacement;
import com.callbackdesk.desk.dial.DialAnswer;
import com.callbackdesk.desk.dial.Dialing;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.Outcome;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@code direct:dial}: a consultant asks to dial the callback they hold. The desk's
 * {@link Dialing} use case makes the pre-dial check and starts the attempt (CLAIMED → DIALING,
 * audited); this adapter is its {@link CallPlacement}: the dial is tracked ({@code callback_dial},
 * with its ActionID and window) and one async Originate rings the consultant's endpoint; when they
 * answer, {@code [callback]} dials the caller with CALLBACK_ID and CONSULTANT inherited, showing the
 * caller ID of {@link AmiSettings#callerIdFor} (CALLBACK_CALLERID). The reply
 * says whether Asterisk queued it. The call's progress arrives later as AMI events
 * ({@link CallProgress}).
 *
 * <p>An Originate is sent once. If the AMI connection drops before Asterisk answers, nothing is
 * re-sent (Asterisk may have placed the call): the {@link DialWatchdog} ends the attempt
 * INTERRUPTED when no result came, and the planner plans the next one.
 */
public final class Dialer implements CallPlacement {

    private static final Logger LOG = LogManager.getLogger(Dialer.class);
    static final Actor DIALER = Dialing.DIALER;
    /** The Originate's channel variable [callback] sets the customer-facing caller ID from. */
    public static final String CALLERID_VARIABLE = "CALLBACK_CALLERID";

    private final AmiSettings settings;
    private final AmiClient ami;
    private final BooleanSupplier pbxStartupKnown;
    private final Dialing dialing;
    private final Outcomes outcomes;
    private final DialTracking dials;
    private final Clock clock;

    /**
     * @param pbxStartupKnown whether the connected PBX's startup time is known
     *                        ({@link ChannelReconciler#pbxStartupKnown()}): dials wait for it, so a
     *                        restart of the PBX a dial rings on is always found out
     */
    public Dialer(AmiSettings settings, AmiClient ami, BooleanSupplier pbxStartupKnown, Dialing dialing,
                  Outcomes outcomes, DialTracking dials, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ami = Objects.requireNonNull(ami, "ami");
        this.pbxStartupKnown = Objects.requireNonNull(pbxStartupKnown, "pbxStartupKnown");
        this.dialing = Objects.requireNonNull(dialing, "dialing");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.dials = Objects.requireNonNull(dials, "dials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The body of {@code direct:dial}; anything but a {@link DialRequest} is refused naming the field. */
    public DialResult dial(Object body) {
        if (!(body instanceof DialRequest request)) {
            throw new IllegalArgumentException("direct:dial body: must be a DialRequest(callbackId, consultantLogin),"
                    + " was " + (body == null ? "null" : body.getClass().getName()));
        }
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback",
                Long.toString(request.callbackId())).put("consultant", request.consultantLogin())) {
            DialAnswer answer = dialing.dial(request.callbackId(), request.consultantLogin(), this);
            if (answer.accepted()) {
                LOG.info("dial accepted: ActionID {}", answer.actionId());
            } else {
                LOG.info("dial refused: {}", answer.reason());
            }
            return new DialResult(answer.callbackId(), answer.accepted(), answer.actionId(), answer.reason());
        }
    }

    @Override
    public Optional<String> unavailable() {
        if (ami.connected() && pbxStartupKnown.getAsBoolean()) {
            return Optional.empty();
        }
        if (ami.connected()) {
            return Optional.of("the PBX (AMI " + settings.host() + ":" + settings.port() + ") has just connected and"
                    + " its startup time (CoreStatus) is not known yet; nothing was dialled and the callback stays"
                    + " claimed — try again in a moment");
        }
        return Optional.of("the PBX (AMI " + settings.host() + ":" + settings.port() + ") is not"
                + " connected (" + ami.state() + "); nothing was dialled and the callback stays claimed — try again");
    }

    @Override
    public DialAnswer place(Callback callback, Consultant consultant, Attempt attempt, Instant window, Instant now) {
        long id = callback.id();
        String login = consultant.login();
        String actionId = "cb-" + id + "-" + attempt.attemptNo();
        String channel = settings.channelFor(consultant);
        DialTracking.Dial dial = dials.insert(id, attempt.id(), actionId, login, channel, window, now,
                now.plus(settings.resultDeadline()));
        OriginateAction o = originate(callback, actionId, channel, login);
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("actionId", actionId)) {
            LOG.info("attempt {}: Originate {} → [{}] {} (ActionID {})", attempt.attemptNo(), channel,
                    settings.context(), callback.callbackNumber(), actionId);
            ManagerResponse response;
            try {
                // Asterisk-Java answers null when the connection closed before the response came.
                response = ami.send(o).get(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                return lost(id, actionId, dial, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DialAnswer.refused(id, "interrupted while originating (ActionID " + actionId
                        + "); the watchdog settles the attempt");
            }
            if (response == null) {
                return lost(id, actionId, dial, "connection closed before Asterisk answered");
            }
            if ("Success".equalsIgnoreCase(response.getResponse())) {
                dials.markQueued(dial.id());
                return DialAnswer.accepted(id, actionId);
            }
            // Asterisk refused the Originate itself (no such extension, permission): no call exists.
            String message = response.getMessage();
            LOG.warn("Originate {} refused by Asterisk: {}", actionId, message);
            if (dials.end(dial.id(), clock.instant(), "REFUSED: " + message)) {
                outcomes.record(id, DIALER, Outcome.of(OutcomeCode.INTERRUPTED),
                        "Asterisk refused the Originate (ActionID " + actionId + "): " + message);
            }
            return DialAnswer.refused(id, "Asterisk refused the Originate: " + message + "; the attempt ended and"
                    + " was re-planned");
        }
    }

    private OriginateAction originate(Callback callback, String actionId, String channel, String login) {
        OriginateAction o = new OriginateAction();
        o.setActionId(actionId);
        o.setChannel(channel);
        o.setContext(settings.context());
        o.setExten(callback.callbackNumber());
        o.setPriority(1);
        String callerId = settings.callerIdFor(callback.category());
        o.setCallerId(callerId);
        o.setTimeout(settings.originateTimeout().toMillis());
        o.setAsync(true);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("CALLBACK_ID", Long.toString(callback.id()));
        vars.put("CONSULTANT", login);
        // [callback] sets CALLERID(all) from it before Dial: what the customer's phone shows.
        vars.put(CALLERID_VARIABLE, callerId);
        o.setVariables(vars);
        return o;
    }

    private DialAnswer lost(long id, String actionId, DialTracking.Dial dial, String what) {
        LOG.warn("no answer to Originate {} ({}): the AMI connection dropped; NOT re-sent — the watchdog ends the"
                + " attempt at {} unless its result arrives", actionId, what, dial.resultDueAt());
        return DialAnswer.refused(id, "the AMI connection was lost while originating (ActionID " + actionId
                + "); not re-sent so the caller is never called twice; the attempt is settled by " + dial.resultDueAt());
    }
}
