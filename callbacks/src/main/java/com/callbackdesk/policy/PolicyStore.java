package com.callbackdesk.policy;

import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.planning.retry.PolicyDiff;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The versioned retry policy (table {@code retry_policy_version}, migration V22). Saving is the
 * only way a policy changes: each save is a new version with who/when/why and the diff against
 * the version before (nobody edits the database by hand).
 */
public final class PolicyStore {

    private static final Logger LOG = LogManager.getLogger(PolicyStore.class);

    private final Jdbc jdbc;
    private final Clock clock;

    public PolicyStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "Retry policy store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The live version. An empty store is first given {@code initial} as version 1 (recorded as
     * installed by the system), so a new desk always has a policy.
     */
    public PolicyVersion live(RetryPolicy initial) {
        Optional<PolicyVersion> live = live();
        if (live.isPresent()) {
            return live.get();
        }
        try {
            return save(initial, Actor.system("install"), "initial policy", 0);
        } catch (StalePolicyException raced) {
            return live().orElseThrow();
        }
    }

    /** The live version, if any was ever saved. */
    public Optional<PolicyVersion> live() {
        return jdbc.read(c -> latest(c));
    }

    public Optional<PolicyVersion> version(int version) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM retry_policy_version WHERE version = ?")) {
                ps.setInt(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every version, newest first. */
    public List<PolicyVersion> history() {
        return jdbc.read(c -> {
            List<PolicyVersion> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM retry_policy_version ORDER BY version DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(row(rs));
                }
            }
            return all;
        });
    }

    /**
     * Makes {@code policy} live as a new version.
     *
     * @param basedOn the version the editor started from (0 for none): if another version went
     *                live since, the save is refused with {@link StalePolicyException}, so nobody
     *                silently overwrites a colleague's change
     * @throws IllegalArgumentException when the reason is blank or nothing changed
     */
    public PolicyVersion save(RetryPolicy policy, Actor who, String reason, int basedOn) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(who, "who");
        if (reason == null || reason.isBlank()) {
            throw new InvalidFieldException("reason", "required — say why the policy changes");
        }
        if (reason.length() > 1000) {
            throw new InvalidFieldException("reason", "at most 1000 characters");
        }
        PolicyVersion saved = jdbc.inTransaction(c -> {
            Optional<PolicyVersion> live = latest(c);
            int liveVersion = live.map(PolicyVersion::version).orElse(0);
            if (liveVersion != basedOn) {
                throw new StalePolicyException(basedOn, liveVersion);
            }
            PolicyDiff diff = PolicyDiff.between(live.map(PolicyVersion::policy).orElse(null), policy);
            if (diff.isEmpty()) {
                throw new InvalidFieldException("policy", "nothing changed from version " + liveVersion);
            }
            PolicyVersion v = new PolicyVersion(liveVersion + 1, policy, who, clock.instant(), reason.strip(),
                    diff.render());
            // Two supervisors saving at once both compute the same next version; the primary key
            // refuses the second, whose transaction is retried and then finds itself stale.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO retry_policy_version"
                    + " (version, policy_yaml, actor_kind, actor_name, changed_at, reason, diff) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, v.version());
                ps.setString(2, policy.toYaml());
                ps.setString(3, who.kind().name());
                ps.setString(4, who.name());
                Jdbc.setInstant(ps, 5, v.changedAt());
                ps.setString(6, v.reason());
                ps.setString(7, v.diff());
                ps.executeUpdate();
            }
            return v;
        });
        LOG.info("Retry policy version {} made live by {}: {}\n{}", saved.version(), who, saved.reason(), saved.diff());
        return saved;
    }

    private static Optional<PolicyVersion> latest(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM retry_policy_version ORDER BY version DESC FETCH FIRST 1 ROWS ONLY");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    private static PolicyVersion row(ResultSet rs) throws SQLException {
        return new PolicyVersion(rs.getInt("version"), RetryPolicy.parse(rs.getString("policy_yaml")),
                new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_name")),
                Jdbc.instant(rs, "changed_at"), rs.getString("reason"), rs.getString("diff"));
    }
}
