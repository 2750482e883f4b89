package com.callbackdesk.http.api;

import com.callbackdesk.account.LoginThrottle;
import com.callbackdesk.account.Sessions;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.queue.CallbackNotes;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.DeskKpis;
import com.callbackdesk.queue.EndOfDayRisk;
import com.callbackdesk.queue.OutcomeRecorder;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.storage.Database;
import com.callbackdesk.survey.SurveyResults;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The desk's own components the API calls — the same audited operations the rest of the system
 * uses; console sessions and failed-login counts are in the same database ({@link Sessions},
 * {@link LoginThrottle}), so every node on it shares them.
 */
public record ApiServices(CallbackStore store, ConsultantDirectory consultants, CallbackQueue queue,
                          OutcomeRecorder outcomes, CallbackNotes notes, AttemptPlanning planning, PolicyStore policies,
                          DeskKpis kpis, EndOfDayRisk risk, AuditLog audit, UserAccounts accounts,
                          ScreenshotRequests screenshots, SurveyResults surveys, RepeatCallerPolicy repeats,
                          CallerContacts contacts, Sessions sessions, LoginThrottle throttle, Clock clock) {

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
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Wires the API's components on one database around the app's store, planning and policies.
     *
     * @param categoriesNeedingScreen the IVR catalogue's categories that need a screenshot (story 7)
     * @param repeatWithinDays        the repeat-caller policy's N days (as intake uses)
     */
    /** The callback, or the API's 404 naming it. */
    Callback callback(long id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("no callback " + id));
    }

    public static ApiServices create(Database database, CallbackStore store, AttemptPlanning planning,
                                     PolicyStore policies, UserAccounts accounts, Set<String> categoriesNeedingScreen,
                                     int repeatWithinDays, Clock clock) {
        ConsultantDirectory consultants = new ConsultantDirectory(database, clock);
        return new ApiServices(store, consultants, new CallbackQueue(database, store),
                new OutcomeRecorder(database, store, consultants, categoriesNeedingScreen, clock),
                new CallbackNotes(database, clock), planning, policies, new DeskKpis(database),
                new EndOfDayRisk(planning.calendar(), () -> planning.livePolicy().policy()), new AuditLog(database),
                accounts, new ScreenshotRequests(database, clock), new SurveyResults(database, clock),
                new RepeatCallerPolicy(database, store, repeatWithinDays), new CallerContacts(database, clock),
                new Sessions(database, clock), new LoginThrottle(database, clock), clock);
    }
}
