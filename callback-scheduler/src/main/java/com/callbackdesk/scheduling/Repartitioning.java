package com.callbackdesk.scheduling;

import com.callbackdesk.storage.StorageException;
import com.callbackdesk.storage.Vendor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Moves stored attempts into the partition {@link SchedulerSettings#partitionOf} assigns them
 * when the number of partitions changed since they were stored (or they were stored by the
 * single, unpartitioned scheduler of earlier versions, SCHED_NAME = {@code schedulerName}).
 *
 * <p>One database transaction moves every misplaced callback's job, trigger and simple-trigger
 * rows (copied under the new SCHED_NAME, then the old rows deleted): a crash leaves either the
 * old placement or the new one, never a lost or a doubled attempt. A callback that somehow
 * already has a job in its new partition keeps that one (the newer plan) and loses the stale copy.
 * Whatever state a moved trigger was in (acquired or executing by a node that no longer runs that
 * partition), it becomes WAITING again (PAUSED stays PAUSED) and fires — at least once, like a
 * recovered job; the old partition's fired-trigger rows of moved callbacks are dropped.
 *
 * <p>Runs before this node's schedulers start. On PostgreSQL the three tables are locked for the
 * transaction, so nodes starting together move each attempt once. Change {@code partitions} with
 * every node stopped, or restart them all with the new value: a node still running the old
 * partitioning would keep firing from partitions the new one no longer reads.
 */
final class Repartitioning {

    private static final Logger LOG = LogManager.getLogger(Repartitioning.class);

    private Repartitioning() {
    }

    /** Moves misplaced attempts; returns how many callbacks were moved. */
    static int run(DataSource dataSource, Vendor vendor, SchedulerSettings s) {
        String base = s.schedulerName();
        int n = s.partitions();
        Placement p = Placement.of(base, n);
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // Usually nothing is misplaced: look before locking the tables other nodes write.
                if (countMisplaced(st, p) == 0) {
                    c.rollback();
                    return 0;
                }
                if (vendor == Vendor.POSTGRESQL) {
                    st.execute("LOCK TABLE qrtz_job_details, qrtz_triggers, qrtz_simple_triggers"
                            + " IN SHARE ROW EXCLUSIVE MODE");
                }
                int moved = countMisplaced(st, p);
                if (moved == 0) {
                    c.rollback();
                    return 0;
                }
                copyIntoTargets(st, p);
                deleteOldPlacement(st, p);
                c.commit();
                LOG.info("Scheduler {}: moved the attempts of {} callback(s) into their partitions (now {})", base,
                        moved, n);
                return moved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StorageException("Cannot move stored attempts into " + n + " partitions of " + base + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The SQL fragments that say which job rows are misplaced and where they belong.
     *
     * @param misplaced    condition on a job row {@code j}: ours and not in the partition its callback id maps to
     * @param targetOfJob  the SCHED_NAME job row {@code j} belongs under
     * @param jobOfTrigger joins trigger row {@code t} to its job row {@code j}
     */
    private record Placement(String misplaced, String targetOfJob, String jobOfTrigger) {

        static Placement of(String base, int n) {
            String prefix = base + "-p";
            // Ours: the old unpartitioned name, or "<base>-p" and one or two digits.
            String ours = "(j.sched_name = " + literal(base) + " OR (SUBSTRING(j.sched_name, 1, " + prefix.length()
                    + ") = " + literal(prefix) + " AND LENGTH(j.sched_name) BETWEEN " + (prefix.length() + 1) + " AND "
                    + (prefix.length() + 2) + "))";
            // A job row j is misplaced when it is ours and not in the partition its callback id maps to.
            String misplaced = ours + " AND j.job_group = '" + AttemptTriggers.JOB_GROUP + "' AND j.sched_name <> "
                    + target(prefix, n, "j.job_name");
            String jobOfTrigger = " JOIN qrtz_job_details j ON j.sched_name = t.sched_name AND j.job_name = t.job_name"
                    + " AND j.job_group = t.job_group";
            return new Placement(misplaced, target(prefix, n, "j.job_name"), jobOfTrigger);
        }
    }

    private static int countMisplaced(Statement st, Placement p) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM qrtz_job_details j WHERE " + p.misplaced())) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Copies job, trigger and simple-trigger rows under their target partition; a job already there (a newer plan) wins. */
    private static void copyIntoTargets(Statement st, Placement p) throws SQLException {
        String misplaced = p.misplaced();
        String targetOfJob = p.targetOfJob();
        String jobOfTrigger = p.jobOfTrigger();
        st.executeUpdate("INSERT INTO qrtz_job_details (sched_name, job_name, job_group, description,"
                + " job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data)"
                + " SELECT " + targetOfJob + ", j.job_name, j.job_group, j.description, j.job_class_name,"
                + " j.is_durable, j.is_nonconcurrent, j.is_update_data, j.requests_recovery, j.job_data"
                + " FROM qrtz_job_details j WHERE " + misplaced
                + " AND NOT EXISTS (SELECT 1 FROM qrtz_job_details x WHERE x.sched_name = " + targetOfJob
                + " AND x.job_name = j.job_name AND x.job_group = j.job_group)");
        st.executeUpdate("INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group,"
                + " description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type,"
                + " start_time, end_time, calendar_name, misfire_instr, job_data)"
                + " SELECT " + targetOfJob + ", t.trigger_name, t.trigger_group, t.job_name, t.job_group,"
                + " t.description, t.next_fire_time, t.prev_fire_time, t.priority,"
                + " CASE WHEN t.trigger_state IN ('PAUSED', 'PAUSED_BLOCKED') THEN 'PAUSED' ELSE 'WAITING' END,"
                + " t.trigger_type, t.start_time, t.end_time, t.calendar_name, t.misfire_instr, t.job_data"
                + " FROM qrtz_triggers t" + jobOfTrigger + " WHERE " + misplaced
                + " AND NOT EXISTS (SELECT 1 FROM qrtz_triggers x WHERE x.sched_name = " + targetOfJob
                + " AND x.trigger_name = t.trigger_name AND x.trigger_group = t.trigger_group)");
        st.executeUpdate("INSERT INTO qrtz_simple_triggers (sched_name, trigger_name, trigger_group,"
                + " repeat_count, repeat_interval, times_triggered)"
                + " SELECT " + targetOfJob + ", t.trigger_name, t.trigger_group, st.repeat_count,"
                + " st.repeat_interval, st.times_triggered FROM qrtz_simple_triggers st"
                + " JOIN qrtz_triggers t ON t.sched_name = st.sched_name AND t.trigger_name = st.trigger_name"
                + " AND t.trigger_group = st.trigger_group" + jobOfTrigger + " WHERE " + misplaced
                + " AND NOT EXISTS (SELECT 1 FROM qrtz_simple_triggers x WHERE x.sched_name = " + targetOfJob
                + " AND x.trigger_name = t.trigger_name AND x.trigger_group = t.trigger_group)");
    }

    /** Deletes the old placement of every misplaced job: children first. */
    private static void deleteOldPlacement(Statement st, Placement p) throws SQLException {
        String misplaced = p.misplaced();
        String oldJobs = "(SELECT j.sched_name, j.job_name FROM qrtz_job_details j WHERE " + misplaced + ")";
        st.executeUpdate("DELETE FROM qrtz_simple_triggers WHERE (sched_name, trigger_name, trigger_group) IN"
                + " (SELECT t.sched_name, t.trigger_name, t.trigger_group FROM qrtz_triggers t" + p.jobOfTrigger()
                + " WHERE " + misplaced + ")");
        st.executeUpdate("DELETE FROM qrtz_fired_triggers WHERE job_group = '" + AttemptTriggers.JOB_GROUP
                + "' AND (sched_name, job_name) IN " + oldJobs);
        st.executeUpdate("DELETE FROM qrtz_triggers WHERE job_group = '" + AttemptTriggers.JOB_GROUP
                + "' AND (sched_name, job_name) IN " + oldJobs);
        st.executeUpdate("DELETE FROM qrtz_job_details WHERE job_group = '" + AttemptTriggers.JOB_GROUP
                + "' AND (sched_name, job_name) IN " + oldJobs);
    }

    /** SCHED_NAME of the partition of the callback id in column {@code idColumn}, in SQL both vendors accept. */
    private static String target(String prefix, int n, String idColumn) {
        return "CONCAT(" + literal(prefix) + ", CAST(MOD(CAST(" + idColumn + " AS BIGINT), " + n + ") AS VARCHAR(4)))";
    }

    /** A SQL string literal (standard quoting; the name is configuration, not caller input). */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
