package com.callbackdesk.queue;

import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's index (V29, PostgreSQL): claims and the queue view walk callback_queue_order_idx
 * instead of sorting the whole queue — which only holds while the index's expressions are exactly
 * {@link com.callbackdesk.callback.QueueOrder}'s. If an enum gains a value (the CASE ranks are
 * built from the enums) this fails and a migration must re-create the index. Checks the plan's
 * shape, never a time (figures: docs/BENCHMARKS.md, QueuePeakBenchmark).
 */
class QueueOrderIndexTest {

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void theVendorMigrationsAreApplied(DatabaseSettings settings) throws SQLException {
        try (Desk desk = new Desk(settings);
             Connection c = desk.db.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history"
                     + " WHERE version = '29' AND success")) {
            rs.next();
            assertThat(rs.getInt(1)).as("V29 from db/vendor/<vendor> applied").isEqualTo(1);
        }
    }

    @Test
    void onPostgresqlClaimsAndTheViewWalkTheQueueOrderIndex() throws SQLException {
        try (Desk desk = new Desk(TestDatabases.postgres())) {
            desk.consultant("alice", "router-x", "modem-y");
            desk.consultant("sam", "IN_HOUSE", true, "router-x", "modem-y", "tv-z");
            for (int i = 1; i <= 30; i++) {
                long id = desk.queued(Desk.number(i), List.of("router-x", "modem-y", "tv-z").get(i % 3)).id();
                if (i % 7 == 0) {
                    desk.store.lifecycle().update(id, CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                            Desk.SAM, "press contact");
                }
            }
            for (String login : List.of("alice", "sam")) {
                Consultant who = desk.consultants.find(login).orElseThrow();
                assertUsesIndex(desk, who, CallbackQueue.claimSqlPostgres(who));
                assertUsesIndex(desk, who, CallbackQueue.candidateSql(who, 50, 0, ""));
            }
        }
    }

    /**
     * With sorting priced out, the planner still sorts if no index gives the order; a matching
     * index gives it without a Sort node. A tiny table would otherwise be seq-scanned either way.
     */
    private static void assertUsesIndex(Desk desk, Consultant who, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = desk.db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_sort = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                List<String> skills = List.copyOf(who.skills());
                for (int i = 0; i < skills.size(); i++) {
                    ps.setString(i + 1, skills.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }
        assertThat(plan.toString()).as("plan of %s", sql)
                .contains("callback_queue_order_idx")
                .doesNotContain("Sort");
    }
}
