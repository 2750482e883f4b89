package com.callbackdesk.consultant;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsultantDirectoryTest {

    private static final Actor SAM = Actor.supervisor("sam");
    private static final Instant T0 = Instant.parse("2025-03-03T01:00:00Z");

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void everyChangeIsAuditedWithWhoWhenWhyAndWhat(DatabaseSettings settings) {
        MutableClock clock = new MutableClock(T0);
        try (Database db = Database.open(settings)) {
            ConsultantDirectory dir = new ConsultantDirectory(db, clock);
            ConsultantProfile alice = new ConsultantProfile("alice", "Alice Lin", "IN_HOUSE", Set.of("router-x"),
                    "PJSIP/alice", false);
            Consultant added = dir.add(alice, SAM, "new hire");
            assertThat(added.state()).isEqualTo(ConsultantState.AWAY);
            assertThat(added.active()).isTrue();
            assertThat(dir.find("alice")).contains(added);
            assertThatThrownBy(() -> dir.add(alice, SAM, "again")).isInstanceOf(IllegalStateException.class);

            clock.advance(Duration.ofMinutes(5));
            Consultant moved = dir.update(new ConsultantProfile("alice", "Alice Lin", "OUTSOURCED-ACME",
                    Set.of("router-x", "modem-y"), "PJSIP/alice", false), SAM, "moved to the vendor team");
            assertThat(moved.group()).isEqualTo("OUTSOURCED-ACME");
            assertThat(moved.skills()).containsExactly("modem-y", "router-x");
            assertThat(dir.update(moved.profile(), SAM, "no-op")).isEqualTo(moved);

            clock.advance(Duration.ofMinutes(1));
            Consultant available = dir.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "shift start");
            assertThat(available.stateSince()).isEqualTo(clock.instant());
            dir.setActive("alice", false, SAM, "left the company");
            assertThat(dir.find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AWAY);
            assertThatThrownBy(() -> dir.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "hi"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer active");

            assertThat(dir.history("alice")).extracting(ConsultantAuditEntry::action, e -> e.actor().name(),
                            ConsultantAuditEntry::why)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("ADDED", "sam", "new hire"),
                            org.assertj.core.groups.Tuple.tuple("UPDATED", "sam", "moved to the vendor team"),
                            org.assertj.core.groups.Tuple.tuple("STATE", "alice", "shift start"),
                            org.assertj.core.groups.Tuple.tuple("ACTIVE", "sam", "left the company"));
            assertThat(dir.history("alice").get(1).detail())
                    .contains("group: IN_HOUSE → OUTSOURCED-ACME").contains("skills: [router-x] → [modem-y, router-x]");
            assertThat(dir.history("alice").get(1).at()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
            assertThat(dir.list()).extracting(Consultant::login).containsExactly("alice");
            assertThatThrownBy(() -> dir.setState("alice", ConsultantState.AWAY, SAM, " "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        }
    }

    @Test
    void aProfileSaysWhatIsWrongWithIt() {
        assertThatThrownBy(() -> new ConsultantProfile("Alice!", "A", "IN_HOUSE", Set.of("p"), "PJSIP/a", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("login");
        assertThatThrownBy(() -> new ConsultantProfile("alice", "A", "IN_HOUSE", Set.of(), "PJSIP/a", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("skill");
        assertThatThrownBy(() -> new ConsultantProfile("alice", "A", "IN_HOUSE", Set.of("p"), "alice", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }
}
