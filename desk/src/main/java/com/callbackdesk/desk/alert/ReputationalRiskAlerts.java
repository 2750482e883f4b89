package com.callbackdesk.desk.alert;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reputational-risk callbacks go to supervisors only; one left waiting in the queue longer than the
 * live policy's {@code reputationalRiskAlertAfter} raises an alert: on the supervisors' dashboard
 * ({@link #current()}) and once in the log (WARN, naming the callback) — again only if it leaves
 * the queue and waits too long once more. Waiting counts from when it last joined the queue.
 * Thread-safe.
 */
public final class ReputationalRiskAlerts {

    private static final Logger LOG = LogManager.getLogger(ReputationalRiskAlerts.class);

    private final Jdbc jdbc;
    private final Supplier<RetryPolicy> policy;
    private final Clock clock;
    /** Callback id → the waiting spell already logged. */
    private final Map<Long, Instant> logged = new ConcurrentHashMap<>();

    public ReputationalRiskAlerts(DataSource dataSource, Supplier<RetryPolicy> policy, Clock clock) {
        this.jdbc = new Jdbc(Objects.requireNonNull(dataSource, "dataSource"), "Reputational-risk alerts");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The alerts now, longest waiting first; each new one is logged (WARN) once. Called by the
     * dashboard and by a periodic check, so the log has it even when nobody looks.
     */
    public List<RiskAlert> current() {
        Instant now = clock.instant();
        Duration after = policy.get().reputationalRiskAlertAfter();
        List<RiskAlert> alerts = jdbc.read(c -> {
            List<RiskAlert> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.product, c.category, c.created_at,"
                    + " (SELECT MAX(a.occurred_at) FROM callback_audit a WHERE a.callback_id = c.id"
                    + " AND a.new_state = ?) AS queued_at"
                    + " FROM callback c WHERE c.state = ? AND c.escalation_level = ?")) {
                ps.setString(1, CallbackState.QUEUED.name());
                ps.setString(2, CallbackState.QUEUED.name());
                ps.setString(3, EscalationLevel.REPUTATIONAL_RISK.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant since = Jdbc.instant(rs, "queued_at");
                        if (since == null) {
                            since = Jdbc.instant(rs, "created_at");
                        }
                        Duration waited = Duration.between(since, now);
                        if (waited.compareTo(after) > 0) {
                            out.add(new RiskAlert(rs.getLong("id"), rs.getString("product"), rs.getString("category"),
                                    since, waited, after));
                        }
                    }
                }
            }
            return out;
        });
        alerts.sort((a, b) -> a.waitingSince().compareTo(b.waitingSince()));
        logged.keySet().retainAll(alerts.stream().map(RiskAlert::callbackId).toList());
        for (RiskAlert a : alerts) {
            if (!a.waitingSince().equals(logged.put(a.callbackId(), a.waitingSince()))) {
                try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback",
                        Long.toString(a.callbackId()))) {
                    LOG.warn("Reputational-risk callback {} ({} / {}) has waited {} min in the queue for a supervisor"
                                    + " (alert after {} min): no one has taken it", a.callbackId(), a.product(),
                            a.category(), a.waited().toMinutes(), a.alertAfter().toMinutes());
                }
            }
        }
        return alerts;
    }
}
