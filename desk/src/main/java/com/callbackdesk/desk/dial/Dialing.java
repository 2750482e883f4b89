package com.callbackdesk.desk.dial;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.labels.HumanTime;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.Claim;
import com.callbackdesk.planning.queue.PreDialCheck;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.scheduling.RecordingAttemptFiring;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The use case "dial the callback I hold". Just before dialing, the pre-dial check: a callback the
 * caller cancelled, or otherwise closed, is not dialled; one whose window passed (or that must not
 * be called yet) goes back to the planner. Otherwise the attempt starts (CLAIMED → DIALING,
 * audited) and the call is placed through the {@link CallPlacement} port (the AMI adapter).
 */
public final class Dialing {

    /** Who acts for the dialer in the audit trail. */
    public static final Actor DIALER = Actor.system("dialer");

    private final DataSource dataSource;
    private final CallbackStore store;
    private final CallbackQueue queue;
    private final ConsultantDirectory consultants;
    private final Outcomes outcomes;
    private final Clock clock;
    /** Times in refusals as the consultant reads them: office time. */
    private final HumanTime times;

    public Dialing(DataSource dataSource, CallbackStore store, CallbackQueue queue, ConsultantDirectory consultants,
                   Outcomes outcomes, Clock clock, ZoneId office) {
        this.times = HumanTime.in(office);
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.store = Objects.requireNonNull(store, "store");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.consultants = Objects.requireNonNull(consultants, "consultants");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks, starts the attempt and places the call through {@code line}; refusals name their reason. */
    public DialAnswer dial(long callbackId, String consultantLogin, CallPlacement line) {
        Optional<Callback> found = store.find(callbackId);
        if (found.isEmpty()) {
            return DialAnswer.refused(callbackId, "callbackId: no callback " + callbackId);
        }
        Optional<Consultant> consultant = consultants.find(consultantLogin);
        if (consultant.isEmpty()) {
            return DialAnswer.refused(callbackId, "consultantLogin: no consultant '" + consultantLogin + "'");
        }
        Callback callback = found.get();
        Instant now = clock.instant();
        Optional<Instant> window = RecordingAttemptFiring.latestWindow(dataSource, callbackId);
        PreDialDecision decision = PreDialCheck.decide(callback.queueItem(), now, window.orElse(Instant.MAX));
        return switch (decision) {
            case CANCELLED_BY_CALLER ->
                    DialAnswer.refused(callbackId, "cancelled by the caller (solved before we called): not dialled");
            case CLOSED -> DialAnswer.refused(callbackId, "already closed (" + callback.state() + "): not dialled");
            case MOVED_ON -> DialAnswer.refused(callbackId, "no longer waiting to be dialled (" + callback.state() + ")");
            case WINDOW_PASSED, NOT_YET -> replan(callback, consultantLogin, decision, window.orElse(null));
            case DIAL -> start(callback, consultant.get(), window.orElse(null), now, line);
        };
    }

    private DialAnswer replan(Callback callback, String login, PreDialDecision decision, Instant window) {
        long id = callback.id();
        if (callback.state() != CallbackState.CLAIMED || !holds(id, login)) {
            return DialAnswer.refused(id, "pre-dial check says " + decision + "; claim the callback first");
        }
        Callback back = queue.returnForReplan(id, decision, DIALER);
        Callback planned = outcomes.planIfPending(back, "pre-dial check: " + decision);
        String why = decision == PreDialDecision.WINDOW_PASSED
                ? "its window ended at " + times.format(window) + "; the caller may be gone"
                : "the caller asked not to be called before " + times.format(callback.notBefore());
        return DialAnswer.refused(id, "not dialled: " + why + " — re-planned (" + planned.state()
                + (planned.plannedAt() != null && planned.state() == CallbackState.SCHEDULED
                ? " for " + times.format(planned.plannedAt()) : "") + ")");
    }

    private boolean holds(long callbackId, String login) {
        return queue.claimOf(callbackId).map(Claim::consultant).filter(login::equals).isPresent();
    }

    private DialAnswer start(Callback callback, Consultant consultant, Instant window, Instant now,
                             CallPlacement line) {
        long id = callback.id();
        String login = consultant.login();
        if (callback.state() != CallbackState.CLAIMED || !holds(id, login)) {
            return DialAnswer.refused(id, "consultant " + login + " does not hold callback " + id + " ("
                    + callback.state() + "); claim it from the queue first");
        }
        Optional<String> unavailable = line.unavailable();
        if (unavailable.isPresent()) {
            return DialAnswer.refused(id, unavailable.get());
        }
        Attempt attempt;
        try {
            attempt = outcomes.startDialing(id, Actor.consultant(login), null);
        } catch (StaleStateException raced) {
            // A second request for the same callback (a double click) or a cancel won the race.
            return DialAnswer.refused(id, "callback " + id + " moved on meanwhile (" + raced.getMessage()
                    + "); not dialled again");
        }
        return line.place(callback, consultant, attempt, window, now);
    }
}
