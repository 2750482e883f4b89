package com.callbackdesk.ivr.intake;

import com.callbackdesk.ivr.intake.CapturedIntake.NumberSource;
import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.ivr.intake.CapturedIntake.Urgency;
import com.callbackdesk.ivr.intake.IntakeDecision.Accepted;
import com.callbackdesk.ivr.intake.IntakeDecision.Merged;
import com.callbackdesk.ivr.intake.IntakeDecision.Rejected;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.server.IvrServer;
import com.callbackdesk.ivr.server.IvrSettings;
import com.callbackdesk.ivr.testing.PbxLines;
import com.callbackdesk.ivr.testing.RecordingDesk;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.callbackdesk.pbxsim.CallerPersona.hangsUp;
import static com.callbackdesk.pbxsim.CallerPersona.press;
import static com.callbackdesk.pbxsim.CallerPersona.silence;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake flow over the real FastAGI protocol: Asterisk-Java's server and channel on our side,
 * pbx-sim on the other, running the real extensions.conf ({@code [inbound]} →
 * {@code AGI(${FASTAGI}/intake)}, {@code [operator]} for fallbacks) with scripted caller personas.
 */
class IntakeCallTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    /** 14:00 on a Wednesday in Taipei. */
    private static final Instant NOW = ZonedDateTime.of(2025, 3, 12, 14, 0, 0, 0, TAIPEI).toInstant();
    private static final String CALLER_ID = "+886223456789";
    private static final ZonedDateTime CALLBACK_AT = ZonedDateTime.of(2025, 3, 12, 15, 5, 0, 0, TAIPEI);

    private final IntakeMetrics metrics = new IntakeMetrics();
    private final RecordingDesk desk = new RecordingDesk(i -> new Accepted(42, CALLBACK_AT, false));
    private IntakeSettings settings = IntakeSettings.defaults()
            .withClock(Clock.fixed(NOW, ZoneId.of("UTC")))
            .withTimeouts(new PromptTimeouts(3000, 6000, 4000));
    private IvrServer server;
    private SimulatedPbx pbx;

    @BeforeEach
    void startServer() {
        startWith(settings);
    }

    private void startWith(IntakeSettings intakeSettings) {
        if (server != null) {
            server.stop();
        }
        IntakeScript script = new IntakeScript(desk, PromptCatalogue.loadDefault(), intakeSettings, metrics);
        server = new IvrServer(IvrSettings.defaults().withPort(0).withPool(2, 32)).register("intake", script).start();
        if (pbx != null) {
            pbx.close();
        }
        pbx = PbxLines.inbound(server.port());
    }

    @AfterEach
    void stopServer() {
        pbx.close();
        server.stop();
    }

    private static CallerPersona.Builder caller(String callerId) {
        return CallerPersona.named(callerId == null ? "withheld" : "caller " + callerId)
                .callerId(callerId).callerIdName("Caller").dnid("0800123456");
    }

    private CallRecord call(CallerPersona.Builder caller) {
        return checked(pbx.call(caller.build()));
    }

    private static CallRecord checked(CallRecord call) {
        assertThat(call.unscriptedInputs()).as("script asked more than the caller was scripted for: %s", call.heard()).isZero();
        assertThat(call.unusedReactions()).as("reactions left over: %s %s %s", call.endedBy(), call.dialplanSteps(), call.commands()).isZero();
        return call;
    }

    /** Variables the script set on the channel (SET VARIABLE), as the call ended. */
    private static java.util.Map<String, String> variables(CallRecord call) {
        return call.finalVariables();
    }

    /** The script left for the operator with EXEC Goto(operator,s,1) and the real [operator] context ran. */
    private static void assertWentToOperator(CallRecord call) {
        assertThat(call.commands()).anyMatch(c -> c.startsWith("EXEC") && c.contains("Goto") && c.contains("operator,s,1"));
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("operator,s,1 "));
    }

    private static String en(String file) {
        return "callback-desk/en/" + file;
    }

    @Test
    void happyPathCapturesEveryFieldAndAcknowledgesTheCallbackTime() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).then(
                press("1"),        // English
                press("1"),        // call me back on this number
                press("2"),        // NAS
                press("2"),        // an error message appears (needs a screen)
                press("2"),        // urgent
                press("1730#"),    // reachable until 17:30
                press("1")));      // screenshot link by SMS

        assertThat(desk.submitted()).singleElement().satisfies(intake -> {
            assertThat(intake.callUniqueId()).isEqualTo(caller.uniqueId());
            assertThat(intake.channel()).isEqualTo(caller.channel()).startsWith("PJSIP/trunk-");
            assertThat(intake.callerId()).isEqualTo(CALLER_ID);
            assertThat(intake.callbackNumber()).isEqualTo(CALLER_ID);
            assertThat(intake.numberSource()).isEqualTo(NumberSource.CALLER_ID);
            assertThat(intake.language()).isEqualTo("en");
            assertThat(intake.product()).isEqualTo("NAS");
            assertThat(intake.category()).isEqualTo("ERROR_MESSAGE");
            assertThat(intake.urgency()).isEqualTo(Urgency.URGENT);
            assertThat(intake.reachableUntil()).isEqualTo(LocalTime.of(17, 30));
            assertThat(intake.untilOfficeCloses()).isFalse();
            assertThat(intake.screenshotChoice()).isEqualTo(ScreenshotChoice.SMS);
            assertThat(intake.capturedAt()).isEqualTo(NOW);
        });
        assertThat(caller.heard()).containsExactly(
                en("welcome"), en("choose-language"),
                en("your-number-is"), "digits:0223456789", en("press-1-or-enter-number"),
                en("choose-product"), en("choose-category"), en("choose-urgency"), en("reachable-until"),
                en("screenshot-link"), en("please-wait"),
                en("we-will-call-you-at"), "digits:1505", en("goodbye"));
        assertThat(variables(caller)).containsEntry("INTAKE_RESULT", "ACCEPTED").containsEntry("CALLBACK_ID", "42")
                .containsEntry("AJ_AGISTATUS", "SUCCESS");
        IntakeMetrics.Snapshot m = metrics.snapshot();
        assertThat(m.started()).isEqualTo(1);
        assertThat(m.completed()).isEqualTo(1);
        assertThat(m.abandoned()).isZero();
        assertThat(m.fallbacks()).isZero();
    }

    @Test
    void categoryWithoutScreenSkipsTheScreenshotQuestion() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*")));

        CapturedIntake intake = desk.submitted().get(0);
        assertThat(intake.screenshotChoice()).isEqualTo(ScreenshotChoice.NOT_NEEDED);
        assertThat(intake.untilOfficeCloses()).isTrue();
        assertThat(intake.urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(caller.heard()).doesNotContain(en("screenshot-link"));
    }

    @Test
    void withheldCallerIdIsAskedForANumberAndMalformedOnesAreRefused() throws Exception {
        CallRecord caller = call(caller(null).then(
                press("1"),
                press("12345#"),               // malformed
                press("0912345678#"),          // a mobile
                press("1"), press("1"), press("1"), press("*")));

        assertThat(desk.submitted()).singleElement().satisfies(intake -> {
            assertThat(intake.callerId()).isNull();
            assertThat(intake.callbackNumber()).isEqualTo("+886912345678");
            assertThat(intake.numberSource()).isEqualTo(NumberSource.ENTERED);
        });
        assertThat(caller.heard()).containsSubsequence(
                en("enter-number"), en("number-invalid"), en("enter-number"), en("choose-product"));
        assertThat(caller.heard()).doesNotContain(en("your-number-is"));
    }

    @Test
    void callerCanGiveAnotherNumberInsteadOfTheCallerId() throws Exception {
        call(caller(CALLER_ID).then(press("1"), press("0912345678#"), press("1"), press("1"), press("1"), press("*")));

        assertThat(desk.submitted().get(0).callbackNumber()).isEqualTo("+886912345678");
        assertThat(desk.submitted().get(0).callerId()).isEqualTo(CALLER_ID);
        assertThat(desk.submitted().get(0).numberSource()).isEqualTo(NumberSource.ENTERED);
    }

    @Test
    void tooLongNumberIsExplainedAndAskedAgain() throws Exception {
        CallRecord caller = call(caller(null).then(
                press("1"), press("0223456789012345#"), press("0223456789#"),
                press("1"), press("1"), press("1"), press("*")));

        assertThat(desk.submitted().get(0).callbackNumber()).isEqualTo("+886223456789");
        assertThat(caller.heard()).containsSubsequence(en("enter-number"), en("number-too-long"), en("enter-number"));
    }

    @Test
    void numberNeverValidGoesToTheOperatorAndNothingIsSubmitted() throws Exception {
        CallRecord caller = call(caller(null).then(press("1"), press("1#"), silence(), press("99#")));

        assertThat(desk.submitted()).isEmpty();
        assertThat(caller.heard()).containsSubsequence(en("number-invalid"), en("no-input"), en("number-invalid"),
                en("transferring-to-operator"));
        assertThat(variables(caller)).containsEntry("INTAKE_RESULT", "OPERATOR")
                .containsEntry("INTAKE_STEP", "CALLBACK_NUMBER")
                ;
        assertWentToOperator(caller);
        assertThat(metrics.snapshot().operatorFallbacksByStep()).containsEntry(IntakeStep.CALLBACK_NUMBER, 1L);
        assertThat(metrics.snapshot().operatorTransfers()).isEqualTo(1);
    }

    @Test
    void timeoutRepromptsTheSameMenu() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).then(
                press("1"), press("1"), silence(), silence(), press("3"), press("1"), press("1"), press("*")));

        assertThat(desk.submitted().get(0).product()).isEqualTo("CAMERA");
        assertThat(caller.heard()).containsSubsequence(
                en("choose-product"), en("no-input"), en("choose-product"), en("no-input"), en("choose-product"),
                en("choose-category"));
        assertThat(metrics.snapshot().fallbacks()).isZero();
    }

    @Test
    void invalidDigitIsExplainedAndTheMenuRepeated() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).then(
                press("1"), press("1"), press("1"), press("9"), press("4"), press("1"), press("*")));

        assertThat(desk.submitted().get(0).category()).isEqualTo("BILLING");
        assertThat(caller.heard()).containsSubsequence(
                en("choose-category"), en("invalid-choice"), en("choose-category"), en("choose-urgency"));
    }

    @Test
    void productNeverChosenGoesToTheOperator() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("9"), silence(), press("0")));

        assertThat(desk.submitted()).isEmpty();
        assertThat(variables(caller)).containsEntry("INTAKE_STEP", "PRODUCT");
        assertWentToOperator(caller);
        assertThat(metrics.snapshot().operatorFallbacksByStep()).containsEntry(IntakeStep.PRODUCT, 1L);
    }

    @Test
    void urgencyNeverAnsweredDefaultsToNormal() throws Exception {
        call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"),
                silence(), press("7"), silence(), press("*")));

        assertThat(desk.submitted().get(0).urgency()).isEqualTo(Urgency.NORMAL);
        assertThat(metrics.snapshot().defaultsUsedByStep()).containsEntry(IntakeStep.URGENCY, 1L);
    }

    @Test
    void invalidAndPastTimesAreExplainedThenDefaultToOfficeClose() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"),
                press("2560"), press("0930"), press("17")));   // impossible, already past, incomplete

        assertThat(desk.submitted().get(0).untilOfficeCloses()).isTrue();
        assertThat(caller.heard()).containsSubsequence(
                en("reachable-until"), en("time-invalid"),
                en("reachable-until"), en("time-passed"),
                en("reachable-until"), en("time-invalid"), en("please-wait"));
        assertThat(metrics.snapshot().defaultsUsedByStep()).containsEntry(IntakeStep.REACHABLE_UNTIL, 1L);
    }

    @ParameterizedTest
    @EnumSource(value = IntakeStep.class, names = {"GREETING", "SUBMIT", "NEXT_MORNING_OFFER", "PENDING_CALLBACK"}, mode = EnumSource.Mode.EXCLUDE)
    void hangingUpAtAnyQuestionCreatesNothingAndCountsTheStep(IntakeStep step) throws Exception {
        // Answers that lead through every question, the screenshot one included.
        List<CallerPersona.Reaction> reactions = new ArrayList<>(List.of(
                press("1"), press("1"), press("1"), press("2"), press("1"), press("*"), press("3")));
        int question = step.ordinal() - IntakeStep.LANGUAGE.ordinal();
        List<CallerPersona.Reaction> upToHangUp = new ArrayList<>(reactions.subList(0, question));
        upToHangUp.add(hangsUp());

        CallRecord caller = call(caller(CALLER_ID).then(upToHangUp.toArray(CallerPersona.Reaction[]::new)));

        assertThat(caller.callerHungUp()).isTrue();
        assertThat(desk.submitted()).isEmpty();
        IntakeMetrics.Snapshot m = metrics.snapshot();
        assertThat(m.abandonedByStep()).containsExactly(java.util.Map.entry(step, 1L));
        assertThat(m.completed()).isZero();
        assertThat(variables(caller)).doesNotContainKey("INTAKE_RESULT");
    }

    @Test
    void hangingUpWhileTheRequestIsAboutToBeSubmittedCreatesNothing() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).hangUpWhileHearing("please-wait")
                .then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*")));

        assertThat(caller.callerHungUp()).isTrue();
        assertThat(desk.submitted()).isEmpty();
        assertThat(metrics.snapshot().abandonedByStep()).containsExactly(java.util.Map.entry(IntakeStep.SUBMIT, 1L));
    }

    @Test
    void hangingUpDuringTheAcknowledgementKeepsTheRequestAndIsNotAnAbandonment() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).hangUpWhileHearing("we-will-call-you-at")
                .then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*")));

        assertThat(caller.callerHungUp()).isTrue();
        assertThat(desk.submitted()).hasSize(1);
        assertThat(metrics.snapshot().abandoned()).isZero();
        assertThat(metrics.snapshot().accepted()).isEqualTo(1);
    }

    @Test
    void concurrentCallersAreKeptApart() throws Exception {
        int callers = 12;   // below the pool maximum: beyond it Asterisk-Java refuses calls outright
        java.util.Map<String, String> numberByCall = new java.util.HashMap<>();
        java.util.Map<CompletableFuture<CallRecord>, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < callers; i++) {
            String keyed = String.format("09123456%02d", i);
            CallerPersona caller = caller(null).then(press("1"), press(keyed + "#"), press("1"), press("1"), press("2"), press("*")).build();
            expected.put(pbx.callAsync(caller), "+886" + keyed.substring(1));
        }
        for (java.util.Map.Entry<CompletableFuture<CallRecord>, String> call : expected.entrySet()) {
            CallRecord record = checked(call.getKey().get(30, TimeUnit.SECONDS));
            numberByCall.put(record.uniqueId(), call.getValue());
        }

        // Each call's answers end up in its own intake: no state shared between call threads.
        assertThat(desk.submitted()).hasSize(callers).allSatisfy(intake ->
                assertThat(intake.callbackNumber()).isEqualTo(numberByCall.get(intake.callUniqueId())));
        assertThat(metrics.snapshot().started()).isEqualTo(callers);
        assertThat(metrics.snapshot().accepted()).isEqualTo(callers);
    }

    @Test
    void rejectionIsSpokenWithItsReason() throws Exception {
        desk.answering(i -> new Rejected("queue-full", "5000 waiting"));
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*")));

        assertThat(caller.heard()).endsWith(en("please-wait"), en("rejected-queue-full"), en("goodbye"));
        assertThat(caller.heard()).doesNotContain(en("we-will-call-you-at"));
        assertThat(variables(caller)).containsEntry("INTAKE_RESULT", "REJECTED");
        assertThat(metrics.snapshot().rejected()).isEqualTo(1);
    }

    @Test
    void rejectionWithAReasonWithoutRecordingPlaysTheGeneralOne() throws Exception {
        desk.answering(i -> new Rejected("no-such-reason", null));
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*")));

        assertThat(caller.heard()).endsWith(en("rejected-other"), en("goodbye"));
    }

    @Test
    void mergedCallIsToldItsPendingCallbackWasUpdatedAndThatItIsTomorrow() throws Exception {
        ZonedDateTime tomorrow = ZonedDateTime.of(2025, 3, 13, 9, 30, 0, 0, TAIPEI);
        desk.answering(i -> new Merged(7, tomorrow, true));
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*"),
                press("1")));

        assertThat(caller.heard()).endsWith(en("please-wait"), en("already-pending-updated"),
                en("we-will-call-you-at"), "digits:0930", en("that-is-tomorrow-morning"),
                en("press-1-to-keep-or-enter-time"), en("goodbye"));
        assertThat(desk.chosenTimes()).isEmpty();
        assertThat(variables(caller)).containsEntry("INTAKE_RESULT", "MERGED").containsEntry("CALLBACK_ID", "7");
        assertThat(metrics.snapshot().merged()).isEqualTo(1);
    }

    @Test
    void aCallerMovedToTheNextMorningCanKeyTheTimeTheyWant() throws Exception {
        desk.answering(i -> new Accepted(9, ZonedDateTime.of(2025, 3, 13, 9, 0, 0, 0, TAIPEI), true));
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*"),
                press("1400")));

        assertThat(desk.chosenTimes()).containsExactly("9@14:00");
        assertThat(caller.heard()).endsWith(en("we-will-call-you-at"), "digits:0900", en("that-is-tomorrow-morning"),
                en("press-1-to-keep-or-enter-time"), en("we-will-call-you-at"), "digits:1400", en("goodbye"));
    }

    @Test
    void silenceOrNonsenseAtTheNextMorningOfferKeepsTheSlot() throws Exception {
        desk.answering(i -> new Accepted(9, ZonedDateTime.of(2025, 3, 13, 9, 0, 0, 0, TAIPEI), true));
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*"),
                press("2599"), silence(), silence()));

        assertThat(desk.chosenTimes()).isEmpty();
        assertThat(caller.heard()).endsWith(en("press-1-to-keep-or-enter-time"), en("time-invalid"),
                en("press-1-to-keep-or-enter-time"), en("no-input"), en("press-1-to-keep-or-enter-time"), en("no-input"),
                en("goodbye"));
        assertThat(variables(caller)).containsEntry("INTAKE_RESULT", "ACCEPTED");
    }

    @Test
    void story2_aCallerWithAWaitingCallbackWhoSolvedItCancelsItWithOneKey() throws Exception {
        desk.withPending(new PendingCallback(41, ZonedDateTime.of(2025, 3, 12, 11, 20, 0, 0, TAIPEI)));
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1")));

        assertThat(desk.cancelled()).containsExactly(41L);
        assertThat(desk.submitted()).isEmpty();
        assertThat(caller.heard()).endsWith(en("you-have-a-callback-at"), "digits:1120",
                en("press-1-cancel-2-keep-3-change"), en("callback-cancelled"), en("goodbye"));
        assertThat(variables(caller)).containsEntry("INTAKE_RESULT", "CANCELLED").containsEntry("CALLBACK_ID", "41");
        assertThat(metrics.snapshot().abandoned()).isZero();
    }

    @Test
    void aRecognisedCallerKeepsItOrChangesTheTime() throws Exception {
        desk.withPending(new PendingCallback(41, ZonedDateTime.of(2025, 3, 12, 11, 20, 0, 0, TAIPEI)));
        CallRecord keeps = call(caller(CALLER_ID).then(press("1"), press("2")));
        CallRecord changes = call(caller(CALLER_ID).then(press("1"), press("3"), press("1545")));

        assertThat(variables(keeps)).containsEntry("INTAKE_RESULT", "KEPT");
        assertThat(keeps.heard()).endsWith(en("we-will-call-you-at"), "digits:1120", en("goodbye"));
        assertThat(variables(changes)).containsEntry("INTAKE_RESULT", "RESCHEDULED");
        assertThat(desk.chosenTimes()).containsExactly("41@15:45");
        assertThat(changes.heard()).endsWith(en("enter-time-hhmm"), en("we-will-call-you-at"), "digits:1545", en("goodbye"));
        assertThat(desk.cancelled()).isEmpty();
    }

    @Test
    void silenceAtTheRecognitionMenuKeepsTheCallback() throws Exception {
        desk.withPending(new PendingCallback(41, ZonedDateTime.of(2025, 3, 12, 11, 20, 0, 0, TAIPEI)));
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("9"), silence(), silence()));

        assertThat(desk.cancelled()).isEmpty();
        assertThat(variables(caller)).containsEntry("INTAKE_RESULT", "KEPT");
        assertThat(caller.heard()).containsSubsequence(en("press-1-cancel-2-keep-3-change"), en("invalid-choice"),
                en("press-1-cancel-2-keep-3-change"), en("no-input"), en("press-1-cancel-2-keep-3-change"));
    }

    @Test
    void aWithheldNumberIsNeverRecognisedItTakesTheIntake() throws Exception {
        desk.withPending(new PendingCallback(41, ZonedDateTime.of(2025, 3, 12, 11, 20, 0, 0, TAIPEI)));
        CallRecord caller = call(caller(null).then(press("1"), press("0912345678#"), press("1"), press("1"),
                press("1"), press("*")));

        assertThat(desk.submitted()).hasSize(1);
        assertThat(caller.heard()).doesNotContain(en("you-have-a-callback-at"));
    }

    @Test
    void callbackTimeIsSpokenInOfficeTime() throws Exception {
        desk.answering(i -> new Accepted(1, ZonedDateTime.of(2025, 3, 12, 8, 45, 0, 0, ZoneId.of("UTC")), false));
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*")));

        assertThat(caller.heard()).contains("digits:1645").doesNotContain(en("that-is-tomorrow-morning"));
    }

    @Test
    void deskFailureApologisesAndSendsToTheOperator() throws Exception {
        desk.answering(i -> {
            throw new IllegalStateException("database down");
        });
        CallRecord caller = call(caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*")));

        assertThat(caller.heard()).endsWith(en("please-wait"), en("sorry-technical-problem"), en("transferring-to-operator"));
        assertThat(variables(caller)).containsEntry("INTAKE_RESULT", "OPERATOR").containsEntry("INTAKE_STEP", "SUBMIT");
        assertWentToOperator(caller);
        assertThat(metrics.snapshot().deskFailures()).isEqualTo(1);
        assertThat(metrics.snapshot().completed()).isZero();
    }

    @Test
    void acknowledgementIsSpokenOnlyAfterTheDeskReturned() throws Exception {
        CountDownLatch deskCalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        desk.answering(i -> {
            deskCalled.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Accepted(9, CALLBACK_AT, false);
        });
        List<String> commandsSoFar = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<CallRecord> running = pbx.callAsync(
                caller(CALLER_ID).then(press("1"), press("1"), press("1"), press("1"), press("1"), press("*")).build(),
                exchange -> commandsSoFar.add(exchange.command()));

        assertThat(deskCalled.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);   // give a wrongly eager script time to send something
        assertThat(commandsSoFar).filteredOn(c -> c.startsWith("STREAM FILE") || c.startsWith("GET DATA")).last()
                .asString().contains(en("please-wait"));
        assertThat(commandsSoFar).noneMatch(c -> c.contains("we-will-call-you-at") || c.contains("INTAKE_RESULT"));

        release.countDown();
        CallRecord caller = checked(running.get(10, TimeUnit.SECONDS));
        assertThat(caller.heard()).containsSubsequence(en("please-wait"), en("we-will-call-you-at"), "digits:1505");
    }

    @Test
    void chineseCallerHearsChinesePromptsFromTheLanguageChoiceOn() throws Exception {
        CallRecord caller = call(caller(CALLER_ID).then(press("2"), press("1"), press("1"), press("1"), press("1"), press("*")));

        List<String> heard = caller.heard();
        int choice = heard.indexOf(en("choose-language"));
        assertThat(heard.subList(0, choice + 1)).allMatch(f -> f.startsWith("callback-desk/en/"));
        assertThat(heard.subList(choice + 1, heard.size()))
                .filteredOn(f -> !f.startsWith("digits:"))
                .isNotEmpty()
                .allMatch(f -> f.startsWith("callback-desk/zh-TW/"), "zh-TW prompt");
        assertThat(variables(caller)).containsEntry("CHANNEL(language)", "zh");
        assertThat(desk.submitted().get(0).language()).isEqualTo("zh-TW");
    }

    @Test
    void channelLanguageIsHonouredWhenNoChoiceIsOffered() throws Exception {
        startWith(settings.withLanguageChoice(false));
        // The real [inbound] sets CHANNEL(language)=en before the AGI; this line keeps the channel's own.
        pbx.close();
        pbx = PbxLines.runningScript(server.port(), "intake");
        CallRecord caller = call(caller(CALLER_ID).language("zh_TW")
                .then(press("1"), press("1"), press("1"), press("1"), press("*")));

        assertThat(caller.heard()).filteredOn(f -> !f.startsWith("digits:"))
                .allMatch(f -> f.startsWith("callback-desk/zh-TW/"));
        assertThat(desk.submitted().get(0).language()).isEqualTo("zh-TW");
    }

    @Test
    void languageFixedByTheDialledNumberSkipsTheMenu() throws Exception {
        pbx.close();
        pbx = PbxLines.runningScript(server.port(), "intake?lang=zh-TW");
        CallRecord caller = call(caller(CALLER_ID)
                .then(press("1"), press("1"), press("1"), press("1"), press("*")));

        assertThat(caller.heard()).doesNotContain(en("choose-language"), "callback-desk/zh-TW/choose-language");
        assertThat(desk.submitted().get(0).language()).isEqualTo("zh-TW");
    }
}
