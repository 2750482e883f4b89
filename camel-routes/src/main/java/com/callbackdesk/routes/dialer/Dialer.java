package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.Claim;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.queue.PreDialCheck;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.scheduling.AttemptOutcomes;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.storage.Database;
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

/**
 * {@code direct:dial}: a consultant asks to dial the callback they hold. Just before dialing, the
 * pre-dial check (MISSION story 2): a callback the caller cancelled, or otherwise closed, is not
 * dialled; one whose window passed (or that must not be called yet) goes back to the planner.
 * Otherwise the attempt starts (CLAIMED → DIALING, audited), the dial is tracked
 * ({@code callback_dial}, with its ActionID and window) and one async Originate rings the
 * consultant's endpoint; when they answer, {@code [callback]} dials the caller with CALLBACK_ID
 * and CONSULTANT inherited. The reply says whether Asterisk queued it. The call's progress
 * arrives later as AMI events ({@link CallProgress}).
 *
 * <p>An Originate is sent once. If the AMI connection drops before Asterisk answers, nothing is
 * re-sent (Asterisk may have placed the call): the {@link DialWatchdog} ends the attempt
 * INTERRUPTED when no result came, and the planner plans the next one.
 */
public final class Dialer {

    private static final Logger LOG = LogManager.getLogger(Dialer.class);
    static final Actor DIALER = Actor.system("dialer");

    private final AmiSettings settings;
    private final AmiClient ami;
    private final Database database;
    private final CallbackStore store;
    private final CallbackQueue queue;
    private final ConsultantDirectory consultants;
    private final AttemptOutcomes outcomes;
    private final DialTracking dials;
    private final Clock clock;

    public Dialer(AmiSettings settings, AmiClient ami, Database database, CallbackStore store, CallbackQueue queue,
                  ConsultantDirectory consultants, AttemptOutcomes outcomes, DialTracking dials, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ami = Objects.requireNonNull(ami, "ami");
        this.database = Objects.requireNonNull(database, "database");
        this.store = Objects.requireNonNull(store, "store");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.consultants = Objects.requireNonNull(consultants, "consultants");
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
            DialResult result = decideAndDial(request);
            if (result.accepted()) {
                LOG.info("dial accepted: ActionID {}", result.actionId());
            } else {
                LOG.info("dial refused: {}", result.reason());
            }
            return result;
        }
    }

    private DialResult decideAndDial(DialRequest request) {
        long id = request.callbackId();
        String login = request.consultantLogin();
        Optional<Callback> found = store.find(id);
        if (found.isEmpty()) {
            return DialResult.refused(id, "callbackId: no callback " + id);
        }
        Optional<Consultant> consultant = consultants.find(login);
        if (consultant.isEmpty()) {
            return DialResult.refused(id, "consultantLogin: no consultant '" + login + "'");
        }
        Callback callback = found.get();
        Instant now = clock.instant();
        Optional<Instant> window = RecordingAttemptFiring.latestWindow(database.dataSource(), id);
        PreDialDecision decision = PreDialCheck.decide(callback.queueItem(), now, window.orElse(Instant.MAX));
        switch (decision) {
            case CANCELLED_BY_CALLER -> {
                return DialResult.refused(id, "cancelled by the caller (solved before we called): not dialled");
            }
            case CLOSED -> {
                return DialResult.refused(id, "already closed (" + callback.state() + "): not dialled");
            }
            case MOVED_ON -> {
                return DialResult.refused(id, "no longer waiting to be dialled (" + callback.state() + ")");
            }
            case WINDOW_PASSED, NOT_YET -> {
                return replan(callback, login, decision, window.orElse(null));
            }
            case DIAL -> {
                return originate(callback, consultant.get(), window.orElse(null), now);
            }
            default -> throw new IllegalStateException("unknown pre-dial decision " + decision);
        }
    }

    private DialResult replan(Callback callback, String login, PreDialDecision decision, Instant window) {
        long id = callback.id();
        if (callback.state() != CallbackState.CLAIMED || !holds(id, login)) {
            return DialResult.refused(id, "pre-dial check says " + decision + "; claim the callback first");
        }
        Callback back = queue.returnForReplan(id, decision, DIALER);
        Callback planned = outcomes.planIfPending(back, "pre-dial check: " + decision);
        String why = decision == PreDialDecision.WINDOW_PASSED
                ? "its window ended at " + window + "; the caller may be gone"
                : "the caller asked not to be called before " + callback.notBefore();
        return DialResult.refused(id, "not dialled: " + why + " — re-planned (" + planned.state()
                + (planned.plannedAt() != null && planned.state() == CallbackState.SCHEDULED
                ? " for " + planned.plannedAt() : "") + ")");
    }

    private boolean holds(long callbackId, String login) {
        return queue.claimOf(callbackId).map(Claim::consultant).filter(login::equals).isPresent();
    }

    private DialResult originate(Callback callback, Consultant consultant, Instant window, Instant now) {
        long id = callback.id();
        String login = consultant.login();
        if (callback.state() != CallbackState.CLAIMED || !holds(id, login)) {
            return DialResult.refused(id, "consultant " + login + " does not hold callback " + id + " ("
                    + callback.state() + "); claim it from the queue first");
        }
        if (!ami.connected()) {
            return DialResult.refused(id, "the PBX (AMI " + settings.host() + ":" + settings.port() + ") is not"
                    + " connected (" + ami.state() + "); nothing was dialled and the callback stays claimed — try again");
        }
        Attempt attempt;
        try {
            attempt = outcomes.recorder().startDialing(id, Actor.consultant(login), null);
        } catch (com.callbackdesk.callback.StaleStateException raced) {
            // A second request for the same callback (a double click) or a cancel won the race.
            return DialResult.refused(id, "callback " + id + " moved on meanwhile (" + raced.getMessage()
                    + "); not dialled again");
        }
        String actionId = "cb-" + id + "-" + attempt.attemptNo();
        String channel = settings.channelFor(consultant);
        DialTracking.Dial dial = dials.insert(id, attempt.id(), actionId, login, channel, window, now,
                now.plus(settings.resultDeadline()));
        OriginateAction o = new OriginateAction();
        o.setActionId(actionId);
        o.setChannel(channel);
        o.setContext(settings.context());
        o.setExten(callback.callbackNumber());
        o.setPriority(1);
        o.setCallerId(settings.callerId());
        o.setTimeout(settings.originateTimeout().toMillis());
        o.setAsync(true);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("CALLBACK_ID", Long.toString(id));
        vars.put("CONSULTANT", login);
        o.setVariables(vars);
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
                return DialResult.refused(id, "interrupted while originating (ActionID " + actionId
                        + "); the watchdog settles the attempt");
            }
            if (response == null) {
                return lost(id, actionId, dial, "connection closed before Asterisk answered");
            }
            if ("Success".equalsIgnoreCase(response.getResponse())) {
                dials.markQueued(dial.id());
                return DialResult.accepted(id, actionId);
            }
            // Asterisk refused the Originate itself (no such extension, permission): no call exists.
            String message = response.getMessage();
            LOG.warn("Originate {} refused by Asterisk: {}", actionId, message);
            if (dials.end(dial.id(), clock.instant(), "REFUSED: " + message)) {
                outcomes.record(id, DIALER, Outcome.of(OutcomeCode.INTERRUPTED),
                        "Asterisk refused the Originate (ActionID " + actionId + "): " + message);
            }
            return DialResult.refused(id, "Asterisk refused the Originate: " + message + "; the attempt ended and"
                    + " was re-planned");
        }
    }

    private DialResult lost(long id, String actionId, DialTracking.Dial dial, String what) {
        LOG.warn("no answer to Originate {} ({}): the AMI connection dropped; NOT re-sent — the watchdog ends the"
                + " attempt at {} unless its result arrives", actionId, what, dial.resultDueAt());
        return DialResult.refused(id, "the AMI connection was lost while originating (ActionID " + actionId
                + "); not re-sent so the caller is never called twice; the attempt is settled by " + dial.resultDueAt());
    }
}
