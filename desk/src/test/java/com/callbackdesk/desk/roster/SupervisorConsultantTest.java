package com.callbackdesk.desk.roster;

import com.callbackdesk.account.Role;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskFixture;
import com.callbackdesk.desk.alert.ReputationalRiskAlerts;
import com.callbackdesk.desk.alert.RiskAlert;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.queue.ClaimRefusedException;
import com.callbackdesk.storage.DatabaseSettings;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reputational-risk callbacks have someone to go to: a supervisor on the roster (supervisor flag)
 * whose supervisor account is linked to them takes one from the queue or is assigned one; one left
 * waiting longer than the policy's {@code reputationalRiskAlertAfter} raises an alert, logged once.
 * H2 and PostgreSQL.
 */
class SupervisorConsultantTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final Actor SUE = Actor.supervisor("sue");
    private static int calls;

    private DeskFixture fixture;
    private Desk desk;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;

    @AfterEach
    void close() {
        if (capture != null) {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().getRootLogger().removeAppender(capture.getName());
            ctx.updateLoggers();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private void open(DatabaseSettings settings) {
        fixture = DeskFixture.open(settings);
        desk = fixture.desk();
        capture = new AbstractAppender("risk-alert-capture-" + System.nanoTime(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel() == Level.WARN && event.getLoggerName().equals(ReputationalRiskAlerts.class.getName())) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getRootLogger().addAppender(capture, Level.WARN, null);
        ctx.updateLoggers();
    }

    /** A reputational-risk ROUTER callback, in the queue now. */
    private Callback queuedRisk(String number) {
        NewCallback n = new NewCallback("1795000300." + (++calls), "PJSIP/trunk-1", number, number,
                NumberSource.CALLER_ID, "zh-TW", "ROUTER", "CANNOT_CONNECT", Urgency.NORMAL, null,
                ScreenshotChoice.NOT_NEEDED, fixture.clock().instant());
        Callback c = desk.store().intakes().record(n, Actor.system("intake-route")).callback();
        desk.store().lifecycle().update(c.id(), CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                Actor.consultant("alice"), "the caller threatens to go to the press");
        return desk.store().lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED,
                Actor.system("scheduler"), "attempt fired");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aSupervisorOnTheRosterTakesAReputationalRiskAndAWaitingOneRaisesAnAlertOnce(DatabaseSettings settings) {
        open(settings);
        Roster roster = desk.roster();
        roster.add(Roster.profile("alice", "Alice Chen", "in-house", Set.of("router"), null, Set.of("en"), null, false),
                SUE, "hired");
        // the supervisor's account, and the consultant record it works the queue as, in one step
        roster.createAccount("sam", "Sam Wu", Role.SUPERVISOR, "sam",
                Roster.profile("sam", "Sam Wu", null, Set.of("ROUTER"), null, null, null, true),
                "sam's password".toCharArray(), Actor.system("cli:root"), "supervisor on the phones");
        assertThat(desk.accounts().find("sam").orElseThrow().consultant()).isEqualTo("sam");
        assertThat(roster.find("sam").orElseThrow().supervisor()).isTrue();
        desk.consultants().setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        desk.consultants().setState("sam", ConsultantState.AVAILABLE, Actor.consultant("sam"), "logged in");

        Callback first = queuedRisk("+886212340301");
        fixture.clock().advance(Duration.ofMinutes(10));
        assertThat(desk.riskAlerts().current()).as("10 minutes: under the default 15").isEmpty();
        assertThat(desk.queue().claimNext("alice")).as("supervisors only").isEmpty();

        fixture.clock().advance(Duration.ofMinutes(6));
        List<RiskAlert> alerts = desk.riskAlerts().current();
        assertThat(alerts).extracting(RiskAlert::callbackId).containsExactly(first.id());
        assertThat(alerts.get(0).waited()).isEqualTo(Duration.ofMinutes(16));
        assertThat(alerts.get(0).alertAfter()).isEqualTo(Duration.ofMinutes(15));
        desk.riskAlerts().current();   // the dashboard asks again: logged once
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("Reputational-risk callback " + first.id()).contains("16 min");

        assertThat(desk.queue().claimNext("sam").orElseThrow().callbackId()).isEqualTo(first.id());
        assertThat(desk.riskAlerts().current()).isEmpty();

        // a supervisor assigns the next one to the supervisor-consultant; not to alice
        Callback second = queuedRisk("+886212340302");
        desk.outcomes().startDialing(first.id(), Actor.consultant("sam"), null);
        desk.outcomes().answered(first.id(), Actor.system("dialer"), "1795000399.1");
        desk.outcomes().record(first.id(), Actor.consultant("sam"), com.callbackdesk.queue.Outcome.resolved(), null);
        assertThatThrownBy(() -> desk.queue().assign(second.id(), "alice", SUE, "alice is free"))
                .isInstanceOf(ClaimRefusedException.class);
        assertThat(desk.queue().assign(second.id(), "sam", SUE, "press threat: sam takes it").consultant())
                .isEqualTo("sam");

        // a stricter policy applies at once
        Callback third = queuedRisk("+886212340303");
        var live = desk.policies().live().orElseThrow();
        desk.policies().save(live.policy().withReputationalRiskAlertAfter(Duration.ofMinutes(5)), SUE,
                "press threats are waiting too long", live.version());
        fixture.clock().advance(Duration.ofMinutes(6));
        assertThat(desk.riskAlerts().current()).extracting(RiskAlert::callbackId).containsExactly(third.id());
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).contains("Reputational-risk callback " + third.id()).contains("alert after 5 min");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theRosterNormalisesChecksAndAuditsItsChanges(DatabaseSettings settings) {
        open(settings);
        Roster roster = desk.roster();
        roster.add(Roster.profile("bob", "Bob Tan", "Outsourced-Acme", List.of("router", "nas"),
                List.of("cannot_connect"), List.of("EN", "zh-tw"), "Local/1002@consultants", false), SUE, "hired");
        var bob = roster.find("bob").orElseThrow();
        assertThat(bob.group()).isEqualTo("OUTSOURCED-ACME");
        assertThat(bob.skills()).containsExactly("NAS", "ROUTER");
        assertThat(bob.profile().categories()).containsExactly("CANNOT_CONNECT");
        assertThat(bob.profile().languages()).containsExactly("en", "zh-TW");

        roster.edit("bob", new ConsultantChanges(null, null, null, null, null, "PJSIP/bob", true, null), SUE,
                "promoted");
        assertThat(roster.find("bob").orElseThrow().endpoint()).isEqualTo("PJSIP/bob");
        assertThat(roster.history("bob")).extracting(e -> e.action() + " " + e.actor() + " " + e.why())
                .containsExactly("ADDED supervisor:sue hired", "UPDATED supervisor:sue promoted");

        for (String[] bad : new String[][] {
                {"endpoint", "SIP/bob"}, {"endpoint", "PJSIP/"}, {"endpoint", "Local/1002"}, {"endpoint", "PJSIP/bob x"}}) {
            assertThatThrownBy(() -> roster.edit("bob", new ConsultantChanges(null, null, null, null, null, bad[1],
                    null, null), SUE, "typo")).hasMessageStartingWith(bad[0] + ":");
        }
        assertThatThrownBy(() -> Roster.profile("carol", "Carol", null, List.of(), null, null, null, false))
                .hasMessageStartingWith("skills:");
        assertThatThrownBy(() -> Roster.profile("carol", " ", null, List.of("NAS"), null, null, null, false))
                .hasMessageStartingWith("displayName:");
        assertThatThrownBy(() -> Roster.profile("carol", "Carol", null, List.of("NAS"), null, List.of("english"),
                null, false)).hasMessageStartingWith("languages:");
        assertThatThrownBy(() -> roster.add(Roster.profile("bob", "Bob", null, List.of("NAS"), null, null, null, false),
                SUE, "again")).hasMessageStartingWith("login: consultant bob already exists");
        assertThatThrownBy(() -> roster.edit("nobody", ConsultantChanges.none(), SUE, "x"))
                .isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(roster.history("bob")).hasSize(2);

        // not while holding a callback
        desk.consultants().setState("bob", ConsultantState.AVAILABLE, Actor.consultant("bob"), "logged in");
        NewCallback n = new NewCallback("1795000300." + (++calls), "PJSIP/trunk-1", "+886212340399", "+886212340399",
                NumberSource.CALLER_ID, "en", "NAS", "CANNOT_CONNECT", Urgency.NORMAL, null,
                ScreenshotChoice.NOT_NEEDED, fixture.clock().instant());
        Callback c = desk.store().intakes().record(n, Actor.system("intake-route")).callback();
        desk.store().lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED,
                Actor.system("scheduler"), "attempt fired");
        assertThat(desk.queue().claimNext("bob")).isPresent();
        assertThatThrownBy(() -> roster.deactivate("bob", SUE, "left"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds callback " + c.id());
        desk.queue().release(c.id(), SUE, "bob is leaving");
        assertThat(roster.deactivate("bob", SUE, "left").active()).isFalse();
        assertThat(roster.find("bob").orElseThrow().state()).isEqualTo(ConsultantState.AWAY);
    }
}
