package com.callbackdesk.demo;

import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code demo --stay} on one clock: a callback joins the consultants' queue when it is due on the
 * demo's clock — never before, and within a small margin after — whatever this machine's time of
 * day; and a busy caller's next attempt is due the policy's gap later. The demo's first-attempt
 * delays are shortened to seconds so the test is quick; the rule checked is the same.
 */
class DemoClockTest {

    /** How late after its due time a callback may join the queue (Quartz's acquisition, the hand-off). */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void callbacksJoinTheQueueWhenTheyAreDueAndNotBefore(DatabaseSettings database) throws Exception {
        AppConfig config = AppConfig.defaults();
        if (database.jdbcUrl().startsWith("jdbc:postgresql:")) {
            config.database.url = database.jdbcUrl();
            config.database.user = database.user();
            config.database.password = database.password();
        }   // H2: the demo's own embedded file database
        config.http.port = 0;
        config.ami.originateTimeoutSeconds = 5;   // bob's phone rings out sooner
        RetryPolicy quick = RetryPolicy.defaults()
                .withFirstAttemptDelay(Urgency.URGENT, Duration.ofSeconds(4))
                .withFirstAttemptDelay(Urgency.NORMAL, Duration.ofSeconds(8));

        AtomicReference<CallbackDesk> running = new AtomicReference<>();
        Map<Long, Instant> firstDue = new ConcurrentHashMap<>();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Thread demo = new Thread(() -> {
            try {
                new Demo(config, true).withPolicy(quick).onStarted(desk -> {
                    running.set(desk);
                    // What the console shows: each scheduled callback's due time, as soon as it is planned.
                    watcher.scheduleWithFixedDelay(() -> desk.store().findOpen().forEach(cb -> {
                        if (cb.state() == CallbackState.SCHEDULED && cb.plannedAt() != null) {
                            firstDue.putIfAbsent(cb.id(), cb.plannedAt());
                        }
                    }), 0, 20, TimeUnit.MILLISECONDS);
                }).run(out);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                e.printStackTrace(out);
            }
        }, "demo");
        demo.start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> printed.toString(StandardCharsets.UTF_8).contains("The desk keeps running")
                            || !demo.isAlive());
            String report = printed.toString(StandardCharsets.UTF_8);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "demo-report-"
                    + (config.database.url == null ? "h2" : "postgresql") + ".txt"), report);
            assertThat(report).contains("The desk keeps running", "joined the queue at")
                    .doesNotContain("Exception", "skipped", "nothing in the queue");
            CallbackDesk desk = running.get();
            Clock clock = desk.planning().clock();

            // Every callback that came due was queued at its due time: not before, within the margin after.
            Instant now = clock.instant();
            List<Long> queuedOnTime = new ArrayList<>();
            for (Map.Entry<Long, Instant> e : firstDue.entrySet()) {
                long id = e.getKey();
                Instant due = e.getValue();
                Optional<AuditEntry> leftScheduled = desk.store().history(id).stream()
                        .filter(a -> a.action() == AuditEntry.Action.TRANSITION
                                && a.oldState() == CallbackState.SCHEDULED)
                        .findFirst();
                if (leftScheduled.isPresent() && leftScheduled.get().newState() == CallbackState.QUEUED) {
                    Instant queued = leftScheduled.get().at();
                    assertThat(queued).as("callback #%d due %s joined the queue at %s", id, due, queued)
                            .isAfterOrEqualTo(due).isBeforeOrEqualTo(due.plus(MARGIN));
                    queuedOnTime.add(id);
                } else if (leftScheduled.isEmpty()) {
                    assertThat(due).as("callback #%d due %s still not queued at %s", id, due, now)
                            .isAfter(now.minus(MARGIN));
                }
            }
            assertThat(queuedOnTime).as("the first callbacks came due and were queued").hasSizeGreaterThanOrEqualTo(2);

            // The busy caller's next attempt: due the policy's BUSY gap after the busy outcome, not queued yet.
            Callback busy = desk.store().findOpen().stream()
                    .filter(cb -> desk.outcomes().attempts(cb.id()).stream().anyMatch(a -> "BUSY".equals(a.outcome())))
                    .findFirst().orElseThrow(() -> new AssertionError("no busy callback in:\n" + report));
            assertThat(busy.state()).isEqualTo(CallbackState.SCHEDULED);
            Instant busyAt = desk.outcomes().attempts(busy.id()).stream().filter(a -> "BUSY".equals(a.outcome()))
                    .map(a -> a.endedAt()).findFirst().orElseThrow();
            Duration gap = quick.outcomes().get(com.callbackdesk.planning.OutcomeCode.BUSY).after();
            assertThat(Duration.between(busyAt, busy.plannedAt())).as("busy at %s, next attempt due %s", busyAt,
                    busy.plannedAt()).isBetween(gap.minus(MARGIN), gap.plus(MARGIN));
            assertThat(report).contains("#" + busy.id() + " (").contains(Demo.officeTime(busy.plannedAt(),
                    java.time.ZoneId.of(config.intake.officeZone)));
        } finally {
            demo.interrupt();
            demo.join(Duration.ofSeconds(30).toMillis());
            watcher.shutdownNow();
        }
        assertThat(demo.isAlive()).as("the demo stops when interrupted").isFalse();
    }
}
