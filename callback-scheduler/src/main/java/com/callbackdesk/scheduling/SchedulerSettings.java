package com.callbackdesk.scheduling;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Quartz scheduler behind {@link CallbackScheduler} runs. All nodes of a cluster must
 * share {@code schedulerName} (it is Quartz's SCHED_NAME: rows of other names are invisible)
 * and have distinct {@code instanceId}s ({@code AUTO}: host name + start time).
 *
 * @param schedulerName          Quartz scheduler name, the cluster's identity in the tables
 * @param instanceId             this node's id, or {@code AUTO}
 * @param clustered              several nodes on one PostgreSQL database (DB row locks, check-in,
 *                               fail-over); false for the embedded single-process H2 default
 * @param threadCount            worker threads running attempt jobs; the DataSource's pool needs
 *                               this many connections plus a few for Quartz itself
 * @param batchSize              how many due triggers one acquisition takes at most
 *                               ({@code batchTriggerAcquisitionMaxCount}); fewer lock round
 *                               trips under load
 * @param batchFireAhead         fire-ahead: how far ahead of its time a trigger may be acquired
 *                               and handed to a worker together with an earlier one of the same
 *                               batch (Quartz's fire-ahead window); the job then waits until the
 *                               planned time, so nothing is dialled early and one acquisition
 *                               serves a whole batch (e.g. 100 ms under load)
 * @param idleWaitTime           how long an idle scheduler sleeps before looking for triggers
 *                               scheduled by <em>other</em> nodes (its own schedules wake it)
 * @param acquireTriggersWithinLock take the TRIGGER_ACCESS row lock even for single acquisition
 * @param clusterCheckinInterval how often a node checks in; a silent node is failed over after
 *                               this plus Quartz's fixed 7.5 s grace
 * @param misfireThreshold       later than this, a firing counts as misfired (Quartz's
 *                               misfire handler takes it and fires it now; the job re-plans if the
 *                               window has closed)
 * @param handoffRetryDelay      when {@link AttemptFiring} or {@link Replanner} throws, the
 *                               attempt is retried this much later instead of being dropped
 * @param partitions             how many Quartz schedulers share the work (1..32): callback
 *                               {@code id mod partitions} lives in scheduler
 *                               {@code <schedulerName>-p<k>}, each with its own row locks, so
 *                               firings of different partitions do not queue on one lock. The
 *                               {@code threadCount} worker threads are split over them. Changing
 *                               it between restarts moves the stored attempts (docs/SCHEDULING.md)
 */
public record SchedulerSettings(
        String schedulerName,
        String instanceId,
        boolean clustered,
        int threadCount,
        int batchSize,
        Duration batchFireAhead,
        Duration idleWaitTime,
        boolean acquireTriggersWithinLock,
        Duration clusterCheckinInterval,
        Duration misfireThreshold,
        Duration handoffRetryDelay,
        int partitions) {

    public static final String AUTO = "AUTO";
    public static final int MAX_PARTITIONS = 32;
    /** Room for the partition suffix ("-p31") in Quartz's 120-character SCHED_NAME. */
    public static final int MAX_SCHEDULER_NAME = 116;

    public SchedulerSettings {
        Objects.requireNonNull(schedulerName, "schedulerName");
        Objects.requireNonNull(instanceId, "instanceId");
        if (schedulerName.isBlank() || schedulerName.length() > MAX_SCHEDULER_NAME) {
            throw new IllegalArgumentException("schedulerName must be 1.." + MAX_SCHEDULER_NAME + " characters: '"
                    + schedulerName + "'");
        }
        if (instanceId.isBlank() || instanceId.length() > 200) {
            throw new IllegalArgumentException("instanceId must be 1..200 characters: '" + instanceId + "'");
        }
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount must be at least 1, was " + threadCount);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        requireNotNegative(batchFireAhead, "batchFireAhead");
        requirePositive(idleWaitTime, "idleWaitTime");
        if (idleWaitTime.toMillis() < 1_000) {
            throw new IllegalArgumentException("idleWaitTime must be at least 1 s (Quartz's minimum), was " + idleWaitTime);
        }
        requirePositive(clusterCheckinInterval, "clusterCheckinInterval");
        requirePositive(misfireThreshold, "misfireThreshold");
        requirePositive(handoffRetryDelay, "handoffRetryDelay");
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be 1.." + MAX_PARTITIONS + ", was " + partitions);
        }
    }

    /**
     * Production defaults: single node (H2), 10 threads over 4 partitions, batches of 10 with no
     * fire-ahead, idle wait 5 s, check-in 7.5 s, misfire threshold 60 s, hand-off retry after 30 s.
     */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings("callbackdesk", AUTO, false, 10, 10, Duration.ZERO, Duration.ofSeconds(5),
                false, Duration.ofMillis(7_500), Duration.ofSeconds(60), Duration.ofSeconds(30), 4);
    }

    /** Quartz SCHED_NAME of partition {@code k}. */
    public String partitionName(int k) {
        if (k < 0 || k >= partitions) {
            throw new IllegalArgumentException("partition must be 0.." + (partitions - 1) + ", was " + k);
        }
        return schedulerName + "-p" + k;
    }

    /** The partition a callback's attempts live in: {@code callbackId mod partitions}. */
    public int partitionOf(long callbackId) {
        return (int) Math.floorMod(callbackId, (long) partitions);
    }

    /** Worker threads of each partition's Quartz scheduler: {@code threadCount} split evenly, at least 1. */
    public int threadsPerPartition() {
        return Math.max(1, (threadCount + partitions - 1) / partitions);
    }

    /**
     * Connections the DataSource's pool should have: every worker thread, plus the acquisition
     * thread and misfire handler of each partition, and its cluster check-in when clustered.
     */
    public int connectionsNeeded() {
        return threadsPerPartition() * partitions + (clustered ? 3 : 2) * partitions;
    }

    // Copy-with helpers (tests and benchmarks change one or two settings of the defaults).

    public SchedulerSettings withPartitions(int n) {
        return toBuilder().partitions(n).build();
    }

    public SchedulerSettings withSchedulerName(String name) {
        return toBuilder().schedulerName(name).build();
    }

    public SchedulerSettings withInstanceId(String id) {
        return toBuilder().instanceId(id).build();
    }

    public SchedulerSettings withClustered(boolean on) {
        return toBuilder().clustered(on).build();
    }

    public SchedulerSettings withThreadCount(int threads) {
        return toBuilder().threadCount(threads).build();
    }

    public SchedulerSettings withBatch(int size, Duration fireAhead) {
        return toBuilder().batchSize(size).batchFireAhead(fireAhead).build();
    }

    public SchedulerSettings withIdleWaitTime(Duration wait) {
        return toBuilder().idleWaitTime(wait).build();
    }

    public SchedulerSettings withAcquireTriggersWithinLock(boolean on) {
        return toBuilder().acquireTriggersWithinLock(on).build();
    }

    public SchedulerSettings withClusterCheckinInterval(Duration interval) {
        return toBuilder().clusterCheckinInterval(interval).build();
    }

    public SchedulerSettings withMisfireThreshold(Duration threshold) {
        return toBuilder().misfireThreshold(threshold).build();
    }

    public SchedulerSettings withHandoffRetryDelay(Duration delay) {
        return toBuilder().handoffRetryDelay(delay).build();
    }

    /** A builder starting from these settings: the one place that lists every field. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Settings changed field by field; {@link #build} validates them as the record does. */
    public static final class Builder {
        private String schedulerName;
        private String instanceId;
        private boolean clustered;
        private int threadCount;
        private int batchSize;
        private Duration batchFireAhead;
        private Duration idleWaitTime;
        private boolean acquireTriggersWithinLock;
        private Duration clusterCheckinInterval;
        private Duration misfireThreshold;
        private Duration handoffRetryDelay;
        private int partitions;

        private Builder(SchedulerSettings s) {
            schedulerName = s.schedulerName;
            instanceId = s.instanceId;
            clustered = s.clustered;
            threadCount = s.threadCount;
            batchSize = s.batchSize;
            batchFireAhead = s.batchFireAhead;
            idleWaitTime = s.idleWaitTime;
            acquireTriggersWithinLock = s.acquireTriggersWithinLock;
            clusterCheckinInterval = s.clusterCheckinInterval;
            misfireThreshold = s.misfireThreshold;
            handoffRetryDelay = s.handoffRetryDelay;
            partitions = s.partitions;
        }

        public Builder schedulerName(String v) {
            schedulerName = v;
            return this;
        }

        public Builder instanceId(String v) {
            instanceId = v;
            return this;
        }

        public Builder clustered(boolean v) {
            clustered = v;
            return this;
        }

        public Builder threadCount(int v) {
            threadCount = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder batchFireAhead(Duration v) {
            batchFireAhead = v;
            return this;
        }

        public Builder idleWaitTime(Duration v) {
            idleWaitTime = v;
            return this;
        }

        public Builder acquireTriggersWithinLock(boolean v) {
            acquireTriggersWithinLock = v;
            return this;
        }

        public Builder clusterCheckinInterval(Duration v) {
            clusterCheckinInterval = v;
            return this;
        }

        public Builder misfireThreshold(Duration v) {
            misfireThreshold = v;
            return this;
        }

        public Builder handoffRetryDelay(Duration v) {
            handoffRetryDelay = v;
            return this;
        }

        public Builder partitions(int v) {
            partitions = v;
            return this;
        }

        public SchedulerSettings build() {
            return new SchedulerSettings(schedulerName, instanceId, clustered, threadCount, batchSize, batchFireAhead,
                    idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold,
                    handoffRetryDelay, partitions);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
