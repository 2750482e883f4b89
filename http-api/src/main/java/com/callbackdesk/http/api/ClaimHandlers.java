package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.queue.Claim;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Who holds a callback, changed on purpose (reassignment is an audited
 * operation, never a hand edit): release (the holder or a supervisor gives it back to the queue),
 * assign (a supervisor hands it to a named consultant) and the supervisor's list of held and
 * waiting callbacks to choose from. Every write is one {@code CallbackQueue} transaction.
 */
final class ClaimHandlers {

    private static final Logger LOG = LogManager.getLogger(ClaimHandlers.class);

    private final ApiServices desk;

    ClaimHandlers(ApiServices desk) {
        this.desk = desk;
    }

    /** {@code POST /api/callbacks/{id}/release}'s body. */
    record ReleaseRequest(String why) {
    }

    /**
     * {@code POST /api/callbacks/{id}/assign}'s body. {@code holder} stays a JSON node because
     * absent (no check) and {@code null} (it was queued) mean different things.
     */
    record AssignRequest(String consultant, String why, JsonNode holder) {
    }

    record Released(Views.CallbackView callback) {
    }

    record Assigned(String claimedAt, String consultant, Views.CallbackView callback) {
    }

    record Assignment(String holder, String claimedAt, String deadline, boolean atRisk, Views.CallbackView callback) {
    }

    /** An active consultant with the callback they hold (null when none). */
    record ConsultantHolding(String login, String displayName, String group, SortedSet<String> skills,
                             boolean supervisor, String state, String stateSince, boolean active, Long holding) {
        static ConsultantHolding of(Views.ConsultantView c, Long holding) {
            return new ConsultantHolding(c.login(), c.displayName(), c.group(), c.skills(), c.supervisor(), c.state(),
                    c.stateSince(), c.active(), holding);
        }
    }

    record Assignments(String now, int total, List<Assignment> items, List<ConsultantHolding> consultants) {
    }

    /** POST /api/callbacks/{id}/release {"why"}: CLAIMED → QUEUED, by the holder or a supervisor. */
    ApiResponse release(ApiCall call) {
        long id = call.id();
        Actor who = call.deskActor();
        String why = ApiCall.why(call.bind(ReleaseRequest.class).why());
        desk.callback(id);   // 404 before any rule
        Callback after = desk.queue().release(id, who, why);
        LOG.info("Callback {} released to the queue by {} through the API", id, who);
        return ApiResponse.ok(new Released(Views.callback(after)));
    }

    /** POST /api/callbacks/{id}/assign {"consultant", "why", "holder"?}: supervisors only (the route checks). */
    ApiResponse assign(ApiCall call) {
        long id = call.id();
        AssignRequest request = call.bind(AssignRequest.class);
        String login = ApiCall.required("consultant", request.consultant()).strip();
        if (login.length() > 64) {
            throw ApiException.badRequest("consultant", "at most 64 characters");
        }
        String why = ApiCall.why(request.why());
        if (desk.consultants().find(login).isEmpty()) {
            throw ApiException.badRequest("consultant", "there is no consultant '" + login + "'");
        }
        desk.callback(id);   // 404 before any rule
        // "holder": who held it on the supervisor's screen (null or "" = queued); absent = no such check.
        Claim claim;
        if (request.holder() != null) {
            String seen = holder(request.holder());
            if (seen != null && seen.length() > 64) {
                throw ApiException.badRequest("holder", "at most 64 characters");
            }
            claim = desk.queue().assign(id, login, call.supervisorActor(), why, seen == null ? "" : seen.strip());
        } else {
            claim = desk.queue().assign(id, login, call.supervisorActor(), why);
        }
        return ApiResponse.ok(new Assigned(claim.claimedAt().toString(), claim.consultant(),
                Views.callback(claim.callback())));
    }

    /** The "holder" given (present in the body): null or text. */
    private static String holder(JsonNode holder) {
        if (holder.isNull()) {
            return null;
        }
        if (!holder.isTextual()) {
            throw ApiException.badRequest("holder", "must be a string");
        }
        return holder.asText();
    }

    /**
     * GET /api/assignments: the QUEUED and CLAIMED callbacks (what assign accepts) in queue order
     * with their holders, and the active consultants with what they hold — what a supervisor needs
     * to choose who gets which.
     */
    ApiResponse assignments(ApiCall call) {
        int limit = call.intQuery("limit", 200, 1, ApiCall.MAX_LIMIT);
        Instant now = desk.clock().instant();
        List<Callback> open = desk.store().findByState(CallbackState.CLAIMED, CallbackState.QUEUED); // in QueueOrder
        List<Assignment> items = new ArrayList<>();
        for (Callback c : open.subList(0, Math.min(limit, open.size()))) {
            Optional<Claim> claim = desk.queue().claimOf(c.id());
            Instant deadline = desk.risk().deadline(c, now);
            items.add(new Assignment(claim.map(Claim::consultant).orElse(null),
                    claim.map(cl -> cl.claimedAt().toString()).orElse(null), deadline.toString(),
                    desk.risk().atRisk(deadline, now), Views.callback(c)));
        }
        List<ConsultantHolding> consultants = new ArrayList<>();
        for (Consultant c : desk.consultants().list()) {
            if (c.active()) {
                consultants.add(ConsultantHolding.of(Views.consultant(c),
                        desk.queue().currentClaim(c.login()).map(Claim::callbackId).orElse(null)));
            }
        }
        return ApiResponse.ok(new Assignments(now.toString(), open.size(), items, consultants));
    }

}
