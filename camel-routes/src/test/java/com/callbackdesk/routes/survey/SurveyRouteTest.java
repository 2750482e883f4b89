package com.callbackdesk.routes.survey;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.ivr.survey.SurveyAnswer;
import com.callbackdesk.ivr.survey.SurveyAnswer.Outcome;
import com.callbackdesk.ivr.survey.SurveyReason;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyResult;
import com.callbackdesk.survey.SurveyState;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static com.callbackdesk.routes.survey.SurveyDeskFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The survey route on a real Camel context and a real database (H2 and PostgreSQL). */
class SurveyRouteTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";

    @ParameterizedTest
    @MethodSource(BOTH)
    void storesTheScoreAndReasonAgainstTheCallbackAndTheConsultant(DatabaseSettings settings) throws Exception {
        try (SurveyDeskFixture f = new SurveyDeskFixture(settings)) {
            f.consultant("alice");
            long id = f.inConversation("alice", "+886212345601");

            f.desk.record(new SurveyAnswer(id, "alice", Outcome.SCORED, 4, SurveyReason.WAITED_TOO_LONG, "1795559710.2", NOW));

            assertThat(f.surveys.forCallback(id)).singleElement().satisfies(r -> {
                assertThat(r.consultant()).isEqualTo("alice");
                assertThat(r.state()).isEqualTo(SurveyState.COMPLETED);
                assertThat(r.score()).isEqualTo(4);
                assertThat(r.reasonCode()).isEqualTo("waited-too-long");
                assertThat(r.callId()).isEqualTo("1795559710.2");
                assertThat(r.recordedAt()).isEqualTo(NOW);
            });
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theSameCallReportingTwiceIsStoredOnce(DatabaseSettings settings) throws Exception {
        try (SurveyDeskFixture f = new SurveyDeskFixture(settings)) {
            f.consultant("alice");
            long id = f.inConversation("alice", "+886212345602");
            SurveyAnswer answer = new SurveyAnswer(id, "alice", Outcome.SCORED, 5, null, "1795559710.7", NOW);

            f.desk.record(answer);
            f.desk.record(answer);
            f.desk.record(new SurveyAnswer(id, "alice", Outcome.HUNG_UP_BEFORE_SCORING, null, null, "1795559710.7", NOW));

            assertThat(f.surveys.forCallback(id)).singleElement()
                    .satisfies(r -> assertThat(r.score()).isEqualTo(5));
            // Another survey leg of the same callback (a second conversation) is its own record.
            f.desk.record(new SurveyAnswer(id, "alice", Outcome.SCORED, 3, null, "1795559799.4", NOW));
            assertThat(f.surveys.forCallback(id)).extracting(SurveyResult::score).containsExactly(5, 3);
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void withoutAConsultantOnTheChannelTheAnsweringConsultantIsUsed(DatabaseSettings settings) throws Exception {
        try (SurveyDeskFixture f = new SurveyDeskFixture(settings)) {
            f.consultant("bob");
            long id = f.inConversation("bob", "+886212345603");

            f.desk.record(new SurveyAnswer(id, null, Outcome.NO_SCORE, null, null, "1795559710.9", NOW));

            assertThat(f.surveys.forCallback(id)).singleElement().satisfies(r -> {
                assertThat(r.consultant()).isEqualTo("bob");
                assertThat(r.state()).isEqualTo(SurveyState.NO_SCORE);
                assertThat(r.score()).isNull();
            });
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void everySurveyOutcomeCountsAsSurveyedAndOnlyScoresFeedTheAverages(DatabaseSettings settings) throws Exception {
        try (SurveyDeskFixture f = new SurveyDeskFixture(settings)) {
            f.consultant("alice");
            long hungUp = f.inConversation("alice", "+886212345604");
            f.desk.record(new SurveyAnswer(hungUp, "alice", Outcome.HUNG_UP_BEFORE_SCORING, null, null, "1.1", NOW));
            f.outcomes.record(hungUp, Actor.consultant("alice"), com.callbackdesk.queue.Outcome.resolved(), null);
            long scored = f.inConversation("alice", "+886212345605");
            f.desk.record(new SurveyAnswer(scored, "alice", Outcome.SCORED, 2, SurveyReason.PROBLEM_NOT_SOLVED, "1.2", NOW));
            f.outcomes.record(scored, Actor.consultant("alice"), com.callbackdesk.queue.Outcome.resolved(), null);

            assertThat(f.surveys.forCallback(hungUp)).extracting(SurveyResult::state)
                    .containsExactly(SurveyState.HUNG_UP_BEFORE_SCORING);
            assertThat(f.surveys.countAnsweredWithoutSurvey()).isZero();
            assertThat(new com.callbackdesk.queue.DeskKpis(f.db).surveyAverageByConsultant(NOW, NOW.plusSeconds(1)))
                    .containsExactly(new com.callbackdesk.queue.DeskKpis.ScoreAverage("alice", 1, 2.0));
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aSurveyForACallbackNobodyAnsweredIsRefusedToTheCaller(DatabaseSettings settings) throws Exception {
        try (SurveyDeskFixture f = new SurveyDeskFixture(settings)) {
            long neverAnswered = f.queued("+886212345606").id();

            assertThatThrownBy(() -> f.desk.record(new SurveyAnswer(neverAnswered, null, Outcome.SCORED, 3, null, "1.3", NOW)))
                    .isInstanceOf(CamelExecutionException.class)
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasRootCauseMessage("Callback " + neverAnswered + " has no answered attempt; say which consultant the survey is for");
            assertThat(f.surveys.forCallback(neverAnswered)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theSurveySpeaksTheLanguageChosenAtIntake(DatabaseSettings settings) throws Exception {
        try (SurveyDeskFixture f = new SurveyDeskFixture(settings)) {
            long id = f.queued("+886212345607").id();

            assertThat(f.desk.languageOf(id)).contains("en");
            assertThat(f.desk.languageOf(id + 1000)).isEmpty();
        }
    }
}
