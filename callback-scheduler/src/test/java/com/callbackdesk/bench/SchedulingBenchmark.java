package com.callbackdesk.bench;

import com.callbackdesk.scheduling.AttemptFiring;
import com.callbackdesk.scheduling.AttemptWindow;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.FiredAttempt;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.scheduling.Replanner;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durable scheduling under load on the PostgreSQL JobStore (the targets): 100,000
 * pending callbacks, firing at a target rate, firing lateness and heap over the run.
 *
 * <p>A loader scheduler (never started, own pool) stores {@code pending} attempts in
 * one-transaction chunks of 1,000, callback i due at T0 + i/rate, then ANALYZEs (a production
 * database has planner statistics; a schema filled a minute ago has none). Then the measured,
 * clustered node(s) start on fresh pools and fire; every firing is recorded in fired_attempt by
 * {@link RecordingAttemptFiring}, like production's default hand-off. With
 * {@code bench.reschedule=true} every firing also schedules that callback's next attempt one
 * period (pending/rate) later, as a "no answer, retry later" outcome would, so the store stays at
 * {@code pending} triggers. Lateness = the job's start minus the trigger's planned time. Heap =
 * used heap right after a full GC, sampled every 10 s.
 *
 * <p>System properties (defaults): bench.pending (100000), bench.rate (250 per second),
 * bench.seconds (120), bench.partitions (8), bench.threads (24, over all partitions),
 * bench.batch (10), bench.fireAheadMs (100), bench.nodes (1), bench.clustered (true),
 * bench.reschedule (false) (ANALYZE runs after chunk 2, every 20 chunks and after loading).
 * The pool of each node is {@link SchedulerSettings#connectionsNeeded()} + 10 connections.
 * The database is a fresh schema from TestDatabases.postgres().
 */
public final class SchedulingBenchmark {

    private static final int HISTOGRAM_MS = 60_000;

    public static void main(String[] args) throws Exception {
        int pending = Integer.getInteger("bench.pending", 100_000);
        int rate = Integer.getInteger("bench.rate", 250);
        int seconds = Integer.getInteger("bench.seconds", 120);
        int partitions = Integer.getInteger("bench.partitions", 8);
        int threads = Integer.getInteger("bench.threads", 24);
        int batch = Integer.getInteger("bench.batch", 10);
        int fireAheadMs = Integer.getInteger("bench.fireAheadMs", 100);
        int nodes = Integer.getInteger("bench.nodes", 1);
        boolean clustered = Boolean.parseBoolean(System.getProperty("bench.clustered", "true"));
        boolean reschedule = Boolean.parseBoolean(System.getProperty("bench.reschedule", "false"));
        Duration period = Duration.ofMillis(1000L * pending / rate);

        SchedulerSettings node = SchedulerSettings.defaults()
                .withClustered(clustered || nodes > 1)
                .withPartitions(partitions)
                .withThreadCount(threads)
                .withBatch(batch, Duration.ofMillis(fireAheadMs))
                .withIdleWaitTime(Duration.ofSeconds(1));
        DatabaseSettings dbSettings = TestDatabases.postgres().withPoolSize(node.connectionsNeeded() + 10);
        System.out.printf("SchedulingBenchmark: pending=%d rate=%d/s measure=%ds partitions=%d threads=%d batch=%d"
                        + " fireAhead=%dms nodes=%d clustered=%s reschedule=%s period=%s pool=%d db=%s%n", pending, rate,
                seconds, partitions, threads, batch, fireAheadMs, nodes, clustered || nodes > 1, reschedule, period,
                dbSettings.poolSize(), dbSettings.jdbcUrl());
        System.out.printf("Machine: %d processors, max heap %d MB, Java %s, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Measure measure = new Measure();
        List<Database> dbs = new ArrayList<>();
        List<CallbackScheduler> schedulers = new ArrayList<>();
        List<RecordingAttemptFiring> recorders = new ArrayList<>();
        Replanner replanner = missed -> {
            // The conveyor must never fall a window behind; if it does, that is a result.
            measure.replans.incrementAndGet();
            Instant next = Instant.now();
            return Optional.of(new AttemptWindow(missed.callbackId(), missed.attemptNo(), next, next.plus(period)));
        };
        for (int n = 0; n < nodes; n++) {
            Database db = Database.open(dbSettings);
            dbs.add(db);
            RecordingAttemptFiring recorder = new RecordingAttemptFiring(db.dataSource());
            recorders.add(recorder);
            CallbackScheduler[] self = new CallbackScheduler[1];
            AttemptFiring firing = recorder.andThen(a -> {
                measure.fired(a);
                if (!reschedule) {
                    return;
                }
                Instant next = a.scheduledAt().plus(period);
                self[0].schedule(new AttemptWindow(a.callbackId(), a.attemptNo() + 1, next, next.plus(period)));
            });
            SchedulerSettings s = node.withInstanceId("bench-" + n);
            self[0] = CallbackScheduler.create(db, s, firing, replanner, Clock.systemUTC());
            schedulers.add(self[0]);
        }
        // Load with a scheduler that never starts, on its own pool, in one-transaction chunks;
        // T0 (the first due time) is estimated from chunks 3-5 so firing starts after
        // loading and ANALYZE, on connections whose plans see the loaded tables.
        Database loadDb = Database.open(dbSettings.withPoolSize(4));
        // Same partitions as the nodes (another count would move the attempts at the next create).
        CallbackScheduler loader = CallbackScheduler.create(loadDb, node.withInstanceId("loader"), a -> { }, replanner,
                Clock.systemUTC());
        long loadStart = System.nanoTime();
        int chunk = 1_000;
        Instant t0 = null;
        long timedFrom = 0;
        for (int from = 0; from < pending; from += chunk) {
            int n = from / chunk;
            if (n == 2 || n % 20 == 0) {
                // Fresh tables have no planner statistics: without ANALYZE PostgreSQL keeps
                // seq-scan plans and loading slows to a crawl as the tables grow.
                analyze(loadDb);
                if (n == 2) {
                    timedFrom = System.nanoTime();
                }
            }
            if (t0 == null && n == 5) {
                double perCallback = (System.nanoTime() - timedFrom) / 1e9 / (3 * chunk);
                // Generous: loading slows as the tables grow and other builds share the machine; a
                // late start would measure a backlog instead of the steady rate.
                t0 = Instant.now().plusMillis((long) (perCallback * (pending - from) * 2500) + 15_000);
                // the first chunks were stored due a day away: move them to T0 too
                List<AttemptWindow> first = new ArrayList<>(from);
                for (int i = 0; i < from; i++) {
                    first.add(window(i, t0, rate, period));
                }
                loader.scheduleAll(first);
            }
            Instant base = t0 == null ? Instant.now().plus(Duration.ofDays(1)) : t0;
            List<AttemptWindow> windows = new ArrayList<>(chunk);
            for (int i = from; i < Math.min(pending, from + chunk); i++) {
                windows.add(window(i, base, rate, period));
            }
            loader.scheduleAll(windows);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        analyze(loadDb);
        System.out.printf("Loaded %d callbacks in %.1f s (%.0f/s); pending %d; first due %s%n",
                pending, loadSeconds, pending / loadSeconds, loader.pendingCount(), t0);
        loader.stop();
        loadDb.close();
        schedulers.forEach(CallbackScheduler::start);
        long untilT0 = Duration.between(Instant.now(), t0).toMillis();
        System.out.printf("Firing starts in %d ms%s%n", untilT0, untilT0 < 0
                ? " — LATE: loading overran its estimate, the first attempts start as a backlog" : "");
        Thread.sleep(Math.max(0, untilT0));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> heapMb = new ArrayList<>();
        measure.start();
        long startNanos = System.nanoTime();
        long cpuBefore = processCpuNanos();
        for (int tick = 0; tick <= seconds / 10; tick++) {
            if (tick > 0) {
                Thread.sleep(Math.max(0, startNanos / 1_000_000 + tick * 10_000L - System.nanoTime() / 1_000_000));
            }
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
            heapMb.add(used);
            long cpuNow = processCpuNanos();
            System.out.printf("  t=%3ds fired=%7d (%.0f/s) heapAfterGC=%d MB pending=%d load=%.2f"
                            + " | last 10 s: lateness p99=%d ms max=%d ms, this JVM's CPU=%.0f%% of one core%n", tick * 10,
                    measure.count(), measure.count() / Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9),
                    used, schedulers.get(0).pendingCount(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    measure.interval.percentile(99), measure.interval.max.get(), (cpuNow - cpuBefore) / 1e7 / 10);
            cpuBefore = cpuNow;
            measure.nextInterval();
        }
        double measuredSeconds = (System.nanoTime() - startNanos) / 1e9;
        measure.stop();
        long fired = measure.count();
        long pendingAtEnd = schedulers.get(0).pendingCount();

        schedulers.forEach(CallbackScheduler::stop);
        long recordedRows = RecordingAttemptFiring.countRecorded(dbs.get(0).dataSource());
        dbs.forEach(Database::close);

        System.out.println();
        System.out.printf("RESULT pending=%d (at end %d) fired=%d in %.1f s = %.1f attempts/s (target %d/s)%n",
                pending, pendingAtEnd, fired, measuredSeconds, fired / measuredSeconds, rate);
        System.out.printf("RESULT lateness ms: p50=%d p90=%d p99=%d p99.9=%d max=%d (early by fire-ahead: %d)%n",
                measure.percentile(50), measure.percentile(90), measure.percentile(99), measure.percentile(99.9),
                measure.max.get(), measure.early.get());
        System.out.printf("RESULT heap after GC (MB, every 10 s): %s; first->last %+d MB, max-min %d MB%n", heapMb,
                heapMb.get(heapMb.size() - 1) - heapMb.get(0),
                heapMb.stream().mapToLong(Long::longValue).max().orElse(0)
                        - heapMb.stream().mapToLong(Long::longValue).min().orElse(0));
        System.out.printf("RESULT re-plans (missed windows)=%d, fired_attempt rows=%d, double fires=%d%n",
                measure.replans.get(), recordedRows,
                recorders.stream().mapToLong(RecordingAttemptFiring::duplicates).sum());
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static void analyze(Database db) throws java.sql.SQLException {
        try (java.sql.Connection c = db.dataSource().getConnection();
             java.sql.Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    private static AttemptWindow window(int i, Instant t0, int rate, Duration period) {
        Instant due = t0.plusMillis(1000L * i / rate);
        return new AttemptWindow(i + 1L, 1, due, due.plus(period));
    }

    /** Lock-free fixed-size lateness histogram (1 ms buckets): no allocation per firing. */
    private static final class Histogram {
        final AtomicLongArray buckets = new AtomicLongArray(HISTOGRAM_MS + 1);
        final AtomicLong counted = new AtomicLong();
        final AtomicLong max = new AtomicLong();

        void add(long ms) {
            buckets.incrementAndGet((int) Math.min(ms, HISTOGRAM_MS));
            max.accumulateAndGet(ms, Math::max);
            counted.incrementAndGet();
        }

        long percentile(double p) {
            long n = counted.get();
            long rank = (long) Math.ceil(n * p / 100.0);
            long seen = 0;
            for (int i = 0; i <= HISTOGRAM_MS; i++) {
                seen += buckets.get(i);
                if (seen >= rank && rank > 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final class Measure {
        /** The last 10 s only (a new histogram per interval; diagnostics beside the result). */
        volatile Histogram interval = new Histogram();

        void nextInterval() {
            interval = new Histogram();
        }

        final AtomicLongArray buckets = new AtomicLongArray(HISTOGRAM_MS + 1);
        final AtomicLong total = new AtomicLong();
        final AtomicLong max = new AtomicLong();
        final AtomicLong early = new AtomicLong();
        final AtomicLong replans = new AtomicLong();
        private volatile boolean on;
        private final AtomicLong counted = new AtomicLong();

        void start() {
            on = true;
        }

        void stop() {
            on = false;
        }

        void fired(FiredAttempt a) {
            total.incrementAndGet();
            if (!on) {
                return;
            }
            long ms = a.lateness().toMillis();
            if (ms < 0) {
                early.incrementAndGet();
                ms = 0;
            }
            buckets.incrementAndGet((int) Math.min(ms, HISTOGRAM_MS));
            max.accumulateAndGet(ms, Math::max);
            counted.incrementAndGet();
            interval.add(ms);
        }

        long count() {
            return counted.get();
        }

        long percentile(double p) {
            long n = counted.get();
            long rank = (long) Math.ceil(n * p / 100.0);
            long seen = 0;
            for (int i = 0; i <= HISTOGRAM_MS; i++) {
                seen += buckets.get(i);
                if (seen >= rank && rank > 0) {
                    return i;
                }
            }
            return -1;
        }
    }
}
