package com.callbackdesk.ivr.survey;

import com.callbackdesk.ivr.dialog.MissingPrompts;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.callbackdesk.pbxsim.CallerPersona.press;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The survey on a PBX that lacks its sound files (Asterisk answers GET DATA {@code 200 result=-1} at
 * once, the channel still up): a customer still on the line is never recorded as having hung up; the
 * question is asked in the default language, and without it the customer goes to the operator.
 */
class SurveyMissingPromptTest {

    private static final Instant NOW = Instant.parse("2026-11-25T06:30:00Z");
    private static final String ZH_SCORE = "callback-desk/zh-TW/survey-rate-1-to-5";
    private static final String EN_SCORE = "callback-desk/en/survey-rate-1-to-5";

    private final List<SurveyAnswer> answers = new CopyOnWriteArrayList<>();
    private final MissingPrompts missing = new MissingPrompts();
    private IvrServer server;
    private SimulatedPbx pbx;

    @BeforeEach
    void startServer() {
        SurveyDesk desk = new SurveyDesk() {
            @Override
            public void record(SurveyAnswer answer) {
                answers.add(answer);
            }

            @Override
            public Optional<String> languageOf(long callbackId) {
                return Optional.of("zh-TW");   // the customer chose Chinese at intake
            }
        };
        SurveySettings settings = SurveySettings.defaults().withTimeouts(4000, 3000)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        server = new IvrServer(IvrSettings.defaults().withPort(0).withPool(2, 16))
                .register("survey", new SurveyScript(desk, PromptCatalogue.loadDefault(), settings, missing))
                .start();
    }

    @AfterEach
    void stop() {
        if (pbx != null) {
            pbx.close();
        }
        server.stop();
    }

    private CallRecord survey(Set<String> missingSounds, CallerPersona.Reaction... reactions) {
        pbx = PbxLines.afterCallback(server.port(), "42", "alice", missingSounds);
        CallRecord call = pbx.call(CallerPersona.named("mei").callerId("+886212345678").then(reactions).build());
        assertThat(call.unscriptedInputs()).as("asked more than scripted: %s", call.commands()).isZero();
        assertThat(call.unusedReactions()).as("reactions left over: %s", call.commands()).isZero();
        return call;
    }

    @Test
    void theScoreQuestionMissingInChineseIsAskedInEnglish() {
        CallRecord call = survey(Set.of(ZH_SCORE), press("4"), press("#"));

        assertThat(call.commands()).containsSubsequence("GET DATA \"" + ZH_SCORE + "\" 4000 1",
                "CHANNEL STATUS", "GET DATA \"" + EN_SCORE + "\" 4000 1");
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SCORED);
            assertThat(a.score()).isEqualTo(4);
        });
        assertThat(call.heard()).containsExactly(EN_SCORE, "callback-desk/zh-TW/survey-reason-or-hash",
                "callback-desk/zh-TW/survey-thank-you");
        assertThat(call.finalVariables()).containsEntry("SURVEY_RESULT", "SCORED");
        assertThat(missing.snapshot()).containsOnlyKeys(ZH_SCORE);
    }

    @Test
    void theScoreQuestionMissingEverywhereIsNoScoreNotAHangUpAndTheCustomerReachesTheOperator() {
        CallRecord call = survey(Set.of(ZH_SCORE, EN_SCORE));

        assertThat(call.callerHungUp()).isFalse();
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.NO_SCORE).isNotEqualTo(Outcome.HUNG_UP_BEFORE_SCORING);
            assertThat(a.callbackId()).isEqualTo(42);
        });
        assertThat(call.commands()).containsSubsequence("GET DATA \"" + ZH_SCORE + "\" 4000 1",
                "CHANNEL STATUS", "GET DATA \"" + EN_SCORE + "\" 4000 1", "CHANNEL STATUS");
        assertThat(call.commands()).anyMatch(c -> c.startsWith("EXEC") && c.contains("Goto") && c.contains("operator,s,1"));
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("operator,s,1 "));
        assertThat(call.finalVariables()).containsEntry("SURVEY_RESULT", "NO_SCORE");
        assertThat(missing.snapshot()).containsOnlyKeys(ZH_SCORE, EN_SCORE);
    }

    @Test
    void theReasonMenuMissingEverywhereKeepsTheScoreAndSendsTheCustomerToTheOperator() {
        CallRecord call = survey(Set.of("callback-desk/zh-TW/survey-reason-or-hash", "callback-desk/en/survey-reason-or-hash"),
                press("5"));

        assertThat(call.callerHungUp()).isFalse();
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.SCORED);
            assertThat(a.score()).isEqualTo(5);
            assertThat(a.reason()).isNull();
        });
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("operator,s,1 "));
    }
}
