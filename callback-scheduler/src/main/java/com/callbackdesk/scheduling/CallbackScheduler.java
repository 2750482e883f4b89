package com.callbackdesk.scheduling;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.StorageException;
import com.callbackdesk.storage.Vendor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Durable scheduling of callback attempts on Quartz's JDBC JobStore, in the project's own
 * database (tables from migration V20). One Quartz job per callback (job name = callback id),
 * at most one pending trigger per callback: the next planned attempt, carrying its attempt
 * number and window. Scheduling again for a callback replaces its pending attempt atomically.
 *
 * <p>Durable: triggers live in the database, so a restart (or another node, when
 * {@linkplain SchedulerSettings#clustered() clustered} on PostgreSQL) picks them up. Misfires:
 * triggers use FIRE_NOW, and {@link AttemptJob} re-plans through the {@link Replanner} when the
 * window has closed. Cancellation: {@link #unschedule(long)}.
 *
 * <p>Partitioned: {@link SchedulerSettings#partitions()} Quartz schedulers named
 * {@code <schedulerName>-p0..p<N-1>} share the JobStore tables; callback {@code id mod N} lives
 * in partition {@code p<id mod N>}. Each partition has its own Quartz row locks, so firings of
 * different partitions do not queue on one {@code TRIGGER_ACCESS} lock (the JDBC JobStore's
 * ceiling). When N changed since the attempts were stored, {@link #create} first moves them
 * ({@link Repartitioning}); {@link QuartzPartitions} builds them, {@link AttemptTriggers}
 * is what a stored attempt looks like in Quartz.
 *
 * <p>Time: attempts are planned on the desk's clock; Quartz fires on system time. On a
 * {@link ShiftedClock} (the demo's) each trigger is stored shifted back by the clock's shift, so it
 * still fires when the desk's clock reaches the attempt's time.
 *
 * <p>Thread-safe. {@link #schedule} and {@link #unschedule} are each one database transaction.
 */
public final class CallbackScheduler implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(CallbackScheduler.class);

    private final List<Scheduler> partitions;
    private final DataSource dataSource;
    private final List<DataSourceConnectionProvider> connections;
    private final SchedulerSettings settings;
    private final AttemptFiring firing;
    private final Replanner replanner;
    private final Clock clock;
    /** How far {@link #clock} is ahead of the system time Quartz fires on (zero but on a {@link ShiftedClock}). */
    private final java.time.Duration shift;

    private CallbackScheduler(List<Scheduler> partitions, DataSource dataSource,
                              List<DataSourceConnectionProvider> connections, SchedulerSettings settings,
                              AttemptFiring firing, Replanner replanner, Clock clock) {
        this.partitions = partitions;
        this.dataSource = dataSource;
        this.connections = connections;
        this.settings = settings;
        this.firing = firing;
        this.replanner = replanner;
        this.clock = clock;
        this.shift = ShiftedClock.shiftOf(clock);
    }

    /** A scheduler on the opened database (not started: call {@link #start()}). */
    public static CallbackScheduler create(Database database, SchedulerSettings settings, AttemptFiring firing,
                                           Replanner replanner, Clock clock) {
        Objects.requireNonNull(database, "database");
        return create(database.dataSource(), database.vendor(), settings, firing, replanner, clock);
    }

    /**
     * A scheduler on a migrated DataSource of the given vendor (not started). The DataSource
     * stays owned by the caller; stopping the scheduler does not close it.
     */
    public static CallbackScheduler create(DataSource dataSource, Vendor vendor, SchedulerSettings settings,
                                           AttemptFiring firing, Replanner replanner, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(firing, "firing");
        Objects.requireNonNull(replanner, "replanner");
        Objects.requireNonNull(clock, "clock");
        if (settings.clustered() && vendor != Vendor.POSTGRESQL) {
            // H2 here is an embedded file database, one process at a time: nothing to cluster with.
            throw new IllegalArgumentException("Clustered scheduling needs PostgreSQL, not " + vendor);
        }
        Repartitioning.run(dataSource, vendor, settings);
        QuartzPartitions built = QuartzPartitions.create(dataSource, vendor, settings);
        List<Scheduler> partitions = built.schedulers();
        CallbackScheduler scheduler = new CallbackScheduler(partitions, dataSource,
                built.connections(), settings, firing, replanner, clock);
        try {
            for (Scheduler quartz : partitions) {
                quartz.setJobFactory((bundle, s) -> {
                    if (bundle.getJobDetail().getJobClass() != AttemptJob.class) {
                        throw new SchedulerException("Unexpected job class " + bundle.getJobDetail().getJobClass());
                    }
                    return new AttemptJob(scheduler);
                });
            }
        } catch (SchedulerException e) {
            scheduler.stop();
            throw new IllegalStateException("Cannot set the job factory", e);
        }
        return scheduler;
    }

    /** Starts firing (recovering whatever a previous run or a failed node left). */
    public void start() {
        try {
            for (Scheduler quartz : partitions) {
                quartz.start();
            }
            LOG.info("Scheduler {} instance {} started: {} partition(s), {} thread(s) each, {} pending, clustered={}",
                    settings.schedulerName(), instanceId(), settings.partitions(), settings.threadsPerPartition(),
                    pendingCount(), settings.clustered());
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /** Stops after running jobs finish. Pending attempts stay in the database. Idempotent. */
    public void stop() {
        shutdown(true);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Tests only: stop as a crashed node would — no more database access from Quartz, running
     * jobs abandoned mid-way, no clean-up — so that another node has to take over.
     */
    void simulateCrash() {
        connections.forEach(DataSourceConnectionProvider::shutdown);
        shutdown(false);
    }

    private void shutdown(boolean waitForJobs) {
        // Stop every partition from acquiring first, then wait for their running jobs.
        for (Scheduler quartz : partitions) {
            try {
                if (!quartz.isShutdown()) {
                    quartz.standby();
                }
            } catch (SchedulerException e) {
                LOG.warn("Scheduler standby failed", e);
            }
        }
        for (Scheduler quartz : partitions) {
            try {
                if (!quartz.isShutdown()) {
                    quartz.shutdown(waitForJobs);
                }
            } catch (SchedulerException e) {
                LOG.warn("Scheduler shutdown failed", e);
            }
        }
        connections.forEach(DataSourceConnectionProvider::shutdown);
    }

    public boolean isStarted() {
        try {
            for (Scheduler quartz : partitions) {
                if (!quartz.isStarted() || quartz.isShutdown() || quartz.isInStandbyMode()) {
                    return false;
                }
            }
            return true;
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** The Quartz scheduler of the callback's partition. */
    private Scheduler partitionOf(long callbackId) {
        return partitions.get(settings.partitionOf(callbackId));
    }

    /** Schedules the attempt to fire at its window's start, replacing the callback's pending attempt. */
    public void schedule(AttemptWindow window) {
        schedule(window, window.earliest());
    }

    /** Schedules the attempt to fire at {@code fireAt} (within or before its window). */
    void schedule(AttemptWindow window, Instant fireAt) {
        Objects.requireNonNull(window, "window");
        try {
            // replace=true: one transaction stores the job and replaces the callback's pending
            // trigger (if Quartz had already acquired the old one, it notices and drops it).
            partitionOf(window.callbackId()).scheduleJob(AttemptTriggers.jobFor(window), Set.of(AttemptTriggers.triggerFor(window, quartzTime(fireAt))), true);
        } catch (SchedulerException e) {
            throw new StorageException("Cannot schedule " + window + ": " + e.getMessage(), e);
        }
        LOG.debug("Scheduled callback {} attempt {} at {}", window.callbackId(), window.attemptNo(), fireAt);
    }

    /**
     * Schedules many attempts (after an outage, a bulk re-plan, the benchmark), each replacing
     * its callback's pending attempt: one transaction per partition. At most one window per callback.
     */
    public void scheduleAll(Collection<AttemptWindow> windows) {
        Objects.requireNonNull(windows, "windows");
        List<Map<JobDetail, Set<? extends Trigger>>> batches = new ArrayList<>(partitions.size());
        for (int k = 0; k < partitions.size(); k++) {
            batches.add(new HashMap<>());
        }
        Set<Long> seen = new HashSet<>(windows.size() * 2);
        for (AttemptWindow w : windows) {
            if (!seen.add(w.callbackId())) {
                throw new IllegalArgumentException("Two windows for callback " + w.callbackId() + " in one batch");
            }
            batches.get(settings.partitionOf(w.callbackId())).put(AttemptTriggers.jobFor(w), Set.of(AttemptTriggers.triggerFor(w, quartzTime(w.earliest()))));
        }
        for (int k = 0; k < partitions.size(); k++) {
            if (batches.get(k).isEmpty()) {
                continue;
            }
            try {
                partitions.get(k).scheduleJobs(batches.get(k), true);
            } catch (SchedulerException e) {
                throw new StorageException("Cannot schedule " + batches.get(k).size() + " attempts in partition "
                        + settings.partitionName(k) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Removes the callback's pending attempt (it was cancelled or resolved). Returns whether
     * there was one. An attempt already firing is not stopped — the dialer's check that the
     * callback is still wanted covers that moment.
     */
    public boolean unschedule(long callbackId) {
        try {
            boolean removed = partitionOf(callbackId).deleteJob(AttemptTriggers.jobKey(callbackId));
            LOG.debug("Unscheduled callback {}: {}", callbackId, removed ? "removed" : "nothing pending");
            return removed;
        } catch (SchedulerException e) {
            throw new StorageException("Cannot unschedule callback " + callbackId + ": " + e.getMessage(), e);
        }
    }

    /** The callback's pending attempt, if any. */
    public Optional<AttemptWindow> scheduled(long callbackId) {
        try {
            Trigger t = partitionOf(callbackId).getTrigger(AttemptTriggers.triggerKey(callbackId));
            return t == null ? Optional.empty() : Optional.of(AttemptTriggers.windowOf(AttemptTriggers.jobKey(callbackId), t));
        } catch (SchedulerException e) {
            throw new StorageException("Cannot read the schedule of callback " + callbackId, e);
        }
    }

    /** Attempts waiting to fire (all nodes, all partitions), counted in the database. */
    public long pendingCount() {
        String sql = "SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_group = ? AND sched_name IN ("
                + String.join(", ", Collections.nCopies(partitions.size(), "?")) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, AttemptTriggers.TRIGGER_GROUP);
            for (int k = 0; k < partitions.size(); k++) {
                ps.setString(k + 2, settings.partitionName(k));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("Cannot count pending attempts", e);
        }
    }

    /** Callbacks that have a stored attempt (all partitions), read from the database. */
    public Set<Long> scheduledCallbackIds() {
        String sql = "SELECT trigger_name FROM qrtz_triggers WHERE trigger_group = ? AND sched_name IN ("
                + String.join(", ", Collections.nCopies(partitions.size(), "?")) + ")";
        Set<Long> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, AttemptTriggers.TRIGGER_GROUP);
            for (int k = 0; k < partitions.size(); k++) {
                ps.setString(k + 2, settings.partitionName(k));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(Long.parseLong(rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("Cannot list scheduled callbacks", e);
        }
        return ids;
    }

    /** This node's Quartz instance id (resolved when {@code AUTO}). */
    public String instanceId() {
        try {
            return partitions.get(0).getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return settings.instanceId();
        }
    }

    public SchedulerSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    /** The system time (Quartz's) at which the desk's clock reads {@code deskTime}. */
    Instant quartzTime(Instant deskTime) {
        return deskTime.minus(shift);
    }

    /** What the desk's clock reads when the system time (Quartz's) is {@code quartzTime}. */
    Instant deskTime(Instant quartzTime) {
        return quartzTime.plus(shift);
    }

    AttemptFiring firing() {
        return firing;
    }

    Replanner replanner() {
        return replanner;
    }
}
