package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyResult;
import com.callbackdesk.survey.SurveyState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import static com.callbackdesk.planning.CallbackState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyAndRepeatTest {

    /** Queued, claimed by {@code login}, dialled, answered, resolved. */
    static long resolved(Desk desk, String login, String number, String category) {
        long id = desk.queued(number, "router-x", category, Urgency.NORMAL, LocalTime.of(17, 0),
                ScreenshotChoice.NOT_NEEDED).id();
        Claim claim = desk.queue.claimNext(login).orElseThrow();
        assertThat(claim.callbackId()).isEqualTo(id);
        desk.outcomes.startDialing(id, Desk.DIALER, null);
        desk.outcomes.answered(id, Desk.DIALER, null);
        desk.outcomes.record(id, Actor.consultant(login), Outcome.resolved(), null);
        return id;
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void surveysAreStoredAndAnAnsweredCallbackWithoutOneIsACountedDefect(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            long scored = resolved(desk, "alice", Desk.number(1), "no-internet");
            long hungUp = resolved(desk, "alice", Desk.number(2), "no-internet");
            long forgotten = resolved(desk, "alice", Desk.number(3), "no-internet");
            long neverAnswered = desk.queued(Desk.number(4), "router-x").id();
            desk.store.lifecycle().transition(neverAnswered, QUEUED, UNREACHABLE, Desk.SCHEDULER, "max attempts");
            assertThat(desk.surveys.countAnsweredWithoutSurvey()).isEqualTo(3);

            SurveyResult s = desk.surveys.record(scored, null, SurveyState.COMPLETED, 4, "slow-to-answer", "1709.9");
            assertThat(s.consultant()).isEqualTo("alice"); // from the answered attempt
            assertThat(s.score()).isEqualTo(4);
            assertThat(s.recordedAt()).isEqualTo(desk.clock.instant());
            desk.surveys.record(hungUp, "alice", SurveyState.HUNG_UP_BEFORE_SCORING, null, null, null);

            assertThat(desk.surveys.answeredWithoutSurvey()).containsExactly(forgotten);
            assertThat(desk.surveys.forCallback(scored)).containsExactly(s);

            assertThatThrownBy(() -> desk.surveys.record(forgotten, "alice", SurveyState.COMPLETED, 6, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-5");
            assertThatThrownBy(() -> desk.surveys.record(forgotten, "alice", SurveyState.NOT_REACHED, 3, null, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> desk.surveys.record(neverAnswered, null, SurveyState.NOT_REACHED, null, null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no answered attempt");
            desk.surveys.record(forgotten, "alice", SurveyState.NOT_REACHED, null, null, null);
            assertThat(desk.surveys.countAnsweredWithoutSurvey()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void aRepeatWithinNDaysOfAResolvedOneIsFlaggedAndEscalatedAudited(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            RepeatCallerPolicy policy = new RepeatCallerPolicy(desk.db, desk.store, 7);
            long first = resolved(desk, "alice", Desk.number(1), "no-internet");
            long otherCategory = resolved(desk, "alice", Desk.number(2), "slow-wifi");

            desk.clock.advance(Duration.ofDays(6));
            Callback again = desk.intake(Desk.number(1), "router-x", "no-internet", Urgency.NORMAL, null,
                    ScreenshotChoice.NOT_NEEDED);
            RepeatCallerPolicy.RepeatFlag flag = policy.check(again).orElseThrow();
            assertThat(flag.repeatOf()).isEqualTo(first);
            assertThat(flag.withinDays()).isEqualTo(7);
            assertThat(policy.flagOf(again.id())).contains(flag);
            Callback raised = desk.store.find(again.id()).orElseThrow();
            assertThat(raised.escalationLevel()).isEqualTo(EscalationLevel.REPEAT_OR_DISSATISFIED);
            AuditEntry audit = desk.store.history(again.id()).get(1);
            assertThat(audit.action()).isEqualTo(AuditEntry.Action.UPDATED);
            assertThat(audit.actor()).isEqualTo(Actor.system("repeat-caller-policy"));
            assertThat(audit.why()).contains("callback " + first);
            assertThat(audit.detail()).contains("escalationLevel: NORMAL → REPEAT_OR_DISSATISFIED");

            // same number, different category: not the same problem
            Callback differentProblem = desk.intake(Desk.number(2), "router-x", "no-internet", Urgency.NORMAL, null,
                    ScreenshotChoice.NOT_NEEDED);
            assertThat(policy.check(differentProblem)).isEmpty();
            assertThat(desk.store.find(differentProblem.id()).orElseThrow().escalationLevel())
                    .isEqualTo(EscalationLevel.NORMAL);
            assertThat(otherCategory).isNotEqualTo(first);
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void aRepeatAfterNDaysIsNotFlagged(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            RepeatCallerPolicy policy = new RepeatCallerPolicy(desk.db, desk.store, 7);
            resolved(desk, "alice", Desk.number(1), "no-internet");
            desk.clock.advance(Duration.ofDays(7).plusSeconds(1));
            Callback late = desk.intake(Desk.number(1), "router-x", "no-internet", Urgency.NORMAL, null,
                    ScreenshotChoice.NOT_NEEDED);
            assertThat(policy.check(late)).isEmpty();
            assertThat(policy.flagOf(late.id())).isEmpty();
            assertThat(desk.store.history(late.id())).hasSize(1); // only CREATED
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void kpisCompareConsultantsAndGroupsSideBySide(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            Instant from = desk.clock.instant();
            desk.consultant("alice", "IN_HOUSE", false, "router-x");
            desk.consultant("olga", "OUTSOURCED-ACME", false, "router-x");
            RepeatCallerPolicy policy = new RepeatCallerPolicy(desk.db, desk.store, 7);
            DeskKpis kpis = new DeskKpis(desk.db);

            desk.consultants.setState("olga", com.callbackdesk.consultant.ConsultantState.AWAY, Desk.SAM, "later");
            long a1 = resolved(desk, "alice", Desk.number(1), "no-internet");
            long a2 = resolved(desk, "alice", Desk.number(2), "slow-wifi");
            desk.consultants.setState("alice", com.callbackdesk.consultant.ConsultantState.AWAY, Desk.SAM, "later");
            desk.consultants.setState("olga", com.callbackdesk.consultant.ConsultantState.AVAILABLE, Desk.SAM, "on");
            long o1 = resolved(desk, "olga", Desk.number(3), "no-internet");
            long o2 = resolved(desk, "olga", Desk.number(4), "no-internet");
            desk.surveys.record(a1, null, SurveyState.COMPLETED, 5, null, null);
            desk.surveys.record(a2, null, SurveyState.COMPLETED, 4, null, null);
            desk.surveys.record(o1, null, SurveyState.COMPLETED, 2, "not-solved", null);
            desk.surveys.record(o2, null, SurveyState.HUNG_UP_BEFORE_SCORING, null, null, null);
            // olga's first caller comes back about the same problem
            desk.clock.advance(Duration.ofDays(1));
            policy.check(desk.intake(Desk.number(3), "router-x", "no-internet", Urgency.NORMAL, null,
                    ScreenshotChoice.NOT_NEEDED)).orElseThrow();
            Instant to = desk.clock.instant().plusSeconds(1);

            assertThat(kpis.surveyAverageByConsultant(from, to)).containsExactly(
                    new DeskKpis.ScoreAverage("alice", 2, 4.5), new DeskKpis.ScoreAverage("olga", 1, 2.0));
            assertThat(kpis.surveyAverageByGroup(from, to)).containsExactly(
                    new DeskKpis.ScoreAverage("IN_HOUSE", 2, 4.5), new DeskKpis.ScoreAverage("OUTSOURCED-ACME", 1, 2.0));
            assertThat(kpis.recontactRateByGroup(from, to)).containsExactly(
                    new DeskKpis.RecontactRate("IN_HOUSE", 2, 0), new DeskKpis.RecontactRate("OUTSOURCED-ACME", 2, 1));
            assertThat(kpis.recontactRateByGroup(from, to).get(1).rate()).isEqualTo(0.5);
            assertThat(kpis.contactVolumeByCategory(from, to)).containsExactly(
                    new DeskKpis.CategoryVolume("router-x", "no-internet", 4),
                    new DeskKpis.CategoryVolume("router-x", "slow-wifi", 1));
            assertThat(kpis.surveyAverageByConsultant(to, to.plusSeconds(60))).isEmpty();
        }
    }
}
