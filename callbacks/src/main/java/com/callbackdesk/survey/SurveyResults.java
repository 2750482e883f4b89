package com.callbackdesk.survey;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Survey outcomes. The survey IVR records one after each conversation; the
 * flow, not the consultant's memory, guarantees the transfer, and {@link #answeredWithoutSurvey()}
 * is how we prove it: an answered callback with no survey record is a counted defect that must
 * stay at zero. Survey rows are only ever inserted.
 */
public final class SurveyResults {

    private static final Logger LOG = LogManager.getLogger(SurveyResults.class);

    /**
     * Closed callbacks that had a conversation (the audit trail shows a move to CONNECTED) and
     * have no survey record at all — not even "hung up before scoring".
     */
    private static final String ANSWERED_WITHOUT_SURVEY = "SELECT cb.id FROM callback cb"
            + " WHERE cb.state IN ('RESOLVED', 'CANCELLED', 'EXPIRED', 'UNREACHABLE')"
            + " AND EXISTS (SELECT 1 FROM callback_audit a WHERE a.callback_id = cb.id AND a.action = 'TRANSITION'"
            + " AND a.new_state = 'CONNECTED')"
            + " AND NOT EXISTS (SELECT 1 FROM survey_result s WHERE s.callback_id = cb.id)"
            + " ORDER BY cb.id";

    private final Jdbc jdbc;
    private final Clock clock;

    public SurveyResults(Database database, Clock clock) {
        this(Objects.requireNonNull(database, "database").dataSource(), clock);
    }

    public SurveyResults(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "Survey results");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a survey outcome.
     *
     * @param consultant who talked to the caller; null = the consultant of the callback's latest
     *                   answered attempt (the survey IVR usually knows only the callback id)
     * @param score      1–5 for COMPLETED, null otherwise
     * @param reasonCode optional reason from the survey menu (COMPLETED only)
     * @param callId     the survey leg's Asterisk uniqueid, or null
     * @throws IllegalArgumentException if the score does not fit the state, or no consultant can be found
     */
    public SurveyResult record(long callbackId, String consultant, SurveyState state, Integer score,
                               String reasonCode, String callId) {
        Objects.requireNonNull(state, "state");
        if (state == SurveyState.COMPLETED) {
            if (score == null || score < 1 || score > 5) {
                throw new IllegalArgumentException("A completed survey has a score 1-5, was " + score);
            }
        } else if (score != null || reasonCode != null) {
            throw new IllegalArgumentException("Only a completed survey has a score or reason (" + state + ")");
        }
        if (reasonCode != null && (reasonCode.isBlank() || reasonCode.length() > 64)) {
            throw new IllegalArgumentException("reasonCode must be 1..64 characters: '" + reasonCode + "'");
        }
        SurveyResult stored = jdbc.inTransaction(c -> {
            String who = consultant != null ? consultant : lastAnsweringConsultant(c, callbackId).orElseThrow(
                    () -> new IllegalArgumentException("Callback " + callbackId + " has no answered attempt;"
                            + " say which consultant the survey is for"));
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO survey_result (callback_id, consultant, state,"
                    + " score, reason_code, call_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setLong(1, callbackId);
                ps.setString(2, who);
                ps.setString(3, state.name());
                Jdbc.setInteger(ps, 4, score);
                Jdbc.setString(ps, 5, reasonCode);
                Jdbc.setString(ps, 6, Jdbc.clip(callId, 64));
                Jdbc.setInstant(ps, 7, clock.instant().truncatedTo(ChronoUnit.MICROS));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return byId(c, id);
        });
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            LOG.info("Survey {} for consultant {}{}", state, stored.consultant(), score == null ? "" : " score " + score);
        }
        return stored;
    }

    /** The callback's survey records, oldest first. */
    public List<SurveyResult> forCallback(long callbackId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM survey_result WHERE callback_id = ? ORDER BY id")) {
                ps.setLong(1, callbackId);
                List<SurveyResult> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** The counted defect: ids of closed callbacks that had a conversation but no survey record. */
    public List<Long> answeredWithoutSurvey() {
        return jdbc.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ANSWERED_WITHOUT_SURVEY); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
    }

    /** How many {@link #answeredWithoutSurvey()} there are; the e2e tests prove it stays 0. */
    public int countAnsweredWithoutSurvey() {
        return answeredWithoutSurvey().size();
    }

    private static Optional<String> lastAnsweringConsultant(Connection c, long callbackId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT consultant FROM callback_attempt WHERE callback_id = ?"
                + " AND answered_at IS NOT NULL ORDER BY attempt_no DESC LIMIT 1")) {
            ps.setLong(1, callbackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static SurveyResult byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM survey_result WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return row(rs);
            }
        }
    }

    private static SurveyResult row(ResultSet rs) throws SQLException {
        return new SurveyResult(rs.getLong("id"), rs.getLong("callback_id"), rs.getString("consultant"),
                SurveyState.valueOf(rs.getString("state")), Jdbc.integer(rs, "score"), rs.getString("reason_code"),
                rs.getString("call_id"), Jdbc.instant(rs, "recorded_at"));
    }
}
