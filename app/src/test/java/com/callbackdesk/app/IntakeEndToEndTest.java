package com.callbackdesk.app;

import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackState;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.callback.Urgency;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.ivr.intake.IntakeStep;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spine over real protocols: a pbx-sim caller dials [inbound] of the real extensions.conf →
 * FastAGI intake (Asterisk-Java) → Camel direct:intake → a committed callback, on H2 and on
 * PostgreSQL.
 */
class IntakeEndToEndTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    /** Tuesday 10:00 in Taipei: the office is open and "until 17:30" is still ahead. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), TAIPEI);

    private CallbackDesk desk;
    private SimulatedPbx pbx;

    private void start(DatabaseSettings db) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        desk = CallbackDesk.start(config, CLOCK);
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + desk.fastAgiPort())));
    }

    @AfterEach
    void stop() {
        if (pbx != null) {
            pbx.close();
        }
        if (desk != null) {
            desk.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aCallerDialsInAndEveryCapturedFieldIsCommitted(DatabaseSettings db) throws Exception {
        start(db);
        // Language 中文, keys another number, NAS, error message (needs a screen), urgent,
        // reachable until 17:30, screenshot link by SMS.
        CallRecord call = pbx.call(CallerPersona.named("mei").callerId("+886223456789").callerIdName("Mei")
                .press("2").press("0912345678#").press("2").press("2").press("2").press("1730").press("1").build());

        assertThat(call.endedBy()).isEqualTo("dialplan-hangup");
        assertThat(call.finalVariables()).containsEntry("INTAKE_RESULT", "ACCEPTED");
        long id = Long.parseLong(call.finalVariables().get("CALLBACK_ID"));
        Callback cb = desk.store().find(id).orElseThrow();
        assertThat(cb.state()).isEqualTo(CallbackState.PENDING);
        assertThat(cb.callUniqueId()).isEqualTo(call.uniqueId());
        assertThat(cb.callerId()).isEqualTo("+886223456789");
        assertThat(cb.callbackNumber()).isEqualTo("+886912345678");
        assertThat(cb.numberSource()).isEqualTo(NumberSource.ENTERED);
        assertThat(cb.language()).isEqualTo("zh-TW");
        assertThat(cb.product()).isEqualTo("NAS");
        assertThat(cb.category()).isEqualTo("ERROR_MESSAGE");
        assertThat(cb.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(cb.reachableUntil()).isEqualTo(LocalTime.of(17, 30));
        assertThat(cb.screenshotChoice()).isEqualTo(ScreenshotChoice.SMS);
        assertThat(desk.store().history(id)).extracting(AuditEntry::action).containsExactly(AuditEntry.Action.CREATED);
        // The caller heard the acknowledgement, in Mandarin, after the commit.
        assertThat(call.promptsPlayed()).contains("callback-desk/zh-TW/we-will-call-you-at");
        // The dialplan, not a copy of it, ran: [inbound] answered and ran the AGI.
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("inbound,s,2 Answer"))
                .anyMatch(s -> s.contains("AGI(${FASTAGI}/intake)"));
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aCallerWhoHangsUpMidFlowLeavesNothingAndIsCounted(DatabaseSettings db) throws Exception {
        start(db);
        CallRecord call = pbx.call(CallerPersona.named("gone").callerId("+886223456789")
                .press("1").press("1").press("1").hangUp().build());

        assertThat(call.callerHungUp()).isTrue();
        assertThat(desk.store().count()).isZero();
        assertThat(desk.intakeMetrics().snapshot().abandonedAt(IntakeStep.CATEGORY)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void twoCallsFromOneNumberRacingMergeIntoOneCallback(DatabaseSettings db) throws Exception {
        start(db);
        CallerPersona caller = CallerPersona.named("twice").callerId("+886223456789")
                .press("1").press("1").press("1").press("1").press("1").press("*").build();
        List<CompletableFuture<CallRecord>> calls = List.of(pbx.callAsync(caller), pbx.callAsync(caller),
                pbx.callAsync(caller));
        List<String> results = calls.stream().map(CompletableFuture::join)
                .map(c -> c.finalVariables().get("INTAKE_RESULT")).toList();

        assertThat(results).containsExactlyInAnyOrder("ACCEPTED", "MERGED", "MERGED");
        assertThat(desk.store().count()).isEqualTo(1);
        Callback only = desk.store().findOpen().get(0);
        assertThat(only.mergeCount()).isEqualTo(2);
        assertThat(desk.store().merges(only.id())).hasSize(2);
    }
}
