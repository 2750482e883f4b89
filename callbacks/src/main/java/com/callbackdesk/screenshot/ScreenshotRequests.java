package com.callbackdesk.screenshot;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackLifecycle;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The screenshot step of callbacks whose category needs a screen: the link
 * is created, sent by SMS or e-mail (by Camel), and the caller uploads or declines. Each row
 * keeps every timestamp and the last actor, so the console shows what happened and when.
 * Thread-safe; each method is one transaction.
 */
public final class ScreenshotRequests {

    private static final Logger LOG = LogManager.getLogger(ScreenshotRequests.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbc jdbc;
    private final Clock clock;

    public ScreenshotRequests(Database database, Clock clock) {
        this(Objects.requireNonNull(database, "database").dataSource(), clock);
    }

    public ScreenshotRequests(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "Screenshot requests");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates a request with a fresh unguessable token (the upload link's secret), REQUESTED. */
    public ScreenshotRequest request(long callbackId, ScreenshotChannel channel, Actor who) {
        return request(callbackId, channel, who, null);
    }

    /**
     * Like {@link #request(long, ScreenshotChannel, Actor)}, with a note saying why the channel
     * differs from the caller's choice (may be null). Writes a SCREENSHOT audit row of the callback
     * in the same transaction.
     */
    public ScreenshotRequest request(long callbackId, ScreenshotChannel channel, Actor who, String note) {
        return create(callbackId, channel, who, note, Condition.ALWAYS).orElseThrow();
    }

    /**
     * Like {@link #request(long, ScreenshotChannel, Actor, String)}, only if the callback has no
     * request yet — decided under a lock on the callback row, so two nodes (or the start-up sweep
     * and a merged call) never both create one.
     *
     * @return the new request, or empty when the callback already had one
     */
    public Optional<ScreenshotRequest> requestIfNone(long callbackId, ScreenshotChannel channel, Actor who,
                                                     String note) {
        return create(callbackId, channel, who, note, Condition.IF_NONE);
    }

    /**
     * A new request after the callback's newest one FAILED (the gateway is back, the address was
     * corrected) — decided under the same lock, so two clicks make one.
     *
     * @return the new request, or empty when the newest request is not FAILED (or there is none)
     */
    public Optional<ScreenshotRequest> requestAgainIfFailed(long callbackId, ScreenshotChannel channel, Actor who,
                                                            String note) {
        return create(callbackId, channel, who, note, Condition.IF_LATEST_FAILED);
    }

    /**
     * A check run inside a screenshot change's transaction, after the callback row is locked (e.g.
     * "only the consultant holding the callback, or a supervisor"); it refuses by throwing.
     */
    @FunctionalInterface
    public interface Guard {
        Guard NONE = c -> { };

        void check(Connection c) throws SQLException;
    }

    /**
     * A new link for a callback whose caller asks for it again (desk staff on the phone), whatever
     * became of the earlier ones — decided under a lock on the callback row, after {@code guard}:
     * refused while the callback is closed or a screenshot was already received, and when the newest
     * request is younger than {@code minInterval} ({@link ResendTooSoonException}, nothing created).
     * Earlier links stay valid: an upload on any of them completes the step.
     */
    public ScreenshotRequest requestAgain(long callbackId, ScreenshotChannel channel, Actor who, String note,
                                          Duration minInterval, Guard guard) {
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(guard, "guard");
        return create(callbackId, channel, who, note, Condition.AGAIN, minInterval, guard).orElseThrow();
    }

    private enum Condition { ALWAYS, IF_NONE, IF_LATEST_FAILED, AGAIN }

    private Optional<ScreenshotRequest> create(long callbackId, ScreenshotChannel channel, Actor who, String note,
                                               Condition condition) {
        return create(callbackId, channel, who, note, condition, Duration.ZERO, Guard.NONE);
    }

    private Optional<ScreenshotRequest> create(long callbackId, ScreenshotChannel channel, Actor who, String note,
                                               Condition condition, Duration minInterval, Guard guard) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(who, "who");
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Optional<ScreenshotRequest> created = jdbc.inTransaction(c -> {
            if (condition != Condition.ALWAYS) {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM callback WHERE id = ? FOR UPDATE")) {
                    ps.setLong(1, callbackId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new NoSuchElementException("No callback " + callbackId);
                        }
                    }
                }
                if (condition == Condition.AGAIN) {
                    requireOpen(c, callbackId, "send the screenshot link again");
                    guard.check(c);
                    requireAgainAllowed(c, callbackId, minInterval);
                    return byToken(c, insert(c, callbackId, channel, who, note, token), false);
                }
                String latest = latestState(c, callbackId);
                boolean go = condition == Condition.IF_NONE ? latest.equals("none")
                        : latest.equals(ScreenshotState.FAILED.name());
                if (!go) {
                    return Optional.<ScreenshotRequest>empty();
                }
            }
            return byToken(c, insert(c, callbackId, channel, who, note, token), false);
        });
        if (created.isPresent()) {
            log(callbackId, "Screenshot link requested by {} via {}", who, channel);
        }
        return created;
    }

    /** Inserts a REQUESTED row and its audit row; returns the token. */
    private String insert(Connection c, long callbackId, ScreenshotChannel channel, Actor who, String note,
                          String token) throws SQLException {
        Instant at = now();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO screenshot_request (callback_id, channel,"
                + " token, state, requested_at, updated_by, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, callbackId);
            ps.setString(2, channel.name());
            ps.setString(3, token);
            ps.setString(4, ScreenshotState.REQUESTED.name());
            Jdbc.setInstant(ps, 5, at);
            ps.setString(6, who.toString());
            Jdbc.setString(ps, 7, Jdbc.clip(note, 1000));
            ps.executeUpdate();
        }
        CallbackLifecycle.auditEvent(c, callbackId, at, who, AuditEntry.Action.SCREENSHOT,
                "screenshot link requested via " + channel, note == null ? null : "note: " + note);
        return token;
    }

    private static void requireOpen(Connection c, long callbackId, String action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM callback WHERE id = ?")) {
            ps.setLong(1, callbackId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("No callback " + callbackId);
                }
                CallbackState state = CallbackState.valueOf(rs.getString(1));
                if (state.isClosed()) {
                    throw new IllegalStateException("Callback " + callbackId + " is closed ("
                            + state.name().toLowerCase(java.util.Locale.ROOT) + "); nobody can " + action + " now");
                }
            }
        }
    }

    private void requireAgainAllowed(Connection c, long callbackId, Duration minInterval) throws SQLException {
        if (received(c, callbackId)) {
            throw new IllegalStateException("Callback " + callbackId + " already has its screenshot; no new link"
                    + " is needed");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(requested_at) AS last_at FROM screenshot_request"
                + " WHERE callback_id = ?")) {
            ps.setLong(1, callbackId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Instant last = Jdbc.instant(rs, "last_at");
                Instant allowed = last == null ? null : last.plus(minInterval);
                Instant now = now();
                if (allowed != null && now.isBefore(allowed)) {
                    long seconds = Math.max(1, (Duration.between(now, allowed).toMillis() + 999) / 1000);
                    throw new ResendTooSoonException(callbackId, seconds, "A screenshot link went to the caller of"
                            + " callback " + callbackId + " less than " + minInterval.toSeconds() + " seconds ago;"
                            + " wait " + seconds + " seconds before sending another");
                }
            }
        }
    }

    /** Whether a screenshot arrived: an upload, or one recorded as received by other means. */
    private static boolean received(Connection c, long callbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM screenshot_request WHERE"
                + " callback_id = ? AND state = 'RECEIVED') + (SELECT COUNT(*) FROM screenshot_completion WHERE"
                + " callback_id = ? AND outcome = 'RECEIVED_OTHER_MEANS')")) {
            ps.setLong(1, callbackId);
            ps.setLong(2, callbackId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Desk staff complete the step for the caller: the screenshot came another way, or the caller
     * declined on the phone — with a required reason (at most {@link ScreenshotCompletion#MAX_REASON}
     * characters), under a lock on the callback row and after {@code guard}, in one transaction with
     * the SCREENSHOT audit row (who, when, why). Refused while the callback is closed.
     */
    public ScreenshotCompletion complete(long callbackId, ScreenshotCompletion.Kind kind, String reason, Actor who,
                                         Guard guard) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(guard, "guard");
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new com.callbackdesk.callback.InvalidFieldException("reason", "required: say how the screenshot"
                    + " came or why the caller declined");
        }
        if (why.length() > ScreenshotCompletion.MAX_REASON) {
            throw new com.callbackdesk.callback.InvalidFieldException("reason", "at most "
                    + ScreenshotCompletion.MAX_REASON + " characters, was " + why.length());
        }
        ScreenshotCompletion done = jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM callback WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, callbackId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("No callback " + callbackId);
                    }
                }
            }
            requireOpen(c, callbackId, "record its screenshot step");
            guard.check(c);
            Instant at = now();
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO screenshot_completion (callback_id, outcome,"
                    + " reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setLong(1, callbackId);
                ps.setString(2, kind.name());
                ps.setString(3, why);
                ps.setString(4, who.toString());
                Jdbc.setInstant(ps, 5, at);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            CallbackLifecycle.auditEvent(c, callbackId, at, who, AuditEntry.Action.SCREENSHOT,
                    "screenshot " + kind.words() + ": " + why, "screenshot step completed by the desk: " + kind
                            + "; reason: " + why);
            return new ScreenshotCompletion(id, callbackId, kind, why, who.toString(), at);
        });
        log(callbackId, "Screenshot step recorded {} by {}", kind, who);
        return done;
    }

    /** What desk staff recorded for the callback's screenshot step, oldest first. */
    public List<ScreenshotCompletion> completions(long callbackId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM screenshot_completion WHERE callback_id = ? ORDER BY id")) {
                ps.setLong(1, callbackId);
                List<ScreenshotCompletion> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ScreenshotCompletion(rs.getLong("id"), callbackId,
                                ScreenshotCompletion.Kind.valueOf(rs.getString("outcome")), rs.getString("reason"),
                                rs.getString("recorded_by"), Jdbc.instant(rs, "recorded_at")));
                    }
                }
                return out;
            }
        });
    }

    /** The gateway or mail server accepted the message. */
    public ScreenshotRequest markSent(String token, Actor who) {
        return markSent(token, null, who);
    }

    /** The gateway or mail server accepted the message for {@code sentTo} (number or address; may be null). */
    public ScreenshotRequest markSent(String token, String sentTo, Actor who) {
        return move(token, ScreenshotState.SENT, who, null, null, sentTo);
    }

    /** The caller uploaded; {@code file} says where the app stored it. */
    public ScreenshotRequest markReceived(String token, StoredFile file, Actor who) {
        Objects.requireNonNull(file, "file");
        return move(token, ScreenshotState.RECEIVED, who, file, null, null);
    }

    /** The caller will not send one (said so on the phone, or pressed "I can't" on the page). */
    public ScreenshotRequest markDeclined(String token, Actor who) {
        return move(token, ScreenshotState.DECLINED, who, null, null, null);
    }

    /** Sending failed; {@code reason} as the gateway said it. */
    public ScreenshotRequest markFailed(String token, String reason, Actor who) {
        Objects.requireNonNull(reason, "reason");
        return move(token, ScreenshotState.FAILED, who, null, reason, null);
    }

    public Optional<ScreenshotRequest> findByToken(String token) {
        Objects.requireNonNull(token, "token");
        return jdbc.read(c -> byToken(c, token, false));
    }

    /** The callback's requests, oldest first. */
    public List<ScreenshotRequest> forCallback(long callbackId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM screenshot_request WHERE callback_id = ? ORDER BY id")) {
                ps.setLong(1, callbackId);
                List<ScreenshotRequest> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Whether the callback's screenshot step is done — some request RECEIVED or DECLINED, the
     * caller already declined in the IVR ({@link ScreenshotChoice#DECLINED}, recorded at intake),
     * or desk staff recorded it ({@link #complete}) — read on {@code c}, so a closing transition can
     * check it in its own transaction.
     */
    public static boolean stepDone(Connection c, Callback callback) throws SQLException {
        if (callback.screenshotChoice() == ScreenshotChoice.DECLINED) {
            return true;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM screenshot_request"
                + " WHERE callback_id = ? AND state IN ('RECEIVED', 'DECLINED')) + (SELECT COUNT(*) FROM"
                + " screenshot_completion WHERE callback_id = ?)")) {
            ps.setLong(1, callback.id());
            ps.setLong(2, callback.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The callback's newest request state, for error messages ("none" when never requested). */
    public static String latestState(Connection c, long callbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM screenshot_request WHERE callback_id = ?"
                + " ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, callbackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "none";
            }
        }
    }

    /**
     * Requests whose message is not out yet (REQUESTED) of callbacks still open — what a crash
     * between creating the request and sending it leaves behind — oldest first.
     */
    public List<ScreenshotRequest> awaitingSend() {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT r.* FROM screenshot_request r JOIN callback b"
                    + " ON b.id = r.callback_id WHERE r.state = 'REQUESTED' AND b.state NOT IN (" + closedStates()
                    + ") ORDER BY r.id")) {
                List<ScreenshotRequest> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Open callbacks whose caller chose a link (SMS or e-mail) and that have no request at all —
     * committed, and the process stopped before the link step ran — oldest first.
     */
    public List<Long> callbacksWithoutRequest() {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT b.id FROM callback b WHERE b.screenshot_choice IN"
                    + " ('SMS', 'EMAIL') AND b.state NOT IN (" + closedStates() + ") AND NOT EXISTS (SELECT 1 FROM"
                    + " screenshot_request r WHERE r.callback_id = b.id) ORDER BY b.id")) {
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    private static String closedStates() {
        StringBuilder sb = new StringBuilder();
        for (CallbackState s : CallbackState.values()) {
            if (s.isClosed()) {
                sb.append(sb.length() == 0 ? "" : ", ").append('\'').append(s.name()).append('\'');
            }
        }
        return sb.toString();
    }

    private ScreenshotRequest move(String token, ScreenshotState to, Actor who, StoredFile file, String failure,
                                   String sentTo) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(who, "who");
        ScreenshotRequest after = jdbc.inTransaction(c -> {
            ScreenshotRequest before = byToken(c, token, true)
                    .orElseThrow(() -> new NoSuchElementException("No screenshot request with that token"));
            if (before.state() == to) {
                return before; // a resent webhook or a double click: already so
            }
            if (!before.state().canMoveTo(to)) {
                throw new IllegalStateException("Screenshot request " + before.id() + " of callback "
                        + before.callbackId() + " is " + before.state() + "; it cannot become " + to);
            }
            String column = switch (to) {
                case SENT -> "sent_at";
                case RECEIVED -> "received_at";
                case DECLINED -> "declined_at";
                case FAILED -> "failed_at";
                case REQUESTED -> throw new IllegalArgumentException("REQUESTED is only the first state");
            };
            Instant at = now();
            try (PreparedStatement ps = c.prepareStatement("UPDATE screenshot_request SET state = ?, " + column
                    + " = ?, updated_by = ?, failure = COALESCE(?, failure), file_path = COALESCE(?, file_path),"
                    + " content_type = COALESCE(?, content_type), size_bytes = COALESCE(?, size_bytes),"
                    + " sent_to = COALESCE(?, sent_to) WHERE id = ? AND state = ?")) {
                ps.setString(1, to.name());
                Jdbc.setInstant(ps, 2, at);
                ps.setString(3, who.toString());
                Jdbc.setString(ps, 4, Jdbc.clip(failure, 1000));
                Jdbc.setString(ps, 5, file == null ? null : file.path());
                Jdbc.setString(ps, 6, file == null ? null : file.contentType());
                if (file == null) {
                    ps.setNull(7, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(7, file.sizeBytes());
                }
                Jdbc.setString(ps, 8, Jdbc.clip(sentTo, 254));
                ps.setLong(9, before.id());
                ps.setString(10, before.state().name());
                ps.executeUpdate();
            }
            String detail = "screenshot: " + before.state() + " → " + to
                    + (sentTo == null ? "" : "; sentTo: " + sentTo)
                    + (file == null ? "" : "; file: " + file.path() + " (" + file.contentType() + ", "
                    + file.sizeBytes() + " bytes)")
                    + (failure == null ? "" : "; failure: " + failure);
            CallbackLifecycle.auditEvent(c, before.callbackId(), at, who, AuditEntry.Action.SCREENSHOT,
                    "screenshot step " + to.name().toLowerCase(java.util.Locale.ROOT), detail);
            return byToken(c, token, false).orElseThrow();
        });
        log(after.callbackId(), "Screenshot request {} by {}", to, who);
        return after;
    }

    private static Optional<ScreenshotRequest> byToken(Connection c, String token, boolean forUpdate)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM screenshot_request WHERE token = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static ScreenshotRequest row(ResultSet rs) throws SQLException {
        String path = rs.getString("file_path");
        StoredFile file = path == null ? null
                : new StoredFile(path, rs.getString("content_type"), rs.getLong("size_bytes"));
        return new ScreenshotRequest(rs.getLong("id"), rs.getLong("callback_id"),
                ScreenshotChannel.valueOf(rs.getString("channel")), rs.getString("token"),
                ScreenshotState.valueOf(rs.getString("state")), Jdbc.instant(rs, "requested_at"),
                Jdbc.instant(rs, "sent_at"), Jdbc.instant(rs, "received_at"), Jdbc.instant(rs, "declined_at"),
                Jdbc.instant(rs, "failed_at"), rs.getString("failure"), file, rs.getString("updated_by"),
                rs.getString("sent_to"), rs.getString("note"));
    }

    private static void log(long callbackId, String message, Object a, Object b) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            LOG.info(message, a, b);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
