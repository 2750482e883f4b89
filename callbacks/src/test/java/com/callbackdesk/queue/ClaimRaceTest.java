package com.callbackdesk.queue;

import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two consultants never get the same callback, on H2 and PostgreSQL. */
class ClaimRaceTest {

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void twoConsultantsRacingForOneCallbackOnlyOneGetsIt(DatabaseSettings settings) throws Exception {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            desk.consultant("bob", "router-x");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 15; round++) {
                    long id = desk.queued(Desk.number(round), "router-x").id();
                    CountDownLatch start = new CountDownLatch(1);
                    Future<Optional<Claim>> a = pool.submit(() -> { start.await(); return desk.queue.claimNext("alice"); });
                    Future<Optional<Claim>> b = pool.submit(() -> { start.await(); return desk.queue.claimNext("bob"); });
                    start.countDown();
                    Optional<Claim> ca = a.get(30, TimeUnit.SECONDS);
                    Optional<Claim> cb = b.get(30, TimeUnit.SECONDS);
                    assertThat(ca.isPresent() ^ cb.isPresent()).as("round %d: exactly one claims", round).isTrue();
                    Claim winner = ca.orElseGet(cb::orElseThrow);
                    assertThat(winner.callbackId()).isEqualTo(id);
                    assertThat(desk.queue.claimOf(id)).get().extracting(Claim::consultant).isEqualTo(winner.consultant());
                    // hand it back so the winner may claim again next round
                    desk.queue.release(id, com.callbackdesk.callback.Actor.consultant(winner.consultant()), "test round over");
                    desk.store.lifecycle().transition(id, CallbackState.QUEUED, CallbackState.CANCELLED, Desk.SAM, "round over");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void tenConsultantsDrainingTheQueueClaimEachCallbackExactlyOnce(DatabaseSettings settings) throws Exception {
        try (Desk desk = new Desk(settings)) {
            int callbacks = 120;
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < callbacks; i++) {
                ids.add(desk.queued(Desk.number(1000 + i), "router-x").id());
            }
            List<String> logins = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                logins.add(desk.consultant("c" + i, "router-x"));
            }
            ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
            Map<String, Integer> perConsultant = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(logins.size());
            List<Future<?>> runs = new ArrayList<>();
            for (String login : logins) {
                runs.add(pool.submit(() -> {
                    start.await();
                    while (true) {
                        Optional<Claim> c = desk.queue.claimNext(login);
                        if (c.isEmpty()) {
                            return null;
                        }
                        claimed.add(c.get().callbackId());
                        perConsultant.merge(login, 1, Integer::sum);
                        // the consultant defers it (a claim they no longer hold), then claims the next
                        desk.store.lifecycle().transition(c.get().callbackId(), CallbackState.CLAIMED, CallbackState.SCHEDULED,
                                com.callbackdesk.callback.Actor.consultant(login), "deferred in the test");
                    }
                }));
            }
            start.countDown();
            for (Future<?> f : runs) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();

            assertThat(claimed).hasSize(callbacks);
            assertThat(new HashSet<>(claimed)).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(perConsultant.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(callbacks);
            for (long id : ids) {
                List<AuditEntry> trail = desk.store.history(id);
                assertThat(trail).filteredOn(e -> e.newState() == CallbackState.CLAIMED).hasSize(1);
            }
            assertThat(desk.store.findByState(CallbackState.QUEUED)).isEmpty();
        }
    }
}
