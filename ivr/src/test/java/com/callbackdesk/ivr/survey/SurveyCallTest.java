package com.callbackdesk.ivr.survey;

import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.server.IvrServer;
import com.callbackdesk.ivr.server.IvrSettings;
import com.callbackdesk.ivr.survey.SurveyAnswer.Outcome;
import com.callbackdesk.ivr.testing.PbxLines;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.SimulatedPbx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.callbackdesk.pbxsim.CallerPersona.hangsUp;
import static com.callbackdesk.pbxsim.CallerPersona.press;
import static com.callbackdesk.pbxsim.CallerPersona.silence;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The survey over the real FastAGI protocol: Asterisk-Java's server and channel on our side,
 * pbx-sim on the other running the real extensions.conf {@code [survey]} context
 * ({@code AGI(${FASTAGI}/survey)}) on a customer channel that inherited CALLBACK_ID and
 * CONSULTANT with {@code __}, as Dial's F(survey^s^1) leaves it.
 */
class SurveyCallTest {

    private static final Instant NOW = Instant.parse("2026-11-25T06:30:00Z");

    /** The port as the tests need it: records the answers, or fails when told to. */
    private static final class RecordingSurveyDesk implements SurveyDesk {
        final List<SurveyAnswer> answers = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;
        volatile String language;
        final List<Long> languageAskedFor = new CopyOnWriteArrayList<>();

        @Override
        public void record(SurveyAnswer answer) {
            answers.add(answer);
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public java.util.Optional<String> languageOf(long callbackId) {
            languageAskedFor.add(callbackId);
            if ("throw".equals(language)) {
                throw new IllegalStateException("database down");
            }
            return java.util.Optional.ofNullable(language);
        }
    }

    private final RecordingSurveyDesk desk = new RecordingSurveyDesk();
    private IvrServer server;
    private SimulatedPbx pbx;

    @BeforeEach
    void startServer() {
        SurveySettings settings = SurveySettings.defaults().withTimeouts(4000, 3000)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        server = new IvrServer(IvrSettings.defaults().withPort(0).withPool(2, 16))
                .register("survey", new SurveyScript(desk, PromptCatalogue.loadDefault(), settings))
                .start();
    }

    @AfterEach
    void stop() {
        if (pbx != null) {
            pbx.close();
        }
        server.stop();
    }

    private CallRecord survey(String callbackId, String consultant, CallerPersona.Builder customer) {
        pbx = PbxLines.afterCallback(server.port(), callbackId, consultant);
        CallRecord call = pbx.call(customer.build());
        assertThat(call.unscriptedInputs()).as("script asked more than scripted: %s", call.heard()).isZero();
        assertThat(call.unusedReactions()).as("reactions left over: %s", call.heard()).isZero();
        assertThat(call.dialplanSteps()).as("the real [survey] ran the script").anyMatch(s -> s.startsWith("survey,s,2 AGI("));
        return call;
    }

    private CallRecord survey(CallerPersona.Reaction... reactions) {
        return survey("42", "alice", customer().then(reactions));
    }

    private static CallerPersona.Builder customer() {
        return CallerPersona.named("mei").callerId("+886212345678").callerIdName("Callback Desk");
    }

    private static String en(String file) {
        return "callback-desk/en/" + file;
    }

    @Test
    void scoreAndReasonAreHandedToTheDeskOnceThenThanksAndHangUp() {
        CallRecord call = survey(press("4"), press("2"));

        assertThat(desk.answers).containsExactly(new SurveyAnswer(42, "alice", Outcome.SCORED, 4,
                SurveyReason.PROBLEM_NOT_SOLVED, call.uniqueId(), NOW));
        assertThat(call.heard()).containsExactly(en("survey-rate-1-to-5"), en("survey-reason-or-hash"),
                en("survey-thank-you"));
        assertThat(call.commands()).containsSubsequence("GET VARIABLE \"CALLBACK_ID\"", "GET VARIABLE \"CONSULTANT\"",
                "HANGUP");
        assertThat(call.finalVariables()).containsEntry("SURVEY_RESULT", "SCORED").containsEntry("CALLBACK_ID", "42");
    }

    @Test
    void hashSkipsTheReason() {
        CallRecord call = survey(press("5"), press("#"));

        assertThat(desk.answers).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SCORED);
            assertThat(a.score()).isEqualTo(5);
            assertThat(a.reason()).isNull();
        });
        assertThat(call.heard()).containsExactly(en("survey-rate-1-to-5"), en("survey-reason-or-hash"),
                en("survey-thank-you"));
    }

    @Test
    void anInvalidDigitIsExplainedAndTheScoreAskedAgain() {
        CallRecord call = survey(press("7"), press("0"), press("3"), press("4"));

        assertThat(desk.answers).singleElement().satisfies(a -> {
            assertThat(a.score()).isEqualTo(3);
            assertThat(a.reason()).isEqualTo(SurveyReason.OTHER);
        });
        assertThat(call.heard()).containsExactly(
                en("survey-rate-1-to-5"), en("survey-press-1-to-5"),
                en("survey-rate-1-to-5"), en("survey-press-1-to-5"),
                en("survey-rate-1-to-5"), en("survey-reason-or-hash"), en("survey-thank-you"));
    }

    @Test
    void aTimeoutRepromptsTheScore() {
        CallRecord call = survey(silence(), press("2"), press("1"));

        assertThat(desk.answers).singleElement().satisfies(a -> {
            assertThat(a.score()).isEqualTo(2);
            assertThat(a.reason()).isEqualTo(SurveyReason.WAITED_TOO_LONG);
        });
        assertThat(call.heard()).startsWith(en("survey-rate-1-to-5"), en("no-input"), en("survey-rate-1-to-5"));
        assertThat(call.commands()).anyMatch(c -> c.startsWith("GET DATA") && c.contains("survey-rate-1-to-5")
                && c.contains("4000"));
    }

    @Test
    void noScoreAfterTheLastTryIsRecordedAsNoScore() {
        CallRecord call = survey(silence(), press("9"), silence());

        assertThat(desk.answers).containsExactly(new SurveyAnswer(42, "alice", Outcome.NO_SCORE, null, null,
                call.uniqueId(), NOW));
        assertThat(call.heard()).containsExactly(
                en("survey-rate-1-to-5"), en("no-input"),
                en("survey-rate-1-to-5"), en("survey-press-1-to-5"),
                en("survey-rate-1-to-5"), en("no-input"), en("survey-thank-you"));
        assertThat(call.heard()).doesNotContain(en("survey-reason-or-hash"));
        assertThat(call.finalVariables()).containsEntry("SURVEY_RESULT", "NO_SCORE");
        assertThat(call.commands()).as("the script ends the call").endsWith("HANGUP", "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"");
    }

    @Test
    void hangingUpBeforeScoringIsRecordedAsSuch() {
        CallRecord call = survey(hangsUp());

        assertThat(call.callerHungUp()).isTrue();
        assertThat(desk.answers).containsExactly(new SurveyAnswer(42, "alice", Outcome.HUNG_UP_BEFORE_SCORING, null,
                null, call.uniqueId(), NOW));
        assertThat(call.heard()).doesNotContain(en("survey-thank-you"));
    }

    @Test
    void hangingUpWhileTheScoreQuestionPlaysAfterAWrongKeyIsRecordedAsSuch() {
        pbx = PbxLines.afterCallback(server.port(), "42", "alice");
        CallRecord call = pbx.call(customer().hangUpWhileHearing("survey-press-1-to-5").then(press("8")).build());

        assertThat(call.callerHungUp()).isTrue();
        assertThat(desk.answers).singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo(Outcome.HUNG_UP_BEFORE_SCORING));
    }

    @Test
    void theReasonMenuRepromptsOnWrongKeysAndSilenceAndIsOptional() {
        CallRecord withReason = survey(press("1"), press("9"), silence(), press("3"));
        assertThat(withReason.heard()).containsExactly(en("survey-rate-1-to-5"),
                en("survey-reason-or-hash"), en("invalid-choice"),
                en("survey-reason-or-hash"), en("no-input"),
                en("survey-reason-or-hash"), en("survey-thank-you"));
        pbx.close();

        CallRecord noReason = survey(press("2"), silence(), silence(), press("0"));
        assertThat(noReason.heard()).endsWith(en("survey-reason-or-hash"), en("invalid-choice"), en("survey-thank-you"));

        assertThat(desk.answers).extracting(SurveyAnswer::score, SurveyAnswer::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, SurveyReason.CONSULTANT),
                org.assertj.core.groups.Tuple.tuple(2, null));
    }

    @Test
    void hangingUpAtTheReasonMenuKeepsTheScore() {
        CallRecord call = survey(press("1"), hangsUp());

        assertThat(call.callerHungUp()).isTrue();
        assertThat(desk.answers).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SCORED);
            assertThat(a.score()).isEqualTo(1);
            assertThat(a.reason()).isNull();
        });
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "abc", "42x", "0", "-5", "99999999999999999999"})
    void aMissingOrGarbledCallbackIdIsLoggedAndRecordedNowhere(String callbackId) {
        CallRecord call = survey(callbackId, "alice", customer());

        assertThat(desk.answers).isEmpty();
        assertThat(call.heard()).containsExactly(en("survey-thank-you"));
        assertThat(call.finalVariables()).containsEntry("SURVEY_RESULT", "NOT_RECORDED")
                .containsEntry("AJ_AGISTATUS", "SUCCESS");
    }

    @Test
    void withoutAConsultantVariableTheDeskIsLeftToFindTheConsultant() {
        survey("42", null, customer().then(press("3"), press("#")));

        assertThat(desk.answers).singleElement().satisfies(a -> {
            assertThat(a.consultant()).isNull();
            assertThat(a.callbackId()).isEqualTo(42);
        });
    }

    @Test
    void aDeskFailureIsLoggedAndTheCallerStillThanked() {
        desk.failure = new IllegalStateException("database down");
        CallRecord call = survey(press("5"), press("#"));

        assertThat(desk.answers).hasSize(1);
        assertThat(call.heard()).endsWith(en("survey-thank-you"));
        assertThat(call.finalVariables()).containsEntry("AJ_AGISTATUS", "SUCCESS");
    }

    @Test
    void aChineseSpeakingCustomerHearsTheSurveyInChinese() {
        CallRecord call = survey("42", "alice", customer().language("zh").then(press("4"), press("#")));

        assertThat(call.heard()).containsExactly("callback-desk/zh-TW/survey-rate-1-to-5",
                "callback-desk/zh-TW/survey-reason-or-hash", "callback-desk/zh-TW/survey-thank-you");
    }

    @Test
    void theLanguageChosenAtIntakeBeatsTheTrunkChannelsLanguage() {
        desk.language = "zh-TW";
        CallRecord call = survey(press("4"), press("#"));

        assertThat(desk.languageAskedFor).containsExactly(42L);
        assertThat(call.heard()).containsExactly("callback-desk/zh-TW/survey-rate-1-to-5",
                "callback-desk/zh-TW/survey-reason-or-hash", "callback-desk/zh-TW/survey-thank-you");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "throw"})
    void anUnknownOrUnavailableIntakeLanguageFallsBackToTheChannels(String language) {
        desk.language = language;
        CallRecord call = survey("42", "alice", customer().language("zh").then(press("2"), press("#")));

        assertThat(call.heard()).first().isEqualTo("callback-desk/zh-TW/survey-rate-1-to-5");
        assertThat(desk.answers).singleElement().satisfies(a -> assertThat(a.score()).isEqualTo(2));
    }
}
