package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Consultants racing over HTTP for the same queue never get the same callback, and nobody gets one twice. */
class ClaimRaceApiTest {

    private static final int CONSULTANTS = 6;
    private static final int ROUNDS = 4;
    private static final int CALLBACKS = 20;

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void racingConsultantsNeverGetTheSameCallback(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings.withPoolSize(16));
        List<ApiFixture.Auth> sessions = new ArrayList<>();
        for (int i = 0; i < CONSULTANTS; i++) {
            sessions.add(f.login(f.consultant("c" + i, "ROUTER")));
        }
        for (int i = 0; i < CALLBACKS; i++) {
            f.queued(ApiFixture.number(i), "ROUTER");
        }

        ConcurrentLinkedQueue<String> claims = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONSULTANTS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < CONSULTANTS; i++) {
                    ApiFixture.Auth auth = sessions.get(i);
                    String login = "c" + i;
                    results.add(pool.submit(() -> {
                        start.await();
                        ApiFixture.Reply r = f.post("/api/queue/claim", null, auth);
                        if (r.status() == 200) {
                            claims.add(r.json().get("callback").get("id").asLong() + "@" + login);
                        }
                        return r.status();
                    }));
                }
                start.countDown();
                for (Future<Integer> r : results) {
                    assertThat(r.get(60, TimeUnit.SECONDS)).isIn(200, 204);
                }
                // Each winner gives its callback up for good, so everyone may claim again next round.
                for (String claim : claims) {
                    long id = Long.parseLong(claim.substring(0, claim.indexOf('@')));
                    if (f.store.find(id).orElseThrow().state() == CallbackState.CLAIMED) {
                        f.desk.queue().release(id, Actor.supervisor("sam"), "next round");
                        f.store.lifecycle().transition(id, CallbackState.QUEUED, CallbackState.CANCELLED, Actor.system("test"), "done");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Long> ids = new HashSet<>();
        for (String claim : claims) {
            assertThat(ids.add(Long.parseLong(claim.substring(0, claim.indexOf('@')))))
                    .as("callback claimed twice: " + claims).isTrue();
        }
        assertThat(claims).hasSize(Math.min(CALLBACKS, CONSULTANTS * ROUNDS));
        // The audit trail agrees: each callback was claimed once, by the consultant the API answered.
        for (String claim : claims) {
            long id = Long.parseLong(claim.substring(0, claim.indexOf('@')));
            String login = claim.substring(claim.indexOf('@') + 1);
            assertThat(f.store.history(id)).filteredOn(e -> e.newState() == CallbackState.CLAIMED)
                    .extracting(e -> e.actor().toString()).containsExactly("consultant:" + login);
        }
    }
}
