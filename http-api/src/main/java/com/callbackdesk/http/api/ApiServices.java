package com.callbackdesk.http.api;

import com.callbackdesk.account.LoginThrottle;
import com.callbackdesk.account.Sessions;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.alert.ReputationalRiskAlerts;
import com.callbackdesk.desk.roster.Roster;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.desk.screenshot.ScreenshotSteps;
import com.callbackdesk.queue.CallbackNotes;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.DeskKpis;
import com.callbackdesk.queue.EndOfDayRisk;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.survey.SurveyResults;

import java.time.Clock;
import java.util.Objects;

/**
 * The desk's use cases and services the API calls, as the {@link Desk} built them (never built
 * again here) — the same audited operations the rest of the system uses; console sessions and failed-login counts are in the same database ({@link Sessions},
 * {@link LoginThrottle}), so every node on it shares them.
 */
public record ApiServices(CallbackStore store, ConsultantDirectory consultants, CallbackQueue queue,
                          Outcomes outcomes, CallbackNotes notes, AttemptPlanning planning, PolicyStore policies,
                          DeskKpis kpis, EndOfDayRisk risk, AuditLog audit, UserAccounts accounts,
                          ScreenshotRequests screenshots, SurveyResults surveys, RepeatCallerPolicy repeats,
                          CallerContacts contacts, Sessions sessions, LoginThrottle throttle, Roster roster,
                          ReputationalRiskAlerts riskAlerts, Clock clock, ScreenshotSteps screenshotSteps) {

    public ApiServices {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(consultants, "consultants");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(planning, "planning");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(kpis, "kpis");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(screenshots, "screenshots");
        Objects.requireNonNull(surveys, "surveys");
        Objects.requireNonNull(repeats, "repeats");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(riskAlerts, "riskAlerts");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(screenshotSteps, "screenshotSteps");
    }

    /** The consultant the signed-in account works as; 403 when it is not linked to one. */
    Consultant consultantOf(ApiCall call) {
        String login = call.account().consultant();
        if (login == null) {
            throw ApiException.forbidden("account " + call.account().login() + " is not linked to a consultant");
        }
        return consultants.find(login)
                .orElseThrow(() -> ApiException.forbidden("consultant " + login + " does not exist"));
    }

    /** The callback, or the API's 404 naming it. */
    Callback callback(long id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("no callback " + id));
    }

    /** The API's view of the desk: the use cases and services the Desk built, none built again. */
    public static ApiServices from(Desk desk) {
        return new ApiServices(desk.store(), desk.consultants(), desk.queue(), desk.outcomes(), desk.notes(),
                desk.planning(), desk.policies(), desk.kpis(), desk.risk(), desk.audit(), desk.accounts(),
                desk.screenshots(), desk.surveyResults(), desk.repeats(), desk.contacts(), desk.sessions(),
                desk.loginThrottle(), desk.roster(), desk.riskAlerts(), desk.clock(), desk.screenshotSteps());
    }
}
