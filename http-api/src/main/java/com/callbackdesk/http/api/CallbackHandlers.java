package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.callback.MergeRecord;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.queue.Claim;
import com.callbackdesk.queue.Note;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.survey.SurveyResult;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consultant's queue and the callbacks in it: {@code GET /api/queue}, {@code POST /api/queue/claim},
 * {@code GET /api/callbacks/{id}}, its notes and the caller's e-mail address.
 * Thin: each translates the request into one of the desk's audited operations and the answer
 * into docs/API.md's JSON.
 */
final class CallbackHandlers {

    private static final Logger LOG = LogManager.getLogger(CallbackHandlers.class);

    private final ApiServices desk;

    CallbackHandlers(ApiServices desk) {
        this.desk = desk;
    }

    ApiResponse queue(ApiCall call) {
        Consultant me = desk.consultantOf(call);
        int limit = call.intQuery("limit", 50, 1, ApiCall.MAX_LIMIT);
        Instant now = desk.clock().instant();
        List<Map<String, Object>> items = new ArrayList<>();
        int position = 0;
        for (Callback c : desk.queue().waitingFor(me, limit)) {
            Instant deadline = desk.risk().deadline(c, now);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("position", ++position);
            item.put("deadline", deadline.toString());
            item.put("atRisk", desk.risk().atRisk(deadline, now));
            item.put("callback", Views.callback(c));
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("depth", desk.queue().waitingCount(me));
        body.put("now", now.toString());
        body.put("items", items);
        return ApiResponse.ok(body);
    }

    ApiResponse claim(ApiCall call) {
        desk.consultantOf(call);
        Optional<Claim> claim = desk.queue().claimNext(call.consultant());
        if (claim.isEmpty()) {
            return ApiResponse.noContent();
        }
        Claim c = claim.get();
        LOG.info("Callback {} claimed by {} through the API", c.callbackId(), c.consultant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("claimedAt", c.claimedAt().toString());
        body.put("consultant", c.consultant());
        body.put("callback", Views.callback(c.callback()));
        return ApiResponse.ok(body);
    }

    ApiResponse callback(ApiCall call) {
        desk.consultantOf(call);
        Callback c = desk.callback(call.id());
        long id = c.id();
        Instant now = desk.clock().instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callback", Views.callback(c));
        body.put("holder", desk.queue().claimOf(id).map(Claim::consultant).orElse(null));
        body.put("email", desk.contacts().emailOf(c.callbackNumber()).orElse(null));
        if (c.isOpen()) {
            Instant deadline = desk.risk().deadline(c, now);
            body.put("deadline", deadline.toString());
            body.put("atRisk", desk.risk().atRisk(deadline, now));
        } else {
            body.put("deadline", null);
            body.put("atRisk", false);
        }
        body.put("attempts", desk.outcomes().attempts(id).stream().map(Views::attempt).toList());
        List<Map<String, Object>> earlier = new ArrayList<>();
        for (Callback o : desk.store().findByNumber(c.callbackNumber())) {
            if (o.id() != id) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", o.id());
                m.put("state", o.state().name());
                m.put("product", o.product());
                m.put("category", o.category());
                m.put("escalationLevel", o.escalationLevel().name());
                m.put("createdAt", o.createdAt().toString());
                m.put("updatedAt", o.updatedAt().toString());
                earlier.add(m);
            }
        }
        body.put("earlierCallbacks", earlier);
        List<Map<String, Object>> merges = new ArrayList<>();
        for (MergeRecord m : desk.store().merges(id)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("mergedAt", m.mergedAt().toString());
            v.put("callUniqueId", m.request().callUniqueId());
            v.put("product", m.request().product());
            v.put("category", m.request().category());
            v.put("urgency", m.request().urgency().name());
            v.put("reachableUntil", Views.str(m.request().reachableUntil()));
            merges.add(v);
        }
        body.put("merges", merges);
        Optional<RepeatCallerPolicy.RepeatFlag> repeat = desk.repeats().flagOf(id);
        body.put("repeat", repeat.map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("repeatOf", f.repeatOf());
            m.put("withinDays", f.withinDays());
            m.put("flaggedAt", f.flaggedAt().toString());
            return (Object) m;
        }).orElse(null));
        body.put("escalationLevel", c.escalationLevel().name());
        body.put("escalated", c.escalationLevel() != EscalationLevel.NORMAL);
        body.put("screenshot", screenshot(c));
        List<Map<String, Object>> surveys = new ArrayList<>();
        for (SurveyResult s : desk.surveys().forCallback(id)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", s.state().name());
            m.put("score", s.score());
            m.put("reason", s.reasonCode());
            m.put("consultant", s.consultant());
            m.put("recordedAt", s.recordedAt().toString());
            surveys.add(m);
        }
        body.put("surveys", surveys);
        body.put("notes", desk.notes().list(id).stream().map(Views::note).toList());
        return ApiResponse.ok(body);
    }

    private Map<String, Object> screenshot(Callback c) {
        boolean needed = desk.outcomes().needsScreen(c.category());
        List<ScreenshotRequest> requests = desk.screenshots().forCallback(c.id());
        ScreenshotRequest latest = requests.stream().max((a, b) -> Long.compare(a.id(), b.id())).orElse(null);
        boolean done = c.screenshotChoice() == ScreenshotChoice.DECLINED
                || requests.stream().anyMatch(r -> r.state().completesStep());
        String state;
        if (!needed) {
            state = "NOT_NEEDED";
        } else if (latest != null) {
            state = latest.state().name();
        } else {
            state = c.screenshotChoice() == ScreenshotChoice.DECLINED ? "DECLINED" : "NOT_REQUESTED";
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("needed", needed);
        m.put("choice", c.screenshotChoice().name());
        m.put("state", state);
        m.put("stepDone", !needed || done);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (ScreenshotRequest r : requests) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("channel", r.channel().name());
            v.put("state", r.state().name());
            v.put("requestedAt", Views.str(r.requestedAt()));
            v.put("sentAt", Views.str(r.sentAt()));
            v.put("receivedAt", Views.str(r.receivedAt()));
            v.put("declinedAt", Views.str(r.declinedAt()));
            v.put("failure", r.failure());
            v.put("sentTo", r.sentTo());
            v.put("note", r.note());
            rs.add(v);
        }
        m.put("requests", rs);
        return m;
    }

    ApiResponse addNote(ApiCall call) {
        desk.consultantOf(call);
        long id = call.id();
        String text = call.text("body", true);
        if (text.length() > 4000) {
            throw ApiException.badRequest("body", "at most 4000 characters");
        }
        desk.callback(id);
        Note n = desk.notes().add(id, call.consultantActor(), text);
        return ApiResponse.created(Views.note(n));
    }

    /**
     * PUT /api/callbacks/{id}/email: the e-mail address on file for the callback's number, through
     * {@link CallerContacts} (its validation, its who/when/why on the row). Consultant or supervisor.
     */
    ApiResponse setEmail(ApiCall call) {
        long id = call.id();
        Actor who = call.deskActor();
        String email = call.text("email", true);
        String why = call.text("why", true);
        try {
            CallerContacts.requireEmail(email);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_request", "email", e.getMessage(), null);
        }
        if (why.length() > ApiCall.MAX_WHY) {
            throw ApiException.badRequest("why", "at most " + ApiCall.MAX_WHY + " characters");
        }
        Callback c = desk.callback(id);
        desk.contacts().setEmail(c.callbackNumber(), email, who, why);
        LOG.info("E-mail address on file for callback {} ({}) set by {}", id, c.callbackNumber(), who);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callbackId", id);
        body.put("callbackNumber", c.callbackNumber());
        body.put("email", desk.contacts().emailOf(c.callbackNumber()).orElse(null));
        return ApiResponse.ok(body);
    }
}
