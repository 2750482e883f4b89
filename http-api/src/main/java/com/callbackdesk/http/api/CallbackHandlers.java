package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.queue.Claim;
import com.callbackdesk.queue.Note;
import com.callbackdesk.screenshot.ScreenshotCompletion;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    record QueueItem(int position, String deadline, boolean atRisk, Views.CallbackView callback) {
    }

    record QueuePage(long depth, String now, List<QueueItem> items) {
    }

    record Claimed(String claimedAt, String consultant, Views.CallbackView callback) {
    }

    /** One callback with everything a consultant sees about it ({@code GET /api/callbacks/{id}}). */
    record CallbackDetail(Views.CallbackView callback, String holder, String email, String deadline, boolean atRisk,
                          List<Views.AttemptView> attempts, List<EarlierCallback> earlierCallbacks,
                          List<Merge> merges, Repeat repeat, String escalationLevel, boolean escalated,
                          Screenshot screenshot, List<Survey> surveys, List<Views.NoteView> notes) {
    }

    record EarlierCallback(long id, String state, String product, String category, String escalationLevel,
                           String createdAt, String updatedAt) {
    }

    record Merge(String mergedAt, String callUniqueId, String product, String category, String urgency,
                 String reachableUntil) {
    }

    record Repeat(long repeatOf, int withinDays, String flaggedAt) {
    }

    record Screenshot(boolean needed, String choice, String state, boolean stepDone, List<ScreenshotStep> requests,
                      List<ScreenshotRecorded> recorded) {
    }

    /** The step as desk staff recorded it (received by other means, declined on the phone). */
    record ScreenshotRecorded(String outcome, String reason, String recordedBy, String recordedAt) {
    }

    record ScreenshotStep(String channel, String state, String requestedAt, String sentAt, String receivedAt,
                          String declinedAt, String failure, String sentTo, String note) {
    }

    record Survey(String state, Integer score, String reason, String consultant, String recordedAt) {
    }

    /** {@code POST /api/callbacks/{id}/notes}'s body. */
    record NoteRequest(String body) {
    }

    /** {@code PUT /api/callbacks/{id}/email}'s body. */
    record EmailRequest(String email, String why) {
    }

    record EmailOnFile(long callbackId, String callbackNumber, String email) {
    }

    ApiResponse queue(ApiCall call) {
        Consultant me = desk.consultantOf(call);
        int limit = call.intQuery("limit", 50, 1, ApiCall.MAX_LIMIT);
        Instant now = desk.clock().instant();
        List<QueueItem> items = new ArrayList<>();
        int position = 0;
        for (Callback c : desk.queue().waitingFor(me, limit)) {
            Instant deadline = desk.risk().deadline(c, now);
            items.add(new QueueItem(++position, deadline.toString(), desk.risk().atRisk(deadline, now),
                    Views.callback(c)));
        }
        return ApiResponse.ok(new QueuePage(desk.queue().waitingCount(me), now.toString(), items));
    }

    ApiResponse claim(ApiCall call) {
        desk.consultantOf(call);
        Optional<Claim> claim = desk.queue().claimNext(call.consultant());
        if (claim.isEmpty()) {
            return ApiResponse.noContent();
        }
        Claim c = claim.get();
        LOG.info("Callback {} claimed by {} through the API", c.callbackId(), c.consultant());
        return ApiResponse.ok(new Claimed(c.claimedAt().toString(), c.consultant(), Views.callback(c.callback())));
    }

    ApiResponse callback(ApiCall call) {
        desk.consultantOf(call);
        Callback c = desk.callback(call.id());
        long id = c.id();
        Instant now = desk.clock().instant();
        String deadline = null;
        boolean atRisk = false;
        if (c.isOpen()) {
            Instant d = desk.risk().deadline(c, now);
            deadline = d.toString();
            atRisk = desk.risk().atRisk(d, now);
        }
        List<EarlierCallback> earlier = desk.store().findByNumber(c.callbackNumber()).stream()
                .filter(o -> o.id() != id)
                .map(o -> new EarlierCallback(o.id(), o.state().name(), o.product(), o.category(),
                        o.escalationLevel().name(), o.createdAt().toString(), o.updatedAt().toString()))
                .toList();
        List<Merge> merges = desk.store().merges(id).stream()
                .map(m -> new Merge(m.mergedAt().toString(), m.request().callUniqueId(), m.request().product(),
                        m.request().category(), m.request().urgency().name(),
                        Views.str(m.request().reachableUntil())))
                .toList();
        Repeat repeat = desk.repeats().flagOf(id)
                .map(f -> new Repeat(f.repeatOf(), f.withinDays(), f.flaggedAt().toString())).orElse(null);
        List<Survey> surveys = desk.surveys().forCallback(id).stream()
                .map(v -> new Survey(v.state().name(), v.score(), v.reasonCode(), v.consultant(),
                        v.recordedAt().toString()))
                .toList();
        return ApiResponse.ok(new CallbackDetail(Views.callback(c),
                desk.queue().claimOf(id).map(Claim::consultant).orElse(null),
                desk.contacts().emailOf(c.callbackNumber()).orElse(null), deadline, atRisk,
                desk.outcomes().attempts(id).stream().map(Views::attempt).toList(), earlier, merges, repeat,
                c.escalationLevel().name(), c.escalationLevel() != EscalationLevel.NORMAL, screenshot(c), surveys,
                desk.notes().list(id).stream().map(Views::note).toList()));
    }

    private Screenshot screenshot(Callback c) {
        boolean needed = desk.outcomes().needsScreen(c.category());
        List<ScreenshotRequest> requests = desk.screenshots().forCallback(c.id());
        ScreenshotRequest latest = requests.stream().max((a, b) -> Long.compare(a.id(), b.id())).orElse(null);
        List<ScreenshotCompletion> recorded = desk.screenshots().completions(c.id());
        boolean done = c.screenshotChoice() == ScreenshotChoice.DECLINED || !recorded.isEmpty()
                || requests.stream().anyMatch(r -> r.state().completesStep());
        String state;
        if (!needed) {
            state = "NOT_NEEDED";
        } else if (requests.stream().anyMatch(r -> r.state() == ScreenshotState.RECEIVED)) {
            state = ScreenshotState.RECEIVED.name();
        } else if (!recorded.isEmpty()) {
            state = recorded.get(recorded.size() - 1).kind().name();
        } else if (latest != null) {
            state = latest.state().name();
        } else {
            state = c.screenshotChoice() == ScreenshotChoice.DECLINED ? "DECLINED" : "NOT_REQUESTED";
        }
        List<ScreenshotStep> steps = requests.stream()
                .map(r -> new ScreenshotStep(r.channel().name(), r.state().name(), Views.str(r.requestedAt()),
                        Views.str(r.sentAt()), Views.str(r.receivedAt()), Views.str(r.declinedAt()), r.failure(),
                        r.sentTo(), r.note()))
                .toList();
        return new Screenshot(needed, c.screenshotChoice().name(), state, !needed || done, steps,
                recorded.stream().map(r -> new ScreenshotRecorded(r.kind().name(), r.reason(), r.recordedBy(),
                        r.recordedAt().toString())).toList());
    }

    ApiResponse addNote(ApiCall call) {
        desk.consultantOf(call);
        long id = call.id();
        String text = ApiCall.required("body", call.bind(NoteRequest.class).body());
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
        EmailRequest request = call.bind(EmailRequest.class);
        String email = ApiCall.required("email", request.email());
        String why = ApiCall.required("why", request.why());
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
        return ApiResponse.ok(new EmailOnFile(id, c.callbackNumber(),
                desk.contacts().emailOf(c.callbackNumber()).orElse(null)));
    }
}
