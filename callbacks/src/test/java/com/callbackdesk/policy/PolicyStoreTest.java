package com.callbackdesk.policy;

import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versioned, audited policy changes on H2 and PostgreSQL. */
class PolicyStoreTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:00:00Z"));
    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private PolicyStore open(DatabaseSettings settings) {
        db = Database.open(settings);
        return new PolicyStore(db.dataSource(), clock);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aNewDeskStartsWithVersionOneAndEveryChangeIsANewAuditedVersion(DatabaseSettings settings) {
        PolicyStore store = open(settings);

        PolicyVersion v1 = store.live(RetryPolicy.defaults());
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.changedBy()).isEqualTo(Actor.system("install"));
        assertThat(store.live(RetryPolicy.defaults().withMaxAttempts(9)).policy()).isEqualTo(RetryPolicy.defaults());

        clock.advance(Duration.ofHours(2));
        RetryPolicy wider = v1.policy().withMinimumGap(Duration.ofMinutes(40)).withEndOfDayLead(Duration.ofMinutes(45));
        PolicyVersion v2 = store.save(wider, Actor.supervisor("mei"), "too many end-of-day misses last week", 1);

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.diff()).isEqualTo("minimumGap: 15m → 40m\nendOfDayLead: 30m → 45m\n");
        assertThat(store.live()).contains(v2);
        assertThat(store.version(1)).contains(v1);
        assertThat(store.history()).extracting(PolicyVersion::version).containsExactly(2, 1);
        PolicyVersion stored = store.version(2).orElseThrow();
        assertThat(stored.policy()).isEqualTo(wider);
        assertThat(stored.changedBy()).isEqualTo(Actor.supervisor("mei"));
        assertThat(stored.changedAt()).isEqualTo(clock.instant());
        assertThat(stored.reason()).isEqualTo("too many end-of-day misses last week");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anEditBasedOnAnOldVersionIsRefusedSoNobodyOverwritesAColleague(DatabaseSettings settings) {
        PolicyStore store = open(settings);
        store.live(RetryPolicy.defaults());
        store.save(RetryPolicy.defaults().withMaxAttempts(8), Actor.supervisor("mei"), "more tries", 1);

        assertThatThrownBy(() -> store.save(RetryPolicy.defaults().withMaxAttempts(4), Actor.supervisor("ken"), "fewer", 1))
                .isInstanceOf(StalePolicyException.class).hasMessageContaining("version 2 is live");
        assertThat(store.live().orElseThrow().policy().maxAttempts()).isEqualTo(8);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aChangeNeedsAReasonAndAChange(DatabaseSettings settings) {
        PolicyStore store = open(settings);
        store.live(RetryPolicy.defaults());

        assertThatThrownBy(() -> store.save(RetryPolicy.defaults().withMaxAttempts(3), Actor.supervisor("mei"), " ", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("reason:");
        assertThatThrownBy(() -> store.save(RetryPolicy.defaults(), Actor.supervisor("mei"), "same again", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("policy: nothing changed");
        assertThat(store.history()).hasSize(1);
    }
}
