package com.callbackdesk.queue;

import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.labels.HumanTime;
import com.callbackdesk.planning.OutcomeLabels;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Attempts and their outcomes. The dialer calls {@link #startDialing} (CLAIMED → DIALING, a new
 * {@code callback_attempt} row) and reports what it sees on the line; the consultant records what
 * came of the conversation. Each outcome is one audited transition of the callback
 * ({@link OutcomeCode#from()} → {@link OutcomeCode#to()}) committed together with the attempt
 * row, the claim's end and the note, and refused — with nothing written — when it breaks a rule
 * ({@link OutcomeRefusedException#rule()}):
 * <ul>
 *   <li>{@code SCREENSHOT_BEFORE_RESOLVED}: a callback whose category needs a screen is
 *       RESOLVED only when its screenshot step is done — uploaded or declined by the caller, or
 *       recorded by desk staff as received by other means or declined on the phone. Checked inside the closing
 *       transaction, so no upload state can slip in between check and close;
 *   <li>{@code CLAIM_HOLDER}: a consultant records outcomes only for the callback they hold;
 *   <li>{@code CALL_BACK_TIME_IN_FUTURE}, {@code ESCALATION_GOES_UP}.
 * </ul>
 * Outcomes that move the callback to PENDING (no answer, busy, congestion, call back at T, left
 * for the day) mean "plan the next attempt": the caller of this class hands it to the retry
 * planner, which reads the attempt rows (the outcome changes the next plan).
 */
public final class OutcomeRecorder {

    private static final Logger LOG = LogManager.getLogger(OutcomeRecorder.class);

    private final HumanTime times;
    private final Jdbc jdbc;
    private final CallbackStore store;
    private final ConsultantDirectory consultants;
    private final Set<String> categoriesNeedingScreen;
    private final Clock clock;

    /**
     * @param categoriesNeedingScreen category codes whose callbacks need the screenshot step (the
     *                                IVR catalogue's {@code needsScreen}; the app passes them)
     */
    public OutcomeRecorder(Database database, CallbackStore store, ConsultantDirectory consultants,
                           Set<String> categoriesNeedingScreen, Clock clock) {
        this(database, store, consultants, categoriesNeedingScreen, clock, ZoneOffset.UTC);
    }

    /** {@code officeZone}: the zone the audit texts give times in (a person reads them). */
    public OutcomeRecorder(Database database, CallbackStore store, ConsultantDirectory consultants,
                           Set<String> categoriesNeedingScreen, Clock clock, ZoneId officeZone) {
        this.times = HumanTime.in(officeZone);
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "Outcome recorder");
        this.store = Objects.requireNonNull(store, "store");
        this.consultants = Objects.requireNonNull(consultants, "consultants");
        this.categoriesNeedingScreen = Set.copyOf(categoriesNeedingScreen);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether closing this category as resolved needs the screenshot step. */
    public boolean needsScreen(String category) {
        return categoriesNeedingScreen.contains(category);
    }

    /**
     * The dialer is about to ring the consultant: CLAIMED → DIALING and a new attempt (numbered
     * after the callback's earlier attempts, with the claim holder as consultant and the
     * callback's policy version). Call only after {@link com.callbackdesk.planning.queue.PreDialCheck} said DIAL.
     *
     * @param consultantCall Asterisk uniqueid of the consultant leg, if already known (may be null)
     */
    public Attempt startDialing(long callbackId, Actor who, String consultantCall) {
        AtomicReference<Long> attemptId = new AtomicReference<>();
        store.lifecycle().transition(callbackId, CallbackState.CLAIMED, CallbackState.DIALING, CallbackChange.none(), who,
                "dialing", (c, after) -> {
                    String holder = ClaimRows.requireHolderOrSupervisor(c, callbackId, who, "dial");
                    attemptId.set(insertAttempt(c, after, holder, consultantCall));
                });
        return jdbc.read(c -> attempt(c, "id = ?", attemptId.get())).orElseThrow();
    }

    /** The caller answered: DIALING → CONNECTED, the attempt notes when and the caller leg's uniqueid. */
    public Callback answered(long callbackId, Actor who, String callerCall) {
        return record(callbackId, who, Outcome.of(OutcomeCode.ANSWERED), null, callerCall);
    }

    /**
     * Records an outcome (see the class comment for the rules).
     *
     * @param note optional note for the next consultant (stored in {@code callback_note}); may be null
     * @return the callback after the move
     * @throws OutcomeRefusedException  if a rule refuses it (nothing written)
     * @throws com.callbackdesk.callback.StaleStateException if the callback is not in {@link OutcomeCode#from()}
     */
    /** How this recorder's audit texts write times (the office zone). */
    public HumanTime times() {
        return times;
    }

    public Callback record(long callbackId, Actor who, Outcome outcome, String note) {
        return record(callbackId, who, outcome, note, null);
    }

    private Callback record(long callbackId, Actor who, Outcome outcome, String note, String callerCall) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(outcome, "outcome");
        OutcomeCode code = outcome.code();
        CallbackChange change = changeOf(callbackId, outcome);
        AtomicReference<String> holderRef = new AtomicReference<>();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            Callback after = store.lifecycle().transition(callbackId, code.from(), code.to(), change, who, "outcome " + outcome.describe(times),
                    (c, moved) -> holderRef.set(writeOutcome(c, callbackId, moved, who, outcome, note, callerCall)));
            LOG.info("Outcome {} recorded by {} (consultant {}), callback now {}", outcome, who, holderRef.get(),
                    after.state());
            if (code == OutcomeCode.CONSULTANT_NO_ANSWER) {
                // Like Asterisk queues' autopause: a consultant who does not pick up their own phone
                // is not really available; without this the queue would offer them the next one at once.
                // Not for CONSULTANT_CANCELLED (they were at their phone: they hung up) nor for
                // PBX_RESTART (nobody's doing): both only send the callback back to the queue.
                consultants.setState(holderRef.get(), ConsultantState.AWAY, Actor.system("dialer"),
                        "did not answer the dialer for callback " + callbackId);
            }
            return after;
        }
    }

    /**
     * What the outcome changes on the callback besides its state (a caller's chosen time, a higher
     * escalation level); refused before anything is written if the time has passed or the level
     * does not go up.
     */
    private CallbackChange changeOf(long callbackId, Outcome outcome) {
        OutcomeCode code = outcome.code();
        CallbackChange change = CallbackChange.none();
        if (code == OutcomeCode.CALL_BACK_AT) {
            if (!outcome.callBackAt().isAfter(clock.instant())) {
                throw new OutcomeRefusedException(OutcomeRefusedException.Rule.CALL_BACK_TIME_IN_FUTURE, callbackId,
                        "the time the caller chose (" + outcome.callBackAt() + ") has already passed");
            }
            change = change.notBefore(outcome.callBackAt());
        }
        if (code == OutcomeCode.ESCALATE) {
            Callback now = store.find(callbackId).orElseThrow(() -> new NoSuchElementException("No callback " + callbackId));
            if (outcome.escalateTo().compareTo(now.escalationLevel()) <= 0) {
                throw new OutcomeRefusedException(OutcomeRefusedException.Rule.ESCALATION_GOES_UP, callbackId,
                        "it is already " + now.escalationLevel() + "; escalating means raising it above that");
            }
            change = change.escalationLevel(outcome.escalateTo());
        }
        return change;
    }

    /**
     * Inside the transition's transaction: checks the claim holder (and the screenshot step for
     * RESOLVED), then notes the outcome on the running attempt, ends the claim unless the caller
     * just answered, and stores the note. Returns the claim holder.
     */
    private String writeOutcome(Connection c, long callbackId, Callback moved, Actor who, Outcome outcome,
                                String note, String callerCall) throws SQLException {
        OutcomeCode code = outcome.code();
        String holder = requireHolder(c, callbackId, who);
        if (code == OutcomeCode.RESOLVED) {
            requireScreenshotStep(c, moved);
        }
        long attemptId = runningAttempt(c, callbackId);
        Instant at = moved.updatedAt();
        if (code == OutcomeCode.ANSWERED) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callback_attempt SET answered_at = ?,"
                    + " caller_call = COALESCE(?, caller_call) WHERE id = ?")) {
                Jdbc.setInstant(ps, 1, at);
                Jdbc.setString(ps, 2, Jdbc.clip(callerCall, 64));
                ps.setLong(3, attemptId);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callback_attempt SET ended_at = ?,"
                    + " outcome = ?, call_back_at = ? WHERE id = ?")) {
                Jdbc.setInstant(ps, 1, at);
                ps.setString(2, code.name());
                Jdbc.setInstant(ps, 3, outcome.callBackAt());
                ps.setLong(4, attemptId);
                ps.executeUpdate();
            }
            ClaimRows.endClaims(c, callbackId, at, code.name());
            if (code.againstConsultant()) {
                ConsultantDirectory.auditDialFault(c, holder, at, who, OutcomeLabels.label(code) + " (callback "
                        + callbackId + ", attempt ended " + code.name() + "); not an attempt on the caller, the"
                        + " callback went back to the queue", "outcome: " + code.name());
            }
        }
        if (note != null && !note.isBlank()) {
            CallbackNotes.insert(c, callbackId, who, at, note);
        }
        return holder;
    }

    /** The callback's attempts, oldest first. */
    public List<Attempt> attempts(long callbackId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM callback_attempt WHERE callback_id = ? ORDER BY attempt_no")) {
                ps.setLong(1, callbackId);
                List<Attempt> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    // ------------------------------------------------------------------ rules

    private static String requireHolder(Connection c, long callbackId, Actor who) throws SQLException {
        Optional<String> holder = ClaimRows.lastOpenClaim(c, callbackId);
        if (holder.isEmpty()) {
            throw new IllegalStateException("Callback " + callbackId + " has no current claim; outcomes are recorded"
                    + " for claimed callbacks");
        }
        if (who.kind() == Actor.Kind.CONSULTANT && !who.name().equals(holder.get())) {
            throw new OutcomeRefusedException(OutcomeRefusedException.Rule.CLAIM_HOLDER, callbackId,
                    "it is held by " + holder.get() + "; " + who.name() + " cannot record its outcome");
        }
        return holder.get();
    }

    private void requireScreenshotStep(Connection c, Callback callback) throws SQLException {
        if (!needsScreen(callback.category()) || ScreenshotRequests.stepDone(c, callback)) {
            return;
        }
        throw new OutcomeRefusedException(OutcomeRefusedException.Rule.SCREENSHOT_BEFORE_RESOLVED, callback.id(),
                "a callback about '" + callback.category() + "' can be closed as resolved only once the caller's"
                        + " screenshot has arrived or the caller has declined to send one, and so far "
                        + stepSoFar(ScreenshotRequests.latestState(c, callback.id()))
                        + ". If the caller sent it another way or declined on the phone, record that on the"
                        + " screenshot step with a reason; otherwise send the link again and wait for the upload.");
    }

    /** The screenshot step's newest state in plain words, for the refusal above. */
    private static String stepSoFar(String latestState) {
        return switch (latestState) {
            case "none" -> "no link has been sent";
            case "REQUESTED" -> "the link is on its way to the caller";
            case "SENT" -> "the link was sent but nothing has come back";
            case "FAILED" -> "the link could not be sent";
            default -> "the screenshot step is not done";
        };
    }

    // ------------------------------------------------------------------ rows

    private static long insertAttempt(Connection c, Callback callback, String consultant, String consultantCall)
            throws SQLException {
        int next;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(attempt_no), 0) + 1 FROM callback_attempt WHERE callback_id = ?")) {
            ps.setLong(1, callback.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO callback_attempt (callback_id, attempt_no,"
                + " consultant, started_at, consultant_call, policy_version) VALUES (?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ps.setLong(1, callback.id());
            ps.setInt(2, next);
            ps.setString(3, consultant);
            Jdbc.setInstant(ps, 4, callback.updatedAt());
            Jdbc.setString(ps, 5, Jdbc.clip(consultantCall, 64));
            Jdbc.setInteger(ps, 6, callback.policyVersion());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static long runningAttempt(Connection c, long callbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM callback_attempt WHERE callback_id = ?"
                + " AND ended_at IS NULL ORDER BY attempt_no DESC LIMIT 1")) {
            ps.setLong(1, callbackId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Callback " + callbackId + " has no attempt in progress;"
                            + " the dialer starts one with startDialing");
                }
                return rs.getLong(1);
            }
        }
    }

    private static Optional<Attempt> attempt(Connection c, String where, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM callback_attempt WHERE " + where)) {
            ps.setLong(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static Attempt row(ResultSet rs) throws SQLException {
        return new Attempt(rs.getLong("id"), rs.getLong("callback_id"), rs.getInt("attempt_no"),
                rs.getString("consultant"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "answered_at"),
                Jdbc.instant(rs, "ended_at"), rs.getString("outcome"), Jdbc.instant(rs, "call_back_at"),
                rs.getString("consultant_call"), rs.getString("caller_call"), Jdbc.integer(rs, "policy_version"));
    }
}
