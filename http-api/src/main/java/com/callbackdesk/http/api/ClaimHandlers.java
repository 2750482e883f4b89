package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.queue.Claim;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a callback, changed on purpose (MISSION story 11: reassignment is an audited
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

    /** POST /api/callbacks/{id}/release {"why"}: CLAIMED → QUEUED, by the holder or a supervisor. */
    ApiResponse release(ApiCall call) {
        long id = call.id();
        Actor who = call.deskActor();
        String why = call.why();
        desk.callback(id);   // 404 before any rule
        Callback after = desk.queue().release(id, who, why);
        LOG.info("Callback {} released to the queue by {} through the API", id, who);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callback", Views.callback(after));
        return ApiResponse.ok(body);
    }

    /** POST /api/callbacks/{id}/assign {"consultant", "why", "holder"?}: supervisors only (the route checks). */
    ApiResponse assign(ApiCall call) {
        long id = call.id();
        String login = call.text("consultant", true).strip();
        if (login.length() > 64) {
            throw ApiException.badRequest("consultant", "at most 64 characters");
        }
        String why = call.why();
        if (desk.consultants().find(login).isEmpty()) {
            throw ApiException.badRequest("consultant", "there is no consultant '" + login + "'");
        }
        desk.callback(id);   // 404 before any rule
        // "holder": who held it on the supervisor's screen (null or "" = queued); absent = no such check.
        Claim claim;
        if (call.body().has("holder")) {
            String seen = call.text("holder", false);
            if (seen != null && seen.length() > 64) {
                throw ApiException.badRequest("holder", "at most 64 characters");
            }
            claim = desk.queue().assign(id, login, call.supervisorActor(), why, seen == null ? "" : seen.strip());
        } else {
            claim = desk.queue().assign(id, login, call.supervisorActor(), why);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("claimedAt", claim.claimedAt().toString());
        body.put("consultant", claim.consultant());
        body.put("callback", Views.callback(claim.callback()));
        return ApiResponse.ok(body);
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
        List<Map<String, Object>> items = new ArrayList<>();
        for (Callback c : open.subList(0, Math.min(limit, open.size()))) {
            Optional<Claim> claim = desk.queue().claimOf(c.id());
            Instant deadline = desk.risk().deadline(c, now);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("holder", claim.map(Claim::consultant).orElse(null));
            item.put("claimedAt", claim.map(cl -> cl.claimedAt().toString()).orElse(null));
            item.put("deadline", deadline.toString());
            item.put("atRisk", desk.risk().atRisk(deadline, now));
            item.put("callback", Views.callback(c));
            items.add(item);
        }
        List<Map<String, Object>> consultants = new ArrayList<>();
        for (Consultant c : desk.consultants().list()) {
            if (c.active()) {
                Map<String, Object> m = Views.consultant(c);
                m.put("holding", desk.queue().currentClaim(c.login()).map(Claim::callbackId).orElse(null));
                consultants.add(m);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("now", now.toString());
        body.put("total", open.size());
        body.put("items", items);
        body.put("consultants", consultants);
        return ApiResponse.ok(body);
    }

}
