package com.callbackdesk.queue;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The figures supervisors compare across consultants and groups (in-house
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
     * Dials a consultant ended themselves in the period, by login: their phone did not answer the
     * dialer ({@code CONSULTANT_NO_ANSWER}), or they hung up while the caller's phone was still
     * ringing ({@code CONSULTANT_CANCELLED}). Neither counts as an attempt on the caller; both
     * count here. A PBX restart counts for nobody. Consultants with none are absent.
     */
    public record DialFaults(String consultant, long noAnswer, long cancelled) {
        public long total() {
            return noAnswer + cancelled;
        }
    }

    /** {@link DialFaults} per consultant for attempts that ended in the period, by login. */
    public List<DialFaults> dialFaultsByConsultant(Instant from, Instant to) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT consultant,"
                    + " SUM(CASE WHEN outcome = 'CONSULTANT_NO_ANSWER' THEN 1 ELSE 0 END) AS no_answer,"
                    + " SUM(CASE WHEN outcome = 'CONSULTANT_CANCELLED' THEN 1 ELSE 0 END) AS cancelled"
                    + " FROM callback_attempt WHERE outcome IN ('CONSULTANT_NO_ANSWER', 'CONSULTANT_CANCELLED')"
                    + " AND ended_at >= ? AND ended_at < ? GROUP BY consultant ORDER BY consultant")) {
                period(ps, 1, from, to);
                List<DialFaults> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DialFaults(rs.getString(1), rs.getLong(2), rs.getLong(3)));
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

    // ------------------------------------------------------------------ handle time

    /**
     * Average handle time (AHT) of one consultant or group, as contact centres define it: talk
     * plus after-call work — from the attempt's {@code answered_at} (the caller picked up) to its
     * {@code ended_at} (the consultant recorded the outcome). Only answered attempts that ended
     * in the period count; every outcome after an answer counts (resolved, "call me later",
     * wrong number, ...), as the phone time was spent either way.
     *
     * <p>{@code medianSeconds} and {@code p90Seconds} are nearest-rank percentiles of the handle
     * times in whole seconds (rounded down); {@code averageSeconds} is exact.
     */
    public record HandleTime(String key, long answered, double averageSeconds, long medianSeconds, long p90Seconds) {
    }

    /** Average handle time per consultant, by login (see {@link HandleTime}). */
    public List<HandleTime> handleTimeByConsultant(Instant from, Instant to) {
        return handleTimes("a.consultant", "", from, to);
    }

    /** Average handle time per consultant group (in-house, outsourced, ...), by group (see {@link HandleTime}). */
    public List<HandleTime> handleTimeByGroup(Instant from, Instant to) {
        return handleTimes("k.team_group", " JOIN consultant k ON k.login = a.consultant", from, to);
    }

    private static final int HANDLE_TIME_FETCH = 500;

    /**
     * Durations are computed in Java from the two instants: interval arithmetic differs between
     * H2 and PostgreSQL. Rows arrive ordered by key, so only one key is aggregated at a time, and
     * per key only a count per whole second is kept — memory grows with the longest call, not
     * with the number of attempts in the period.
     */
    private List<HandleTime> handleTimes(String key, String join, Instant from, Instant to) {
        // A transaction, not a plain read: PostgreSQL's driver only streams (fetch size) with
        // auto-commit off; otherwise a month of attempts would be loaded at once.
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + key + " AS k, a.answered_at, a.ended_at"
                    + " FROM callback_attempt a" + join
                    + " WHERE a.answered_at IS NOT NULL AND a.ended_at >= ? AND a.ended_at < ?"
                    + " ORDER BY " + key)) {
                period(ps, 1, from, to);
                ps.setFetchSize(HANDLE_TIME_FETCH);
                List<HandleTime> out = new ArrayList<>();
                HandleTimeTally tally = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String k = rs.getString("k");
                        if (tally == null || !tally.key.equals(k)) {
                            if (tally != null) {
                                out.add(tally.result());
                            }
                            tally = new HandleTimeTally(k);
                        }
                        tally.add(Jdbc.instant(rs, "answered_at"), Jdbc.instant(rs, "ended_at"));
                    }
                }
                if (tally != null) {
                    out.add(tally.result());
                }
                return out;
            }
        });
    }

    /** Handle times of one key: exact sum for the average, a count per whole second for the percentiles. */
    private static final class HandleTimeTally {
        final String key;
        final TreeMap<Long, Long> perSecond = new TreeMap<>();
        long n;
        long totalMillis;

        HandleTimeTally(String key) {
            this.key = key;
        }

        void add(Instant answered, Instant ended) {
            // Clamped at zero: two nodes' clocks may disagree by a little, and a negative handle
            // time would only drag the average down.
            long millis = Math.max(0, Duration.between(answered, ended).toMillis());
            n++;
            totalMillis += millis;
            perSecond.merge(millis / 1000, 1L, Long::sum);
        }

        HandleTime result() {
            return new HandleTime(key, n, totalMillis / 1000.0 / n, percentile(50), percentile(90));
        }

        /** Nearest rank: the smallest time that at least {@code percent} % of the attempts did not exceed. */
        private long percentile(int percent) {
            // ceil(n * percent / 100) in integers: 0.9 * 70 is 63.00000000000001 in doubles
            long rank = Math.max(1, (n * percent + 99) / 100);
            long seen = 0;
            for (Map.Entry<Long, Long> e : perSecond.entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    return e.getKey();
                }
            }
            throw new IllegalStateException("rank " + rank + " beyond " + n + " handle times of " + key);
        }
    }

    // ------------------------------------------------------------------ the dashboard

    /** Survey legs recorded in a period and how many of them were completed with a score. */
    public record SurveyCompletion(long recorded, long completed) {
        public double rate() {
            return recorded == 0 ? 0.0 : (double) completed / recorded;
        }
    }

    /**
     * Wasted callbacks, the live counterpart of the what-if simulator's metric (docs/WHAT-IF.md):
     * production does not know when a caller solved it alone, only that they cancelled — so
     * {@code wastedDials} are dials made in the period to callbacks the caller cancelled
     * afterwards (they had solved it), and {@code cancelledByCaller} the cancellations in
     * the period (dials saved).
     */
    public record Wasted(long cancelledByCaller, long wastedDials) {
    }

    /** Open callbacks per state (states with none are absent). */
    public Map<CallbackState, Long> openByState() {
        return jdbc.read(c -> {
            Map<CallbackState, Long> out = new EnumMap<>(CallbackState.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM callback GROUP BY state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CallbackState state = CallbackState.valueOf(rs.getString(1));
                    if (state.isOpen()) {
                        out.put(state, rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    /** QUEUED callbacks: waiting for a consultant now. */
    public long queueDepth() {
        return openByState().getOrDefault(CallbackState.QUEUED, 0L);
    }

    /**
     * Callbacks still waiting for a dial (pending, scheduled, queued, claimed) whose attempt is due
     * on the current business day and that are at risk of missing their deadline ({@link EndOfDayRisk}).
     */
    public long atRiskOfEndOfDay(CallbackStore store, EndOfDayRisk risk, Instant now) {
        long n = 0;
        // A count: no queue order needed, and sorting every waiting callback was most of its cost at a peak.
        for (Callback c : store.findByStateInAnyOrder(CallbackState.PENDING, CallbackState.SCHEDULED,
                CallbackState.QUEUED, CallbackState.CLAIMED)) {
            Instant deadline = risk.deadline(c, now);
            boolean dueToday = c.plannedAt() == null || !c.plannedAt().isAfter(deadline);
            if (dueToday && risk.atRisk(deadline, now)) {
                n++;
            }
        }
        return n;
    }

    /**
     * End-of-day misses, as the what-if simulator counts them (docs/WHAT-IF.md): requests made in
     * the period whose end of day on the day they asked ({@link EndOfDayRisk#requestDeadline})
     * has passed by {@code now} without the caller answering a dial, and which the caller had not
     * cancelled before it.
     */
    public long endOfDayMisses(CallbackStore store, EndOfDayRisk risk, Instant from, Instant to, Instant now) {
        Map<Long, Instant> firstAnswer = firstTimes("SELECT a.callback_id, MIN(a.answered_at) FROM callback_attempt a"
                + " JOIN callback c ON c.id = a.callback_id WHERE a.answered_at IS NOT NULL"
                + " AND c.created_at >= ? AND c.created_at < ? GROUP BY a.callback_id", from, to);
        Map<Long, Instant> cancelled = firstTimes("SELECT u.callback_id, MIN(u.occurred_at) FROM callback_audit u"
                + " JOIN callback c ON c.id = u.callback_id WHERE u.new_state = 'CANCELLED' AND u.actor_kind = 'CALLER'"
                + " AND c.created_at >= ? AND c.created_at < ? GROUP BY u.callback_id", from, to);
        long misses = 0;
        for (Callback c : store.findCreatedBetween(from, to)) {
            Instant deadline = risk.requestDeadline(c);
            if (deadline.isAfter(now)) {
                continue;
            }
            Instant answered = firstAnswer.get(c.id());
            Instant cancel = cancelled.get(c.id());
            boolean reached = answered != null && !answered.isAfter(deadline);
            boolean cancelledFirst = cancel != null && !cancel.isAfter(deadline);
            if (!reached && !cancelledFirst) {
                misses++;
            }
        }
        return misses;
    }

    /** See {@link Wasted}. */
    public Wasted wasted(Instant from, Instant to) {
        return jdbc.read(c -> {
            long cancelled;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT callback_id) FROM callback_audit"
                    + " WHERE new_state = 'CANCELLED' AND actor_kind = 'CALLER' AND occurred_at >= ? AND occurred_at < ?")) {
                period(ps, 1, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    cancelled = rs.getLong(1);
                }
            }
            long dials;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM callback_attempt a"
                    + " WHERE a.started_at >= ? AND a.started_at < ? AND EXISTS (SELECT 1 FROM callback_audit u"
                    + " WHERE u.callback_id = a.callback_id AND u.new_state = 'CANCELLED' AND u.actor_kind = 'CALLER'"
                    + " AND u.occurred_at >= a.started_at)")) {
                period(ps, 1, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    dials = rs.getLong(1);
                }
            }
            return new Wasted(cancelled, dials);
        });
    }

    /** Survey legs recorded in the period, and the completed ones. */
    public SurveyCompletion surveyCompletion(Instant from, Instant to) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*),"
                    + " SUM(CASE WHEN state = 'COMPLETED' THEN 1 ELSE 0 END) FROM survey_result"
                    + " WHERE recorded_at >= ? AND recorded_at < ?")) {
                period(ps, 1, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new SurveyCompletion(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    private Map<Long, Instant> firstTimes(String sql, Instant from, Instant to) {
        return jdbc.read(c -> {
            Map<Long, Instant> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                period(ps, 1, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
                    }
                }
            }
            return out;
        });
    }

    private static void period(PreparedStatement ps, int i, Instant from, Instant to) throws java.sql.SQLException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Jdbc.setInstant(ps, i, from);
        Jdbc.setInstant(ps, i + 1, to);
    }
}
