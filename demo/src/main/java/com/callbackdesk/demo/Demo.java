package com.callbackdesk.demo;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.account.Role;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.ivr.intake.IntakeMetrics;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.planning.labels.Labels;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.scheduling.ShiftedClock;
import com.callbackdesk.server.LogFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code demo}: the whole desk on embedded defaults (a fresh H2 file database, FastAGI on a free
 * port, the Camel routes) with the simulated PBX placing its persona calls through the real
 * {@code [inbound]} dialplan, five at a time. Prints what each caller got, what was stored and
 * the audit trail of one callback — what a supervisor would check after a morning's calls.
 *
 * <p>One clock: the desk, Quartz included, runs on a {@link ShiftedClock} that reads 10:00 office
 * time on a weekday when the demo starts and then runs at real speed, so every time the demo prints
 * (or the console shows) is when it happens. The demo's retry policy is the built-in one with
 * shorter first-attempt delays (unless {@code scheduling.policyFile} names one), so the first
 * callbacks come due within minutes; everything after (a BUSY's retry, ...) is the policy's.
 */
public final class Demo {

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");
    private static final int CONCURRENT_CALLS = 5;

    /** How soon after the request the demo's policy calls back (the built-in policy says 5 and 20 minutes). */
    static final Duration URGENT_FIRST_ATTEMPT = Duration.ofMinutes(1);
    static final Duration NORMAL_FIRST_ATTEMPT = Duration.ofMinutes(3);

    private final AppConfig config;
    /** {@code demo --stay}: keep the desk (API, console) running after the calls, until Ctrl-C. */
    private final boolean stay;
    private RetryPolicy policy = RetryPolicy.defaults()
            .withFirstAttemptDelay(Urgency.URGENT, URGENT_FIRST_ATTEMPT)
            .withFirstAttemptDelay(Urgency.NORMAL, NORMAL_FIRST_ATTEMPT);
    private Consumer<CallbackDesk> started = desk -> { };

    public Demo(AppConfig config) {
        this(config, false);
    }

    public Demo(AppConfig config, boolean stay) {
        this.config = config;
        this.stay = stay;
    }

    /**
     * The retry policy the demo starts with when the configuration names none (tests: shorter
     * delays, to see callbacks come due in seconds under the same rules).
     */
    public Demo withPolicy(RetryPolicy policy) {
        this.policy = policy;
        return this;
    }

    /** Called with the running desk before the first call is placed (tests watch it). */
    public Demo onStarted(Consumer<CallbackDesk> started) {
        this.started = started;
        return this;
    }

    public int run(PrintStream out) throws Exception {
        ZoneId office = ZoneId.of(config.intake.officeZone);
        ShiftedClock clock = officeMorning(office);
        Path dataDir = Files.createTempDirectory("callback-desk-demo-");
        config.database.dataDir = dataDir.toString();
        boolean demoPolicy = config.scheduling.policyFile == null;
        if (demoPolicy) {
            Path policyFile = dataDir.resolve("demo-policy.yaml");
            Files.writeString(policyFile, policy.toYaml());
            config.scheduling.policyFile = policyFile.toString();
        }
        config.fastagi.port = HttpSettings.freePort();   // a free port: the demo must not collide with a running desk
        if (!portFree(config.http.host, config.http.port)) {
            config.http.port = HttpSettings.freePort();   // likewise for HTTP (API, console)
        }

        out.printf("Callback Desk demo%n");
        out.printf("  office time  %s %s: the demo's clock, %s this machine's; the whole desk runs on it,%n"
                        + "               Quartz included, so every time shown is when it happens%n",
                ZonedDateTime.now(clock).withZoneSameInstant(office).format(DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm")),
                office, ahead(clock.shift()));
        if (demoPolicy) {
            RetryPolicy builtIn = RetryPolicy.defaults();
            out.printf("  policy       the built-in retry policy, but first attempts %s after an urgent request and%n"
                            + "               %s after a normal one (not %s and %s) so callbacks come due within minutes%n",
                    minutes(policy.firstAttemptDelay(Urgency.URGENT)), minutes(policy.firstAttemptDelay(Urgency.NORMAL)),
                    minutes(builtIn.firstAttemptDelay(Urgency.URGENT)), minutes(builtIn.firstAttemptDelay(Urgency.NORMAL)));
        }
        long startedAt = System.nanoTime();
        DemoSounds sounds = DemoSounds.find();
        PbxSettings pbxSettings = PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + config.fastagi.port))
                .withSounds(sounds.files());
        try (SimulatedPbx pbx = new SimulatedPbx(Dialplan.loadDefault(), pbxSettings)) {
        config.ami.port = pbx.startAmi(0).port();   // the dialer originates on the simulated PBX's AMI
        try (CallbackDesk desk = CallbackDesk.start(config, clock)) {
            out.printf("  storage      %s%n", config.database.url == null ? "embedded H2 in " + dataDir
                    : config.database.url.replaceAll("(?i)(password=)[^&;]*", "$1***") + " (database.url)");
            out.printf("  FastAGI      127.0.0.1:%d  (Asterisk: AGI(agi://127.0.0.1:%d/intake))%n",
                    desk.fastAgiPort(), desk.fastAgiPort());
            out.printf("  PBX          simulated Asterisk running [inbound] of asterisk-config's extensions.conf%n");
            out.printf("  sounds       %s%n", sounds.description());

            out.printf("  AMI          127.0.0.1:%d  (the dialer's Originate → [callback])%n", config.ami.port);
            out.printf("  HTTP         %s/console/ (web console), %s/api (REST API)%n", desk.http().baseUrl(),
                    desk.http().baseUrl());
            out.printf("  logs         %s%n%n", LogFiles.describe());
            started.accept(desk);
            List<Placed> placed = placeCalls(pbx, out);
            printCalls(placed, desk.store(), office, out);
            printSummary(desk.intakeMetrics(), desk.store(), out);
            printQueue(desk.store(), office, out);
            printAudit(placed, desk.store(), office, out);
            new DemoDialing(desk, pbx, clock, office, out).run();   // consultants dial back over AMI
            printScreenshotLinks(desk, out);
            printLogins(desk, clock, out);
            if (stay) {
                out.printf("%nThe desk keeps running (demo --stay): stop with Ctrl-C.%n");
                out.flush();
                new java.util.concurrent.CountDownLatch(1).await();
            }
        }
        }
        out.printf("%nDone in %.1f s. Logs: %s (every line carries call= and callback=).%n",
                (System.nanoTime() - startedAt) / 1e9, LogFiles.describe());
        return 0;
    }

    // ---- REST API: demo accounts and where to reach the API / console.

    /** Demo passwords: printed, so only ever for the throw-away demo database. */
    private static final String[][] DEMO_ACCOUNTS = {
            {"alice", "consultant", "Alice Chen", "IN_HOUSE", "alice-demo"},
            {"bob", "consultant", "Bob Tan", "OUTSOURCED", "bob-demo"},
            {"sue", "supervisor", "Sue Lin", null, "sue-demo"}};

    /**
     * A demo consultant as the account list describes them (name, group: alice in-house, bob
     * outsourced), skilled in every product — the one description the demo's dialing and its
     * logins both use, so the dashboard's in-house vs outsourced figures match what is printed.
     */
    static ConsultantProfile demoConsultant(String login, java.util.Set<String> products) {
        for (String[] a : DEMO_ACCOUNTS) {
            if (a[0].equals(login) && a[3] != null) {
                return new ConsultantProfile(a[0], a[2], a[3], products, "PJSIP/" + a[0], false);
            }
        }
        throw new IllegalArgumentException("login: no demo consultant '" + login + "'");
    }

    private void printLogins(CallbackDesk desk, Clock clock, PrintStream out) {
        Actor demo = Actor.system("demo");
        ConsultantDirectory consultants = desk.consultants();
        java.util.Set<String> products = new java.util.TreeSet<>();
        PromptCatalogue.loadDefault().products().forEach(p -> products.add(p.code()));
        for (String[] a : DEMO_ACCOUNTS) {
            String consultant = null;
            if (a[3] != null) {
                consultant = a[0];
                if (consultants.find(a[0]).isEmpty()) {
                    desk.desk().roster().add(demoConsultant(a[0], products), demo, "demo consultant");
                    consultants.setState(a[0], ConsultantState.AVAILABLE, demo, "demo: ready");
                }
            }
            if (desk.accounts().find(a[0]).isEmpty()) {
                desk.accounts().create(a[0], a[2], Role.parse(a[1]), consultant, a[4].toCharArray(), demo, "demo account");
            }
        }
        String base = desk.http().baseUrl();
        out.printf("%nWeb console (docs/CONSOLE.md) while the desk runs: %s/console/  —  REST API (docs/API.md) under %s/api%n", base, base);
        for (String[] a : DEMO_ACCOUNTS) {
            out.printf("  login %-6s password %-11s (%s%s)%n", a[0], a[4], a[1], a[3] == null ? "" : ", " + a[3]);
        }
        out.printf("  e.g. curl -u alice:alice-demo %s/api/queue%s%n", base,
                stay ? "" : "   (run `demo --stay` to keep the desk up after the calls)");
    }

    private static boolean portFree(String host, int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The demo's clock: it reads 10:00 office time on a weekday (today's, or Monday's at a weekend)
     * and then runs at real speed. The scheduler fires on it too ({@link ShiftedClock}).
     */
    private static ShiftedClock officeMorning(ZoneId office) {
        LocalDate day = LocalDate.now(office);
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        }
        return ShiftedClock.readingNow(ZonedDateTime.of(day, LocalTime.of(10, 0), office).toInstant(), office);
    }

    /** "2 h 13 min ahead of" / "40 min behind" / "the same as". */
    static String ahead(Duration shift) {
        long minutes = Math.abs(shift.toMinutes());
        if (minutes == 0) {
            return "the same as";
        }
        String size = (minutes >= 60 ? minutes / 60 + " h " : "") + (minutes % 60 == 0 && minutes >= 60 ? "" : minutes % 60 + " min ");
        return size + (shift.isNegative() ? "behind" : "ahead of");
    }

    private static String minutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private record Placed(CallerPersona persona, CallRecord call) {
    }

    private List<Placed> placeCalls(SimulatedPbx pbx, PrintStream out) throws Exception {
        List<CallerPersona> callers = DemoCallers.all();
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < callers.size(); i += CONCURRENT_CALLS) {
            List<CallerPersona> wave = callers.subList(i, Math.min(i + CONCURRENT_CALLS, callers.size()));
            List<CompletableFuture<CallRecord>> calls = new ArrayList<>();
            wave.forEach(p -> calls.add(pbx.callAsync(p)));
            for (int j = 0; j < wave.size(); j++) {
                placed.add(new Placed(wave.get(j), calls.get(j).get()));
            }
        }
        out.printf("Placed %d calls, %d at a time.%n%n", placed.size(), CONCURRENT_CALLS);
        return placed;
    }

    private void printCalls(List<Placed> placed, CallbackStore store, ZoneId office, PrintStream out) {
        out.printf("%-3s %-28s %-14s %-9s %-4s %-14s %-28s %-24s %-7s %-6s %-10s%n",
                "#", "caller", "caller ID", "result", "cb", "callback no.", "product", "problem", "urgency",
                "until", "screenshot");
        int n = 1;
        for (Placed p : placed) {
            Map<String, String> vars = p.call().finalVariables();
            String result = vars.getOrDefault("INTAKE_RESULT", p.call().callerHungUp() ? "HUNG UP" : "-");
            if ("OPERATOR".equals(result)) {
                result = "OPERATOR";
            }
            String id = vars.get("CALLBACK_ID");
            Callback cb = id == null ? null : store.find(Long.parseLong(id)).orElse(null);
            out.printf("%-3d %-28s %-14s %-9s %-4s %-14s %-28s %-24s %-7s %-6s %-10s%n", n++,
                    p.persona().name(),
                    p.persona().callerId() == null ? "withheld" : p.persona().callerId(),
                    result,
                    id == null ? "" : "#" + id,
                    cb == null ? "" : cb.callbackNumber(),
                    cb == null ? "" : label("product", cb.product()),
                    cb == null ? "" : label("category", cb.category()),
                    cb == null ? "" : label("urgency", cb.urgency().name()),
                    cb == null ? "" : cb.reachableUntil() == null ? "close" : HHMM.format(cb.reachableUntil()),
                    cb == null ? "" : label("screenshotChoice", cb.screenshotChoice().name()));
        }
        out.println();
    }

    private void printSummary(IntakeMetrics metrics, CallbackStore store, PrintStream out) {
        IntakeMetrics.Snapshot s = metrics.snapshot();
        out.printf("Intake: %d calls, %d callbacks captured, %d merged into a pending callback, %d rejected, "
                        + "%d sent to the operator, %d abandoned%n",
                s.started(), s.accepted(), s.merged(), s.rejected(), s.operatorTransfers(), s.abandoned());
        if (s.abandoned() > 0) {
            out.printf("  abandoned by step: %s (no callback request was created for these)%n", s.abandonedByStep());
        }
        out.printf("  questions that fell back to their default: %s%n", s.defaultsUsedByStep());
        out.printf("  callbacks in storage: %d%n%n", store.count());
    }

    private void printQueue(CallbackStore store, ZoneId office, PrintStream out) {
        out.println("Open callbacks in the order consultants will get them (escalation, deadline, urgency, age),");
        out.println("with the time each is due (the retry planner's first attempt, policy version in brackets; it joins");
        out.println("the consultants' queue then, not before):");
        DateTimeFormatter planned = DateTimeFormatter.ofPattern("EEE HH:mm:ss");
        int pos = 1;
        for (Callback cb : store.findOpen()) {
            out.printf("  %2d. #%-3d %-22s %-14s %-7s %-28s %-24s until %-5s due %s [v%s] merged %d%n", pos++,
                    cb.id(), label("callbackState", cb.state().name()), cb.callbackNumber(),
                    label("urgency", cb.urgency().name()), label("product", cb.product()), label("category", cb.category()),
                    cb.reachableUntil() == null ? "close" : HHMM.format(cb.reachableUntil()),
                    cb.plannedAt() == null ? "-" : planned.format(cb.plannedAt().atZone(office)),
                    cb.policyVersion() == null ? "-" : cb.policyVersion(), cb.mergeCount());
        }
        out.println();
    }

    // ---- screenshot step ----
    private void printScreenshotLinks(CallbackDesk desk, PrintStream out) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long wanted = desk.store().findOpen().stream().filter(cb -> cb.screenshotChoice().name().equals("SMS")
                || cb.screenshotChoice().name().equals("EMAIL")).count();
        while (desk.screenshotOutbox().size() < wanted && System.nanoTime() < until) {
            Thread.sleep(50);   // the links leave beside the caller's path (seda); give them a moment
        }
        List<com.callbackdesk.routes.screenshot.LinkMessage> sent = desk.screenshotOutbox();
        out.printf("%nScreenshot links for categories that need a screen: %d. No SMS gateway or mail server%n"
                + "is configured in the demo, so they went to the outbox (logged); pages on %s:%n", sent.size(),
                desk.http().baseUrl());
        for (com.callbackdesk.routes.screenshot.LinkMessage m : sent) {
            out.printf("  #%-3d %-5s to %-16s %s%n", m.callbackId(), m.channel(), m.to(), m.text());
        }
        if (!stay && !sent.isEmpty()) {
            out.printf("  (run `demo --stay` to keep the desk up and open these pages in a browser)%n");
        }
    }

    /** An instant as the office reads it ("Mon 10:00:03"): what the desk's people work in. */
    static String officeTime(java.time.Instant at, ZoneId office) {
        return at == null ? "-" : at.atZone(office).format(OFFICE_TIME);
    }

    private static final DateTimeFormatter OFFICE_TIME = DateTimeFormatter.ofPattern("EEE HH:mm:ss");

    /** The demo is read by people: the desk's English labels, as the console shows them, not codes. */
    private static final Labels LABELS = Labels.loadDefault();

    private static String label(String kind, String code) {
        return code == null ? "" : LABELS.label(kind, code, Labels.ENGLISH);
    }

    private void printAudit(List<Placed> placed, CallbackStore store, ZoneId office, PrintStream out) {
        store.findOpen().stream().filter(cb -> cb.mergeCount() > 0).findFirst().ifPresent(cb -> {
            out.printf("Audit trail of callback #%d (%s):%n", cb.id(), cb.callbackNumber());
            for (AuditEntry e : store.history(cb.id())) {
                out.printf("  %s  %-22s %-10s %s -> %s  %s%n", officeTime(e.at(), office), e.actor(), e.action(),
                        e.oldState() == null ? "-" : label("callbackState", e.oldState().name()),
                        label("callbackState", e.newState().name()), e.why());
            }
        });
    }
}
