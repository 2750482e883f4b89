package com.callbackdesk.bench;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.pbxsim.AgiExchange;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.storage.DatabaseSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * N concurrent pbx-sim callers through the full intake (dialplan → FastAGI → Camel → H2 or
 * PostgreSQL), every caller a distinct number so each call commits a new callback.
 *
 * <p>Reports completed calls/s, the AGI round trip seen from Asterisk's side (command in →
 * reply out, pbx-sim), our FastAGI server's turnaround (reply out → next command in: what the
 * IVR takes per step), and intake latency: from the caller's last key press (reply to the last
 * question) to the first command after the desk answered (the callback is committed by then).
 *
 * <pre>
 * mvn -q -o install -DskipTests
 * mvn -q -o -pl app test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.callbackdesk.bench.IntakeBenchmark -Dexec.args="500 3 h2"
 * </pre>
 * args: concurrent callers per round, rounds, h2|postgres (postgres = jdbc:postgresql://127.0.0.1:5432/test).
 */
public final class IntakeBenchmark {

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.apache.logging.log4j.jul.LogManager");
        System.setProperty("log4j2.configurationFile", "log4j2-bench.xml");
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String db = args.length > 2 ? args[2] : "h2";

        AppConfig config = AppConfig.defaults();
        config.fastagi.port = 0;
        config.fastagi.maxCalls = callers + 50;
        config.database.poolSize = 20;
        if (db.equals("postgres")) {
            config.database.url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bench_intake";
            config.database.user = "postgres";
            try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 var st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS bench_intake CASCADE");
                st.execute("CREATE SCHEMA bench_intake");
            }
        } else {
            Path dir = Files.createTempDirectory("intake-bench");
            config.database.dataDir = dir.toString();
        }
        config.http.port = com.callbackdesk.http.HttpSettings.freePort(); // never a fixed port
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("Asia/Taipei"));
        System.out.printf("Intake benchmark: %d concurrent callers x %d rounds, database %s, %d cores%n",
                callers, rounds, db, Runtime.getRuntime().availableProcessors());
        try (CallbackDesk desk = CallbackDesk.start(config, clock);
             SimulatedPbx pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults()
                     .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + desk.fastAgiPort())))) {
            run(pbx, callers, 0, false);                // warm-up: JIT, pools, connections
            long numberBase = 100_000;
            for (int r = 1; r <= rounds; r++) {
                Result res = run(pbx, callers, numberBase + (long) r * callers, true);
                System.out.printf("round %d: %d calls, %d errors, %.0f calls/s%n"
                                + "  AGI round trip, Asterisk side (command in -> reply out): p50 %.3f ms, p99 %.3f ms%n"
                                + "  FastAGI server turnaround per IVR step (reply out -> next command in), desk step excluded: p50 %.3f ms, p99 %.3f ms%n"
                                + "  intake latency (last key press -> committed and acknowledging): p50 %.1f ms, p99 %.1f ms%n",
                        r, res.calls, res.errors, res.callsPerSecond, res.rtt[0], res.rtt[1], res.turn[0], res.turn[1],
                        res.intake[0], res.intake[1]);
            }
            System.out.printf("callbacks committed: %d%n", desk.store().count());
        }
    }

    private record Result(int calls, int errors, double callsPerSecond, double[] rtt, double[] turn, double[] intake) {
    }

    private static Result run(SimulatedPbx pbx, int callers, long numberBase, boolean measure) throws Exception {
        List<CallerPersona> personas = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            // Distinct valid Taipei numbers 02-2xxx-xxxx so nothing merges.
            String number = "+88622" + String.format("%07d", (numberBase + i) % 10_000_000L).replaceFirst("^0", "3");
            personas.add(CallerPersona.named("bench-" + i).callerId(number)
                    .press("1").press("1").press("1").press("1").press("1").press("*").build());
        }
        CountDownLatch go = new CountDownLatch(1);
        long start = System.nanoTime();
        List<CompletableFuture<CallRecord>> calls = new ArrayList<>();
        for (CallerPersona p : personas) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return p;
            }).thenCompose(pbx::callAsync));
        }
        go.countDown();
        List<CallRecord> done = calls.stream().map(CompletableFuture::join).toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        int errors = 0;
        List<Long> rtt = new ArrayList<>();
        List<Long> turn = new ArrayList<>();
        List<Long> intake = new ArrayList<>();
        for (CallRecord c : done) {
            if (!"ACCEPTED".equals(c.finalVariables().get("INTAKE_RESULT"))) {
                errors++;
                continue;
            }
            List<AgiExchange> ex = c.agiExchanges();
            int lastQuestion = -1;
            int firstAfterDesk = -1;
            for (int i = 0; i < ex.size(); i++) {
                AgiExchange e = ex.get(i);
                rtt.add(e.roundTripNanos());
                if (i > 0 && !e.command().contains("INTAKE_RESULT")) {
                    turn.add(e.receivedAtNanos() - ex.get(i - 1).repliedAtNanos());
                }
                if (e.command().startsWith("GET DATA")) {
                    lastQuestion = i;
                }
                if (firstAfterDesk < 0 && e.command().contains("INTAKE_RESULT")) {
                    firstAfterDesk = i;
                }
            }
            if (lastQuestion >= 0 && firstAfterDesk > lastQuestion) {
                intake.add(ex.get(firstAfterDesk).receivedAtNanos() - ex.get(lastQuestion).repliedAtNanos());
            }
        }
        return new Result(done.size(), errors, done.size() / seconds, pct(rtt), pct(turn), pct(intake));
    }

    private static double[] pct(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return new double[] {a[(int) (a.length * 0.50)] / 1e6, a[Math.min(a.length - 1, (int) (a.length * 0.99))] / 1e6};
    }
}
