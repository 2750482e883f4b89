package com.callbackdesk.bench;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.QueueOrder;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.Claim;
import com.callbackdesk.queue.DeskKpis;
import com.callbackdesk.queue.EndOfDayRisk;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.queue.OutcomeRecorder;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import com.callbackdesk.storage.Vendor;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The consultant queue at a peak ("more than 5,000 customers waiting"):
 * thousands of QUEUED callbacks drained by dozens of consultants claiming at once, while the
 * consultants' queue view and the supervisors' dashboard counts are polled.
 *
 * <p>Arguments: {@code N C vendor} — N QUEUED callbacks (default 20,000), C consultant threads
 * (default 50), {@code postgres} (a fresh schema from TestDatabases.postgres(), dropped at exit)
 * or {@code h2} (a fresh in-memory H2). Every row goes through the real store APIs, nothing is
 * bulk-inserted: {@code IntakeCommits.record} (PENDING), for escalated ones an audited
 * {@code update(escalationLevel)}, then the audited PENDING → QUEUED move the scheduler makes when
 * an attempt fires — 4 loader threads, then ANALYZE (a production table has planner statistics).
 * The mix (seeded): 6 products, 5 categories, 25 % urgent, 12 % repeat/dissatisfied and 3 %
 * reputational risk, 40 % without a stated reachable-until and the rest until 15:45–18:00.
 *
 * <p>The desk's clock is a Wednesday 15:30 in Taipei (office 09:00–18:00) moving in real time,
 * so the end-of-day risk is live: callers who leave by 16:30 are at risk (margin 60 min).
 *
 * <p>Consultants: every fifth is a supervisor (takes reputational risk too); 70 % hold all six
 * products, the rest four of them (rotating), so skills overlap as on a real desk. Each thread
 * loops claimNext → startDialing → answered → RESOLVED (the real audited transitions, the dialer
 * acting as {@code system:dialer} as in production) until claimNext finds nothing. One poller,
 * every 500 ms: {@code waitingFor(viewer, 50)} alone, then the whole GET /api/queue body
 * (waitingFor + waitingCount + deadline/at-risk per item), then the dashboard's
 * {@code queueDepth()} and {@code atRiskOfEndOfDay}; its samples are bucketed by the queue depth
 * they saw. 20 quiet samples at full depth precede the drain.
 *
 * <p>Correctness, checked at the end (and open claims on every poll): every callback claimed
 * exactly once (claimNext results, claim rows, CLAIMED audit rows), never two open claims on a
 * callback nor two held by one consultant, none left QUEUED, RESOLVED == N.
 *
 * <p>The desk's INFO log (one line per transition) is turned off for the run: the console of
 * Maven's JVM would be measured, not the queue.
 */
public final class QueuePeakBenchmark {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    /** Wednesday 2026-03-04 15:30 in Taipei. */
    private static final Instant DESK_START = Instant.parse("2026-03-04T07:30:00Z");
    private static final List<String> PRODUCTS = List.of("router-x", "modem-y", "tv-z", "mobile-a", "fiber-b",
            "voip-c");
    private static final List<String> CATEGORIES = List.of("no-internet", "slow", "billing", "setup", "outage");
    private static final Actor INTAKE = Actor.system("intake-route");
    private static final Actor SCHEDULER = Actor.system("scheduler");
    private static final Actor DIALER = Actor.system("dialer");
    private static final Actor SAM = Actor.supervisor("sam");
    private static final String VIEWER = "viewer";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int consultantCount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        String vendorArg = args.length > 2 ? args[2].toLowerCase(Locale.ROOT) : "postgres";
        Configurator.setLevel("com.callbackdesk", Level.WARN);

        DatabaseSettings settings = (vendorArg.startsWith("h2") ? TestDatabases.h2() : TestDatabases.postgres())
                .withPoolSize(consultantCount + 10);
        System.out.printf("QueuePeakBenchmark: N=%d consultants=%d db=%s pool=%d%n", n, consultantCount,
                settings.jdbcUrl(), settings.poolSize());
        System.out.printf("Machine: %d processors, max heap %d MB, Java %s, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"), loadAverage());

        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), DESK_START));
        try (Database db = Database.open(settings)) {
            CallbackStore store = new CallbackStore(db, clock);
            ConsultantDirectory consultants = new ConsultantDirectory(db, clock);
            CallbackQueue queue = new CallbackQueue(db, store);
            OutcomeRecorder outcomes = new OutcomeRecorder(db, store, consultants, Set.of("error-message"), clock);
            DeskKpis kpis = new DeskKpis(db);
            BusinessCalendar calendar = BusinessCalendar.builder(TAIPEI)
                    .weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)).build();
            EndOfDayRisk risk = new EndOfDayRisk(calendar, RetryPolicy::defaults);

            List<String> logins = hire(consultants, consultantCount);
            consultants.add(new ConsultantProfile(VIEWER, "Viewer", "IN_HOUSE", Set.copyOf(PRODUCTS), "PJSIP/viewer",
                    false), SAM, "watches the queue during the benchmark");
            Consultant viewer = consultants.find(VIEWER).orElseThrow();

            long loadStart = System.nanoTime();
            load(store, clock, n);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            analyze(db);
            System.out.printf("Loaded %d QUEUED callbacks through the store in %.1f s (%.0f/s); queueDepth=%d;"
                    + " load average %.2f%n", n, loadSeconds, n / loadSeconds, kpis.queueDepth(), loadAverage());
            if (db.vendor() == Vendor.POSTGRESQL) {
                explain(db, viewer);
            }

            Poller poller = new Poller(db, queue, kpis, store, risk, clock, viewer, n);
            for (int i = 0; i < 20; i++) {
                poller.sample("full depth, quiet");
            }

            Samples claims = new Samples();
            Samples cycles = new Samples();
            ConcurrentHashMap<Long, String> claimedBy = new ConcurrentHashMap<>();
            AtomicLong duplicates = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicInteger resolved = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (String login : logins) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        work(login, queue, outcomes, claims, cycles, claimedBy, duplicates, resolved);
                    } catch (RuntimeException | InterruptedException e) {
                        errors.incrementAndGet();
                        System.out.printf("ERROR %s: %s%n", login, e);
                    }
                }, "consultant-" + login);
                t.start();
                workers.add(t);
            }
            Thread pollThread = new Thread(poller, "poller");
            long drainStart = System.nanoTime();
            start.countDown();
            pollThread.start();
            for (Thread t : workers) {
                t.join();
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            poller.stop();
            pollThread.join();
            poller.sample("empty");

            Check check = check(db, n);
            System.out.println();
            System.out.printf("RESULT N=%d consultants=%d db=%s load average at end %.2f%n", n, consultantCount,
                    db.vendor(), loadAverage());
            System.out.printf("RESULT drained in %.1f s: %.0f claims/s (each claim then dialing, answered, RESOLVED:"
                    + " %.0f full cycles/s)%n", drainSeconds, claims.count() / drainSeconds, resolved.get() / drainSeconds);
            System.out.println();
            System.out.println("| figure | n | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|");
            claims.row("claimNext (successful)");
            cycles.row("startDialing + answered + RESOLVED");
            poller.rows();
            System.out.println();
            System.out.printf("RESULT correctness: claims=%d distinct=%d duplicate claims=%d errors=%d | claim rows=%d"
                            + " distinct callbacks=%d, CLAIMED audit rows=%d, max open claims on a callback=%d (polled),"
                            + " max held by one consultant=%d (polled) | QUEUED left=%d, RESOLVED=%d of %d -> %s%n",
                    claims.count(), claimedBy.size(), duplicates.get(), errors.get(), check.claimRows,
                    check.claimedCallbacks, check.claimedAudits, poller.maxOpenPerCallback, poller.maxHeldPerConsultant,
                    check.queuedLeft, check.resolved, n,
                    check.ok(n) && duplicates.get() == 0 && errors.get() == 0 && claimedBy.size() == n
                            && poller.maxOpenPerCallback <= 1 && poller.maxHeldPerConsultant <= 1 ? "OK" : "FAILED");
        }
    }

    // ------------------------------------------------------------------ setup

    private static List<String> hire(ConsultantDirectory consultants, int count) {
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String login = String.format("c%03d", i);
            boolean supervisor = i % 5 == 0;
            Set<String> skills = new LinkedHashSet<>(PRODUCTS);
            if (!supervisor && i % 10 >= 7) { // 30 %: four of the six products, rotating
                skills.remove(PRODUCTS.get(i % PRODUCTS.size()));
                skills.remove(PRODUCTS.get((i + 1) % PRODUCTS.size()));
            }
            consultants.add(new ConsultantProfile(login, login.toUpperCase(Locale.ROOT), i % 3 == 0 ? "OUTSOURCED"
                    : "IN_HOUSE", skills, "PJSIP/" + login, supervisor), SAM, "hired for the peak");
            consultants.setState(login, ConsultantState.AVAILABLE, Actor.consultant(login), "logged in");
            logins.add(login);
        }
        return logins;
    }

    /** Through the store, 4 threads; callback i's values come from a generator seeded with i. */
    private static void load(CallbackStore store, Clock clock, int n) throws InterruptedException {
        int threads = 4;
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        List<Thread> loaders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread loader = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        queueOne(store, clock, i);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        System.out.printf("LOAD ERROR %d: %s%n", i, e);
                    }
                    if (i > 0 && i % 5_000 == 0) {
                        System.out.printf("  loaded %d%n", i);
                    }
                }
            }, "loader-" + t);
            loader.start();
            loaders.add(loader);
        }
        for (Thread t : loaders) {
            t.join();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " callbacks failed to load");
        }
    }

    private static void queueOne(CallbackStore store, Clock clock, int i) {
        Random r = new Random(i * 7919L + 13);
        String number = String.format("+8869%08d", i + 1);
        String product = PRODUCTS.get(r.nextInt(PRODUCTS.size()));
        String category = CATEGORIES.get(r.nextInt(CATEGORIES.size()));
        Urgency urgency = r.nextInt(100) < 25 ? Urgency.URGENT : Urgency.NORMAL;
        LocalTime until = r.nextInt(100) < 40 ? null : LocalTime.of(15, 45).plusMinutes(15L * r.nextInt(10));
        int e = r.nextInt(100);
        EscalationLevel level = e < 3 ? EscalationLevel.REPUTATIONAL_RISK
                : e < 15 ? EscalationLevel.REPEAT_OR_DISSATISFIED : EscalationLevel.NORMAL;
        Instant now = clock.instant();
        NewCallback request = new NewCallback("bench-" + i + ".1", "PJSIP/trunk-1", number, number,
                NumberSource.CALLER_ID, "en", product, category, urgency, until, ScreenshotChoice.NOT_NEEDED, now);
        long id = store.intakes().record(request, INTAKE).callback().id();
        if (level != EscalationLevel.NORMAL) {
            store.lifecycle().update(id, CallbackChange.none().escalationLevel(level), SAM, "escalated before the peak");
        }
        store.lifecycle().transition(id, CallbackState.PENDING, CallbackState.QUEUED, SCHEDULER, "attempt fired");
    }

    private static void analyze(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    /**
     * Diagnostics: the plans of the claim and view queries at full depth. The WHERE clause is
     * CallbackQueue's candidate query as built for a non-supervisor holding all six products;
     * the ORDER BY is the shared {@link QueueOrder}. EXPLAIN ANALYZE of the locking claim runs in
     * a transaction that is rolled back.
     */
    private static void explain(Database db, Consultant viewer) throws SQLException {
        String in = String.join(", ", viewer.skills().stream().sorted().map(p -> "'" + p + "'").toList());
        String filter = " FROM callback WHERE state = 'QUEUED' AND product IN (" + in + ")"
                + " AND escalation_level <> 'REPUTATIONAL_RISK'";
        String where = "SELECT id" + filter + QueueOrder.orderBy();
        try (Connection c = db.dataSource().getConnection()) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'callback'"
                         + " AND schemaname = current_schema() ORDER BY indexname")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                System.out.println("Indexes on callback: " + names);
            }
            c.setAutoCommit(false);
            for (String[] q : new String[][] {
                    {"claim (LIMIT 1 FOR UPDATE SKIP LOCKED)", where + " LIMIT 1 FOR UPDATE SKIP LOCKED"},
                    {"queue view (LIMIT 50)", where + " LIMIT 50"},
                    {"waiting count", "SELECT COUNT(*)" + filter},
                    {"dashboard openByState", "SELECT state, COUNT(*) FROM callback GROUP BY state"}}) {
                System.out.println("EXPLAIN " + q[0] + ":");
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + q[1])) {
                    while (rs.next()) {
                        System.out.println("    " + rs.getString(1));
                    }
                }
            }
            c.rollback();
        }
    }

    // ------------------------------------------------------------------ the consultants

    private static void work(String login, CallbackQueue queue, OutcomeRecorder outcomes, Samples claims,
                             Samples cycles, ConcurrentHashMap<Long, String> claimedBy, AtomicLong duplicates,
                             AtomicInteger resolved) {
        Actor me = Actor.consultant(login);
        while (true) {
            long t0 = System.nanoTime();
            Optional<Claim> claim = queue.claimNext(login);
            long t1 = System.nanoTime();
            if (claim.isEmpty()) {
                return; // nothing left for this consultant's skills
            }
            claims.add(t1 - t0);
            long id = claim.get().callbackId();
            if (claimedBy.putIfAbsent(id, login) != null) {
                duplicates.incrementAndGet();
                System.out.printf("DUPLICATE claim of %d by %s (first %s)%n", id, login, claimedBy.get(id));
            }
            outcomes.startDialing(id, DIALER, "bench-" + id + ".c");
            outcomes.answered(id, DIALER, "bench-" + id + ".r");
            outcomes.record(id, me, Outcome.of(OutcomeCode.RESOLVED), null);
            cycles.add(System.nanoTime() - t1);
            resolved.incrementAndGet();
        }
    }

    // ------------------------------------------------------------------ the poller

    private static final class Poller implements Runnable {
        private final Database db;
        private final CallbackQueue queue;
        private final DeskKpis kpis;
        private final CallbackStore store;
        private final EndOfDayRisk risk;
        private final Clock clock;
        private final Consultant viewer;
        private final int n;
        private volatile boolean running = true;
        /** Phase → samples, in the order phases first appear. */
        private final java.util.Map<String, Samples[]> phases = new java.util.LinkedHashMap<>();
        private final Samples readForAtRisk = new Samples();
        long maxOpenPerCallback;
        long maxHeldPerConsultant;
        long lastDepth = -1;
        long lastAtRisk = -1;

        Poller(Database db, CallbackQueue queue, DeskKpis kpis, CallbackStore store, EndOfDayRisk risk, Clock clock,
               Consultant viewer, int n) {
            this.db = db;
            this.queue = queue;
            this.kpis = kpis;
            this.store = store;
            this.risk = risk;
            this.clock = clock;
            this.viewer = viewer;
            this.n = n;
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            while (running) {
                String phase = lastDepth > n * 3 / 4 ? "depth > 75 %" : lastDepth > n / 2 ? "depth 50-75 %"
                        : lastDepth > n / 4 ? "depth 25-50 %" : "depth < 25 %";
                sample("draining, " + phase);
                next += 500_000_000L;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep / 1_000_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    next = System.nanoTime();
                }
            }
        }

        void stop() {
            running = false;
        }

        void sample(String phase) {
            Samples[] s = phases.computeIfAbsent(phase, k -> new Samples[] {new Samples(), new Samples(),
                    new Samples(), new Samples()});
            long t0 = System.nanoTime();
            List<Callback> first = queue.waitingFor(viewer, 50);
            long t1 = System.nanoTime();
            // The whole GET /api/queue body (ApiHandlers.queue): the page, the depth, the flags.
            Instant now = clock.instant();
            int atRiskShown = 0;
            for (Callback c : queue.waitingFor(viewer, 50)) {
                if (risk.atRisk(risk.deadline(c, now), now)) {
                    atRiskShown++;
                }
            }
            int depthForViewer = queue.waitingCount(viewer);
            long t2 = System.nanoTime();
            long depth = kpis.queueDepth();
            long t3 = System.nanoTime();
            long atRisk = kpis.atRiskOfEndOfDay(store, risk, clock.instant());
            long t4 = System.nanoTime();
            if (phase.startsWith("full")) {
                // Diagnostics, quiet phase only: how much of the at-risk count is reading the rows.
                long r0 = System.nanoTime();
                store.findByStateInAnyOrder(CallbackState.PENDING, CallbackState.SCHEDULED, CallbackState.QUEUED,
                        CallbackState.CLAIMED);
                readForAtRisk.add(System.nanoTime() - r0);
            }
            s[0].add(t1 - t0);
            s[1].add(t2 - t1);
            s[2].add(t3 - t2);
            s[3].add(t4 - t3);
            lastDepth = depth;
            lastAtRisk = atRisk;
            if (first.size() > 50 || depthForViewer < 0 || atRiskShown < 0) {
                throw new IllegalStateException("impossible");
            }
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                maxOpenPerCallback = Math.max(maxOpenPerCallback, scalar(st, "SELECT COALESCE(MAX(k), 0) FROM"
                        + " (SELECT COUNT(*) AS k FROM callback_claim WHERE ended_at IS NULL GROUP BY callback_id) x"));
                maxHeldPerConsultant = Math.max(maxHeldPerConsultant, scalar(st, "SELECT COALESCE(MAX(k), 0) FROM"
                        + " (SELECT COUNT(*) AS k FROM callback_claim WHERE ended_at IS NULL GROUP BY consultant) x"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        void rows() {
            phases.forEach((phase, s) -> {
                s[0].row("waitingFor(viewer, 50) — " + phase);
                s[1].row("GET /api/queue body (page + waitingCount + flags) — " + phase);
                s[2].row("dashboard queueDepth() — " + phase);
                s[3].row("dashboard atRiskOfEndOfDay — " + phase);
            });
            readForAtRisk.row("of which reading the waiting rows (store.findByStateInAnyOrder), full depth, quiet");
        }
    }

    // ------------------------------------------------------------------ checks and figures

    private record Check(long claimRows, long claimedCallbacks, long claimedAudits, long queuedLeft, long resolved,
                         long openClaims) {
        boolean ok(int n) {
            return claimRows == n && claimedCallbacks == n && claimedAudits == n && queuedLeft == 0 && resolved == n
                    && openClaims == 0;
        }
    }

    private static Check check(Database db, int n) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            return new Check(
                    scalar(st, "SELECT COUNT(*) FROM callback_claim"),
                    scalar(st, "SELECT COUNT(DISTINCT callback_id) FROM callback_claim"),
                    scalar(st, "SELECT COUNT(*) FROM callback_audit WHERE new_state = 'CLAIMED' AND old_state = 'QUEUED'"),
                    scalar(st, "SELECT COUNT(*) FROM callback WHERE state = 'QUEUED'"),
                    scalar(st, "SELECT COUNT(*) FROM callback WHERE state = 'RESOLVED'"),
                    scalar(st, "SELECT COUNT(*) FROM callback_claim WHERE ended_at IS NULL"));
        }
    }

    private static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Latencies in nanoseconds; a few tens of thousands, so they are simply kept and sorted. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized int count() {
            return size;
        }

        synchronized void row(String what) {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            System.out.printf("| %s | %d | %s | %s | %s |%n", what, size, ms(sorted, 50), ms(sorted, 99),
                    size == 0 ? "-" : String.format("%.1f", sorted[size - 1] / 1e6));
        }

        /** Nearest rank. */
        private static String ms(long[] sorted, double p) {
            if (sorted.length == 0) {
                return "-";
            }
            int rank = (int) Math.ceil(sorted.length * p / 100.0);
            return String.format("%.1f", sorted[Math.max(0, rank - 1)] / 1e6);
        }
    }
}
