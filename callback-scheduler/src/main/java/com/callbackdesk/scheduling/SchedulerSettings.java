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

    public SchedulerSettings withPartitions(int n) {
        return new SchedulerSettings(schedulerName, instanceId, clustered, threadCount, batchSize, batchFireAhead,
                idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold, handoffRetryDelay, n);
    }

    public SchedulerSettings withSchedulerName(String name) {
        return new SchedulerSettings(name, instanceId, clustered, threadCount, batchSize, batchFireAhead,
                idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withInstanceId(String id) {
        return new SchedulerSettings(schedulerName, id, clustered, threadCount, batchSize, batchFireAhead,
                idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withClustered(boolean on) {
        return new SchedulerSettings(schedulerName, instanceId, on, threadCount, batchSize, batchFireAhead,
                idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withThreadCount(int threads) {
        return new SchedulerSettings(schedulerName, instanceId, clustered, threads, batchSize, batchFireAhead,
                idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withBatch(int size, Duration fireAhead) {
        return new SchedulerSettings(schedulerName, instanceId, clustered, threadCount, size, fireAhead,
                idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withIdleWaitTime(Duration wait) {
        return new SchedulerSettings(schedulerName, instanceId, clustered, threadCount, batchSize, batchFireAhead,
                wait, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withAcquireTriggersWithinLock(boolean on) {
        return new SchedulerSettings(schedulerName, instanceId, clustered, threadCount, batchSize, batchFireAhead,
                idleWaitTime, on, clusterCheckinInterval, misfireThreshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withClusterCheckinInterval(Duration interval) {
        return new SchedulerSettings(schedulerName, instanceId, clustered, threadCount, batchSize, batchFireAhead,
                idleWaitTime, acquireTriggersWithinLock, interval, misfireThreshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withMisfireThreshold(Duration threshold) {
        return new SchedulerSettings(schedulerName, instanceId, clustered, threadCount, batchSize, batchFireAhead,
                idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, threshold, handoffRetryDelay, partitions);
    }

    public SchedulerSettings withHandoffRetryDelay(Duration delay) {
        return new SchedulerSettings(schedulerName, instanceId, clustered, threadCount, batchSize, batchFireAhead,
                idleWaitTime, acquireTriggersWithinLock, clusterCheckinInterval, misfireThreshold, delay, partitions);
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
