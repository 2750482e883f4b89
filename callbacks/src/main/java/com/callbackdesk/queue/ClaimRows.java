package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code callback_claim} rows: who holds a callback since when, and why a claim ended. Written
 * only inside a callback's transition or update (the queue's claim, release and re-plan, a
 * supervisor's assignment, the outcome of a dial), so a claim row and the state move commit together.
 */
final class ClaimRows {

    /** States in which a claim is still held (the consultant is working the callback). */
    static final String HELD_STATES = "('CLAIMED', 'DIALING', 'CONNECTED')";

    private ClaimRows() {
    }

    record HeldRow(long callbackId, String consultant, Instant claimedAt) {
    }

    private static final String CURRENT = "SELECT cl.callback_id, cl.consultant, cl.claimed_at FROM callback_claim cl"
            + " JOIN callback cb ON cb.id = cl.callback_id"
            + " WHERE cl.ended_at IS NULL AND cb.state IN " + HELD_STATES
            + " AND cl.id = (SELECT MAX(x.id) FROM callback_claim x WHERE x.callback_id = cl.callback_id)";

    static Optional<HeldRow> heldBy(Connection c, String login) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT + " AND cl.consultant = ? ORDER BY cl.id DESC")) {
            ps.setString(1, login);
            return heldRow(ps);
        }
    }

    static Optional<HeldRow> holderRow(Connection c, long callbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT + " AND cl.callback_id = ?")) {
            ps.setLong(1, callbackId);
            return heldRow(ps);
        }
    }

    private static Optional<HeldRow> heldRow(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new HeldRow(rs.getLong(1), rs.getString(2), Jdbc.instant(rs, "claimed_at")))
                    : Optional.empty();
        }
    }

    /** Opens the claim row: {@code login} holds the callback from {@code at}. */
    static void openClaim(Connection c, long callbackId, String login, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO callback_claim (callback_id,"
                + " consultant, claimed_at) VALUES (?, ?, ?)")) {
            ps.setLong(1, callbackId);
            ps.setString(2, login);
            Jdbc.setInstant(ps, 3, at);
            ps.executeUpdate();
        }
    }

    /** Ends the open claim rows of a callback (normally one). */
    static void endClaims(Connection c, long callbackId, Instant at, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE callback_claim SET ended_at = ?, end_reason = ?"
                + " WHERE callback_id = ? AND ended_at IS NULL")) {
            Jdbc.setInstant(ps, 1, at);
            ps.setString(2, Jdbc.clip(reason, 64));
            ps.setLong(3, callbackId);
            ps.executeUpdate();
        }
    }

    /**
     * Inside a transition's transaction (the callback has just moved): the holder before the move
     * must be {@code who} if {@code who} is a consultant; supervisors and the system may act on
     * anyone's claim (reassignment, the dialer).
     *
     * @return the holder's login
     */
    static String requireHolderOrSupervisor(Connection c, long callbackId, Actor who, String action)
            throws SQLException {
        String holder = lastOpenClaim(c, callbackId).orElseThrow(() -> new ClaimRefusedException(
                "Callback " + callbackId + " has no current claim; nobody can " + action + " it"));
        if (who.kind() == Actor.Kind.CONSULTANT && !who.name().equals(holder)) {
            throw new ClaimRefusedException("Callback " + callbackId + " is held by " + holder + "; " + who.name()
                    + " cannot " + action + " it (a supervisor can)");
        }
        return holder;
    }

    /** The consultant of the callback's newest open claim row (no state filter: used mid-transition). */
    static Optional<String> lastOpenClaim(Connection c, long callbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT consultant FROM callback_claim WHERE callback_id = ?"
                + " AND ended_at IS NULL ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, callbackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
