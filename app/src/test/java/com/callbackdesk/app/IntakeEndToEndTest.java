package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
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

import com.callbackdesk.planning.retry.RetryPolicy;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        start(db, AppConfig.defaults(), CLOCK);
    }

    private void start(DatabaseSettings db, AppConfig config, Clock clock) throws Exception {
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort(); // the API listener: never a fixed port in tests
        desk = CallbackDesk.start(config, clock);
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
        // Planned by the retry planner before the caller heard the time: urgent = 5 minutes later.
        // (Quartz runs on the real clock, long past this fixed morning, so it may have fired already.)
        assertThat(cb.state()).isIn(CallbackState.SCHEDULED, CallbackState.QUEUED);
        assertThat(cb.plannedAt()).isEqualTo(Instant.parse("2026-11-24T02:05:00Z"));
        assertThat(cb.policyVersion()).isEqualTo(1);
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
        assertThat(desk.store().history(id)).extracting(AuditEntry::action).startsWith(AuditEntry.Action.CREATED);
        assertThat(desk.store().history(id).get(1).newState()).isEqualTo(CallbackState.SCHEDULED);
        // The caller heard the acknowledgement with the planned time, in Mandarin, after the commit.
        assertThat(call.promptsPlayed()).contains("callback-desk/zh-TW/we-will-call-you-at");
        assertThat(call.heard()).contains("digits:1005");
        // The dialplan, not a copy of it, ran: [inbound] answered and ran the AGI.
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("inbound,s,2 Answer"))
                .anyMatch(s -> s.contains("AGI(${FASTAGI}/intake)"));
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void story3_aCallerWhoLeavesBeforeTheCallbackCanFitIsOfferedTheNextMorningAndPicksTheirTime(DatabaseSettings db)
            throws Exception {
        // Tuesday 17:10 in Taipei; the caller leaves at 17:30; the policy needs 30 minutes' lead.
        start(db, AppConfig.defaults(), Clock.fixed(Instant.parse("2026-11-24T09:10:00Z"), TAIPEI));
        CallRecord call = pbx.call(CallerPersona.named("leaving").callerId("+886223456790")
                .press("1").press("1").press("1").press("1").press("1").press("1730").press("1400").build());

        assertThat(call.finalVariables()).containsEntry("INTAKE_RESULT", "ACCEPTED");
        assertThat(call.heard()).containsSubsequence("callback-desk/en/we-will-call-you-at", "digits:0900",
                "callback-desk/en/that-is-tomorrow-morning", "callback-desk/en/press-1-to-keep-or-enter-time",
                "callback-desk/en/we-will-call-you-at", "digits:1400", "callback-desk/en/goodbye");
        Callback cb = desk.store().find(Long.parseLong(call.finalVariables().get("CALLBACK_ID"))).orElseThrow();
        assertThat(cb.notBefore()).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
        assertThat(cb.plannedAt()).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
        assertThat(desk.scheduler().scheduled(cb.id()).orElseThrow().earliest()).isEqualTo(cb.plannedAt());
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void anUrgentCallbackIsQueuedForAConsultantWhenItsPlannedAttemptFires(DatabaseSettings db,
                                                                         @TempDir Path dir) throws Exception {
        // An office open around the clock in a zone where it is about noon now, and a policy
        // whose urgent first attempt is due at once: the real scheduler fires it while we wait.
        ZoneOffset zone = ZoneOffset.ofHours(12 - ZonedDateTime.now(ZoneOffset.UTC).getHour());
        StringBuilder calendar = new StringBuilder("zone: \"" + zone.getId() + "\"\nhours:\n");
        for (DayOfWeek d : DayOfWeek.values()) {
            calendar.append("  ").append(d).append(": \"00:00-23:59\"\n");
        }
        Files.writeString(dir.resolve("calendar.yaml"), calendar);
        Files.writeString(dir.resolve("policy.yaml"), RetryPolicy.defaults()
                .withFirstAttemptDelay(Urgency.URGENT, Duration.ZERO).withEndOfDayLead(Duration.ZERO).toYaml());
        AppConfig config = AppConfig.defaults();
        config.intake.officeZone = zone.getId();
        config.scheduling.calendarFile = dir.resolve("calendar.yaml").toString();
        config.scheduling.policyFile = dir.resolve("policy.yaml").toString();
        start(db, config, Clock.systemUTC());

        CallRecord call = pbx.call(CallerPersona.named("urgent").callerId("+886223456791")
                .press("1").press("1").press("1").press("1").press("2").press("*").build());

        long id = Long.parseLong(call.finalVariables().get("CALLBACK_ID"));
        await().atMost(Duration.ofSeconds(30)).until(() -> desk.store().find(id).orElseThrow().state() == CallbackState.QUEUED);
        assertThat(desk.store().history(id)).extracting(e -> e.newState().name())
                .containsExactly("PENDING", "SCHEDULED", "QUEUED");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void story2_aCallerWhoSolvedItPhonesAgainAndCancelsWithOneKey(DatabaseSettings db) throws Exception {
        start(db);
        CallRecord first = pbx.call(CallerPersona.named("first").callerId("+886223456792")
                .press("1").press("1").press("1").press("1").press("1").press("*").build());
        long id = Long.parseLong(first.finalVariables().get("CALLBACK_ID"));
        assertThat(desk.scheduler().scheduled(id)).isPresent();

        CallRecord again = pbx.call(CallerPersona.named("solved it").callerId("+886223456792")
                .press("1").press("1").build());

        assertThat(again.finalVariables()).containsEntry("INTAKE_RESULT", "CANCELLED").containsEntry("CALLBACK_ID", Long.toString(id));
        assertThat(again.heard()).contains("callback-desk/en/you-have-a-callback-at", "digits:1020",
                "callback-desk/en/callback-cancelled");
        Callback cb = desk.store().find(id).orElseThrow();
        assertThat(cb.state()).isEqualTo(CallbackState.CANCELLED);
        assertThat(desk.store().history(id)).last().satisfies(e -> {
            assertThat(e.actor().toString()).isEqualTo("caller:+886223456792");
            assertThat(e.why()).contains("solved");
        });
        assertThat(desk.scheduler().scheduled(id)).isEmpty();
        assertThat(desk.store().count()).isEqualTo(1);
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
        // Withheld caller ID keying the same number: a caller recognised by caller ID would be
        // offered cancel/keep instead, which is another test; this one is about the race itself.
        CallerPersona caller = CallerPersona.named("twice").callerId(null)
                .press("1").press("0223456789#").press("1").press("1").press("1").press("*").build();
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
