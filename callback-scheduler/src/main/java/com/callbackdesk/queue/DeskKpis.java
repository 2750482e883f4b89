package com.callbackdesk.queue;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The figures supervisors compare across consultants and groups (MISSION story 12: in-house
 * and outsourced teams side by side). Read-only SQL over the desk's tables; periods are
 * half-open {@code [from, to)}.
 */
public final class DeskKpis {

    /** Average survey score of one consultant or group. */
    public record ScoreAverage(String key, long surveys, double average) {
    }

    /**
     * Re-contact rate: of the callbacks a group resolved, how many the same caller came back
     * about (same number, product and category) within the repeat-caller policy's N days — i.e.
     * how many were flagged as repeats by {@link RepeatCallerPolicy}. One definition of "came back".
     */
    public record RecontactRate(String group, long resolved, long recontacted) {
        public double rate() {
            return resolved == 0 ? 0.0 : (double) recontacted / resolved;
        }
    }

    /** How many contacts (new requests and requests merged into open ones) a category had. */
    public record CategoryVolume(String product, String category, long contacts) {
    }

    private final Jdbc jdbc;

    public DeskKpis(Database database) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "Desk KPIs");
    }

    /** Average completed-survey score per consultant, by login. */
    public List<ScoreAverage> surveyAverageByConsultant(Instant from, Instant to) {
        return scores("s.consultant", "", from, to);
    }

    /** Average completed-survey score per consultant group (in-house, outsourced, ...), by group. */
    public List<ScoreAverage> surveyAverageByGroup(Instant from, Instant to) {
        return scores("k.team_group", " JOIN consultant k ON k.login = s.consultant", from, to);
    }

    private List<ScoreAverage> scores(String key, String join, Instant from, Instant to) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + key + " AS k, COUNT(*) AS n,"
                    + " AVG(CAST(s.score AS DOUBLE PRECISION)) AS avg_score FROM survey_result s" + join
                    + " WHERE s.state = 'COMPLETED' AND s.recorded_at >= ? AND s.recorded_at < ?"
                    + " GROUP BY " + key + " ORDER BY " + key)) {
                period(ps, 1, from, to);
                List<ScoreAverage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ScoreAverage(rs.getString("k"), rs.getLong("n"), rs.getDouble("avg_score")));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Re-contact rate per consultant group, for callbacks resolved in the period (the group of
     * the consultant whose attempt resolved it). Groups with no resolution in the period are absent.
     */
    public List<RecontactRate> recontactRateByGroup(Instant from, Instant to) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT k.team_group AS g, COUNT(*) AS resolved,"
                    + " SUM(CASE WHEN EXISTS (SELECT 1 FROM repeat_caller_flag f WHERE f.repeat_of = a.callback_id)"
                    + " THEN 1 ELSE 0 END) AS recontacted"
                    + " FROM callback_attempt a JOIN consultant k ON k.login = a.consultant"
                    + " WHERE a.outcome = 'RESOLVED' AND a.ended_at >= ? AND a.ended_at < ?"
                    + " GROUP BY k.team_group ORDER BY k.team_group")) {
                period(ps, 1, from, to);
                List<RecontactRate> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RecontactRate(rs.getString("g"), rs.getLong("resolved"), rs.getLong("recontacted")));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Contacts per product and category in the period, most first: every request counts, also
     * one merged into an open callback — recurring categories are what a company must fix.
     */
    public List<CategoryVolume> contactVolumeByCategory(Instant from, Instant to) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT product, category, COUNT(*) AS n FROM ("
                    + " SELECT product, category FROM callback WHERE created_at >= ? AND created_at < ?"
                    + " UNION ALL"
                    + " SELECT product, category FROM callback_merge WHERE merged_at >= ? AND merged_at < ?"
                    + ") v GROUP BY product, category ORDER BY n DESC, product, category")) {
                period(ps, 1, from, to);
                period(ps, 3, from, to);
                List<CategoryVolume> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CategoryVolume(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    }
                }
                return out;
            }
        });
    }

    private static void period(PreparedStatement ps, int i, Instant from, Instant to) throws java.sql.SQLException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Jdbc.setInstant(ps, i, from);
        Jdbc.setInstant(ps, i + 1, to);
    }
}
