package com.callbackdesk.http.api;

import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantAuditEntry;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.desk.roster.ConsultantChanges;
import com.callbackdesk.desk.roster.Roster;
import com.callbackdesk.queue.Claim;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The roster for supervisors: {@code GET/POST /api/consultants}, {@code GET/PUT /api/consultants/{login}},
 * {@code POST /api/consultants/{login}/deactivate}. Thin: each is one call of the desk's
 * {@link Roster} (the command line's {@code consultant ...} calls the same), audited as
 * {@code supervisor:<login>} with the request's {@code why}.
 */
final class ConsultantHandlers {

    private static final Logger LOG = LogManager.getLogger(ConsultantHandlers.class);

    private final ApiServices desk;

    ConsultantHandlers(ApiServices desk) {
        this.desk = desk;
    }

    /** A consultant as the roster shows them; {@code holding}: the callback they hold, else null. */
    record RosterEntry(String login, String displayName, String group, SortedSet<String> skills,
                       SortedSet<String> categories, SortedSet<String> languages, String endpoint, boolean supervisor,
                       boolean active, String state, String stateSince, Long holding) {
    }

    record RosterPage(List<RosterEntry> consultants) {
    }

    record HistoryEntry(String at, String actor, String action, String why, String detail) {
    }

    record RosterDetail(RosterEntry consultant, List<HistoryEntry> history) {
    }

    /** {@code POST /api/consultants}'s body. */
    record AddRequest(String login, String displayName, String group, List<String> skills, List<String> categories,
                      List<String> languages, String endpoint, Boolean supervisor, String why) {
    }

    /** {@code PUT /api/consultants/{login}}'s body: absent fields stay as they are. */
    record EditRequest(String displayName, String group, List<String> skills, List<String> categories,
                       List<String> languages, String endpoint, Boolean supervisor, Boolean active, String why) {
    }

    /** {@code POST /api/consultants/{login}/deactivate}'s body. */
    record WhyRequest(String why) {
    }

    ApiResponse list(ApiCall call) {
        return ApiResponse.ok(new RosterPage(desk.roster().list().stream().map(this::entry).toList()));
    }

    ApiResponse one(ApiCall call) {
        String login = login(call);
        Consultant c = desk.roster().find(login).orElseThrow(() -> ApiException.notFound("no consultant " + login));
        return ApiResponse.ok(detail(c));
    }

    ApiResponse add(ApiCall call) {
        AddRequest r = call.bind(AddRequest.class);
        String why = ApiCall.why(r.why());
        String login = ApiCall.required("login", r.login());
        ConsultantProfile p = Roster.profile(login, ApiCall.required("displayName", r.displayName()), r.group(),
                r.skills(), r.categories(), r.languages(), r.endpoint(), Boolean.TRUE.equals(r.supervisor()));
        Consultant c = desk.roster().add(p, call.supervisorActor(), why);
        LOG.info("Consultant {} added through the API by {}", c.login(), call.account().login());
        return ApiResponse.created(detail(c));
    }

    ApiResponse edit(ApiCall call) {
        String login = login(call);
        EditRequest r = call.bind(EditRequest.class);
        String why = ApiCall.why(r.why());
        Consultant c = desk.roster().edit(login, new ConsultantChanges(r.displayName(), r.group(), r.skills(),
                r.categories(), r.languages(), r.endpoint(), r.supervisor(), r.active()), call.supervisorActor(), why);
        return ApiResponse.ok(detail(c));
    }

    ApiResponse deactivate(ApiCall call) {
        String login = login(call);
        String why = ApiCall.why(call.bind(WhyRequest.class).why());
        Consultant c = desk.roster().deactivate(login, call.supervisorActor(), why);
        return ApiResponse.ok(detail(c));
    }

    private static String login(ApiCall call) {
        String login = call.header("login");
        if (login == null || login.isBlank() || login.length() > 64) {
            throw ApiException.badRequest("login", "a consultant login of 1-64 characters");
        }
        return login.strip();
    }

    private RosterDetail detail(Consultant c) {
        List<HistoryEntry> history = desk.roster().history(c.login()).stream()
                .map(ConsultantHandlers::history).toList();
        return new RosterDetail(entry(c), history);
    }

    private static HistoryEntry history(ConsultantAuditEntry e) {
        return new HistoryEntry(e.at().toString(), e.actor().toString(), e.action(), e.why(), e.detail());
    }

    private RosterEntry entry(Consultant c) {
        ConsultantProfile p = c.profile();
        return new RosterEntry(c.login(), p.displayName(), p.group(), new TreeSet<>(p.skills()),
                new TreeSet<>(p.categories()), new TreeSet<>(p.languages()), p.endpoint(), p.supervisor(), c.active(),
                c.state().name(), Views.str(c.stateSince()), desk.queue().currentClaim(c.login())
                        .map(Claim::callbackId).orElse(null));
    }
}
