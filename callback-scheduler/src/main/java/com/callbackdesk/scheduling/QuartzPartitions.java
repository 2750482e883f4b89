package com.callbackdesk.scheduling;

import com.callbackdesk.storage.Vendor;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The Quartz schedulers of {@link CallbackScheduler}'s partitions, built on one JDBC JobStore in
 * the desk's database: their properties (thread pool, batch acquisition, misfire threshold,
 * clustering), and the connection provider each one uses.
 */
record QuartzPartitions(List<Scheduler> schedulers, List<DataSourceConnectionProvider> connections) {

    private static final Logger LOG = LogManager.getLogger(QuartzPartitions.class);

    /** Quartz keeps a JVM-wide name → scheduler map we do not use; see {@link #create}. */
    private static final Object FACTORY_LOCK = new Object();

    /** One Quartz scheduler per partition (not started); on failure nothing is left registered. */
    static QuartzPartitions create(DataSource dataSource, Vendor vendor, SchedulerSettings settings) {
        warnIfPoolTooSmall(dataSource, settings);
        List<Scheduler> partitions = new ArrayList<>(settings.partitions());
        List<DataSourceConnectionProvider> connections = new ArrayList<>(settings.partitions());
        try {
            for (int k = 0; k < settings.partitions(); k++) {
                // Quartz looks connection providers up by name in a JVM-wide registry: a unique
                // name per scheduler keeps two schedulers on two databases (tests, benchmark)
                // apart. One provider per partition: Quartz detaches it when that partition stops.
                String dsName = "callbackdesk-" + UUID.randomUUID();
                DataSourceConnectionProvider provider = new DataSourceConnectionProvider(dataSource);
                connections.add(provider);
                DBConnectionManager.getInstance().addConnectionProvider(dsName, provider);
                String name = settings.partitionName(k);
                synchronized (FACTORY_LOCK) {
                    partitions.add(new StdSchedulerFactory(quartzProperties(settings, k, vendor, dsName)).getScheduler());
                    // StdSchedulerFactory refuses a second live scheduler of the same name in one
                    // JVM, but cluster nodes must share the name; tests and the benchmark run two
                    // nodes in one JVM. We never look schedulers up by name: leave the registry empty.
                    SchedulerRepository.getInstance().remove(name);
                }
            }
        } catch (SchedulerException e) {
            connections.forEach(DataSourceConnectionProvider::shutdown);
            partitions.forEach(QuartzPartitions::shutdownQuietly);
            throw new IllegalStateException("Cannot create the Quartz scheduler: " + e.getMessage(), e);
        }
        return new QuartzPartitions(List.copyOf(partitions), List.copyOf(connections));
    }

    static void shutdownQuietly(Scheduler quartz) {
        try {
            quartz.shutdown(false);
        } catch (SchedulerException ignored) {
            // creation failed anyway; nothing was started
        }
    }

    static Properties quartzProperties(SchedulerSettings s, int partition, Vendor vendor, String dsName) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, s.partitionName(partition));
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, s.instanceId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", Integer.toString(s.batchSize()));
        p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
                Long.toString(s.batchFireAhead().toMillis()));
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(s.idleWaitTime().toMillis()));
        p.setProperty("org.quartz.threadPool.class", SimpleThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(s.threadsPerPartition()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "attempt-" + s.instanceId() + "-p" + partition);
        p.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", vendor == Vendor.POSTGRESQL
                ? PostgresJobStoreDelegate.class.getName() // BYTEA via getBytes; LIMIT and BIGINT bounds
                : StdJDBCDelegate.class.getName());
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // String-only job data, stored as properties: no Java serialization in the database,
        // so a class change can never make stored triggers unreadable.
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(s.clustered()));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(s.clusterCheckinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(s.misfireThreshold().toMillis()));
        // Quartz takes the lock for batch acquisition anyway; a partition with one worker thread
        // acquires one trigger at a time, and without the lock Quartz's acquisition can meet a job
        // deleted meanwhile (unschedule) and fail the scan with a NullPointerException.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock",
                Boolean.toString(s.acquireTriggersWithinLock() || s.threadsPerPartition() == 1));
        return p;
    }

    private static void warnIfPoolTooSmall(DataSource dataSource, SchedulerSettings settings) {
        // Each worker holds a connection while its job records or hands off, and Quartz needs a
        // few more (acquisition, misfire handler, cluster check-in); a starved pool shows up as
        // 30 s connection timeouts, so say so at start rather than under load.
        if (dataSource instanceof HikariDataSource hikari) {
            int needed = settings.connectionsNeeded();
            if (hikari.getMaximumPoolSize() < needed) {
                LOG.warn("Connection pool {} has {} connections; {} scheduler threads in {} partitions want at least {}",
                        hikari.getPoolName(), hikari.getMaximumPoolSize(), settings.threadsPerPartition()
                                * settings.partitions(), settings.partitions(), needed);
            }
        }
    }
}
