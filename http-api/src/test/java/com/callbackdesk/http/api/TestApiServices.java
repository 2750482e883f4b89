package com.callbackdesk.http.api;

import com.callbackdesk.account.LoginThrottle;
import com.callbackdesk.account.Sessions;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.queue.CallbackNotes;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.DeskKpis;
import com.callbackdesk.queue.EndOfDayRisk;
import com.callbackdesk.queue.OutcomeRecorder;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.storage.Database;
import com.callbackdesk.survey.SurveyResults;

import java.time.Clock;
import java.util.Set;

/** The API's services for a test desk on one database, wired as the app wires them. */
public final class TestApiServices {

    private TestApiServices() {
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
