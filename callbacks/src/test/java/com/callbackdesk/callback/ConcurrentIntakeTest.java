package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intakes from one number racing on separate threads, connections and (for "processes")
 * separate pools: exactly one callback, N-1 merges.
 */
class ConcurrentIntakeTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final Actor INTAKE = Actor.system("intake-route");

    @ParameterizedTest
    @MethodSource(BOTH)
    void twoRacingIntakesMakeOneCallbackAndOneMerge(DatabaseSettings settings) throws Exception {
        race(settings, 2, 1);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void twentyRacingIntakesOverTwoPoolsMakeOneCallbackAndNineteenMerges(DatabaseSettings settings) throws Exception {
        race(settings, 20, 2);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void racingCloseAndIntakeNeverLeaveTwoOpenCallbacksOrAnOrphanedNumber(DatabaseSettings settings) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-03T02:00:00Z"));
        try (Database db = Database.open(settings.withPoolSize(8))) {
            CallbackStore store = new CallbackStore(db, clock);
            String number = "+886977000000";
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 15; round++) {
                    long id = store.intakes().record(Intakes.from(number, "r" + round), INTAKE).callback().id();
                    CyclicBarrier start = new CyclicBarrier(4);
                    List<Future<?>> futures = new ArrayList<>();
                    futures.add(pool.submit(() -> {
                        start.await();
                        return store.lifecycle().transition(id, CallbackState.PENDING, CallbackState.CANCELLED,
                                Actor.caller(number), "pressed cancel");
                    }));
                    for (int t = 0; t < 3; t++) {
                        int thread = t;
                        futures.add(pool.submit(() -> {
                            start.await();
                            return store.intakes().record(Intakes.from(number, "r" + id + "-" + thread), INTAKE);
                        }));
                    }
                    for (Future<?> f : futures) {
                        f.get(60, TimeUnit.SECONDS);
                    }
                    List<Callback> open = store.findOpen();
                    assertThat(open).as("round %d", round).hasSizeLessThanOrEqualTo(1);
                    assertThat(store.findOpenByNumber(number).map(Callback::id))
                            .isEqualTo(open.stream().findFirst().map(Callback::id));
                    // close whatever is open so the next round starts clean
                    for (Callback c : open) {
                        store.lifecycle().transition(c.id(), c.state(), CallbackState.CANCELLED, INTAKE, "next round");
                    }
                    assertThat(store.findOpenByNumber(number)).isEmpty();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void race(DatabaseSettings settings, int callers, int pools) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2025-03-03T02:00:00Z"));
        List<Database> dbs = new ArrayList<>();
        try {
            for (int p = 0; p < pools; p++) {
                dbs.add(Database.open(settings.withPoolSize(callers)));
            }
            List<CallbackStore> stores = dbs.stream().map(db -> new CallbackStore(db, clock)).toList();
            String number = "+886988000000";
            CyclicBarrier start = new CyclicBarrier(callers);
            ExecutorService threads = Executors.newFixedThreadPool(callers);
            List<Future<IntakeResult>> results = new ArrayList<>();
            try {
                for (int i = 0; i < callers; i++) {
                    CallbackStore store = stores.get(i % pools);
                    NewCallback request = Intakes.from(number, "race-" + i);
                    results.add(threads.submit(() -> {
                        start.await();
                        return store.intakes().record(request, INTAKE);
                    }));
                }
                List<IntakeResult> done = new ArrayList<>();
                for (Future<IntakeResult> f : results) {
                    done.add(f.get(120, TimeUnit.SECONDS));
                }
                CallbackStore store = stores.get(0);
                assertThat(done).filteredOn(r -> r instanceof IntakeResult.Created).hasSize(1);
                assertThat(done).filteredOn(r -> r instanceof IntakeResult.Merged).hasSize(callers - 1);
                assertThat(done).extracting(r -> r.callback().id()).containsOnly(done.get(0).callback().id());
                assertThat(store.count()).isEqualTo(1);
                long id = done.get(0).callback().id();
                assertThat(store.find(id).orElseThrow().mergeCount()).isEqualTo(callers - 1);
                assertThat(store.merges(id)).hasSize(callers - 1);
                assertThat(store.history(id)).filteredOn(a -> a.action() == AuditEntry.Action.MERGED)
                        .hasSize(callers - 1);
                // every call is accounted for exactly once: the creating call or a merge row
                List<String> calls = new ArrayList<>();
                calls.add(store.find(id).orElseThrow().callUniqueId());
                store.merges(id).forEach(m -> calls.add(m.request().callUniqueId()));
                assertThat(calls).hasSize(callers).doesNotHaveDuplicates();
            } finally {
                threads.shutdownNow();
            }
        } finally {
            for (int i = dbs.size() - 1; i >= 0; i--) {
                dbs.get(i).close();
            }
        }
    }
}
