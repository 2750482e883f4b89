package com.callbackdesk.http.api;

import com.callbackdesk.account.UserAccount;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.MergeRecord;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.desk.outcome.NextAttempt;
import com.callbackdesk.desk.outcome.RecordedOutcome;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.queue.Claim;
import com.callbackdesk.queue.DeskKpis;
import com.callbackdesk.queue.Note;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.planning.retry.PolicyValidationException;
import com.callbackdesk.policy.PolicyVersion;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.routes.dialer.DialRequest;
import com.callbackdesk.routes.dialer.DialResult;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.survey.SurveyResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each endpoint of docs/API.md does. Thin: every change is one of the desk's audited
 * operations as the Desk built them ({@code CallbackQueue}, the desk's {@code Outcomes}, {@code CallbackNotes},
 * {@code ConsultantDirectory}, {@code PolicyStore}, {@code AttemptPlanning}); figures come from
 * {@code DeskKpis}. The caller's identity arrives authenticated in {@link ApiCall}.
 */
final class ApiHandlers {

    private static final Logger LOG = LogManager.getLogger(ApiHandlers.class);
    static final int MAX_LIMIT = 500;

    private final ApiServices desk;
    private final ApiAuth auth;
    private final boolean secureCookies;
    private final ObjectMapper json;
    private final CamelContext camel;
    private volatile ProducerTemplate producer;

    ApiHandlers(ApiServices desk, ApiAuth auth, ObjectMapper json, CamelContext camel, boolean secureCookies) {
        this.desk = desk;
        this.secureCookies = secureCookies;
        this.auth = auth;
        this.json = json;
        this.camel = camel;
    }

    // ------------------------------------------------------------------ auth

    ApiResponse login(ApiCall call) {
        String login = call.text("login", true);
        String password = call.text("password", true);
        UserAccount a = auth.check(login, password).orElseThrow(() -> {
            LOG.info("Login refused for {}", login);
            return ApiException.unauthorized("wrong login or password");
        });
        String token = auth.sessions().open(a.login());
        LOG.info("{} logged in", a.login());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", a.login());
        body.put("displayName", a.displayName());
        body.put("role", a.role().lower());
        body.put("consultant", a.consultant());
        return ApiResponse.ok(body).header("Set-Cookie", ApiAuth.COOKIE + "=" + token
                + "; Path=/; HttpOnly; SameSite=Strict" + secure());
    }

    ApiResponse logout(ApiCall call) {
        auth.sessions().close(ApiAuth.sessionToken(call.header("Cookie")));
        return ApiResponse.noContent().header("Set-Cookie", ApiAuth.COOKIE + "=; Path=/; Max-Age=0; HttpOnly;"
                + " SameSite=Strict" + secure());
    }

    /** Behind TLS ({@code http.secureCookies}) the browser must never send the session over plain HTTP. */
    private String secure() {
        return secureCookies ? "; Secure" : "";
    }

    ApiResponse me(ApiCall call) {
        return ApiResponse.ok(meView(call.account()));
    }

    ApiResponse setMe(ApiCall call) {
        requireConsultant(call);
        ConsultantState state = call.enumValue("state", ConsultantState.class, true);
        if (state == ConsultantState.ON_CALL) {
            throw ApiException.badRequest("state", "ON_CALL is set by the dialer; choose AVAILABLE or AWAY");
        }
        String why = call.text("why", false);
        desk.consultants().setState(call.consultant(), state, call.consultantActor(),
                why == null || why.isBlank() ? "set " + state + " in the console" : why);
        return ApiResponse.ok(meView(call.account()));
    }

    private Map<String, Object> meView(UserAccount a) {
        Consultant c = a.consultant() == null ? null : desk.consultants().find(a.consultant()).orElse(null);
        Long holding = c == null ? null : desk.queue().currentClaim(c.login()).map(Claim::callbackId).orElse(null);
        return Views.account(a, c, holding);
    }

    // ------------------------------------------------------------------ consultant

    ApiResponse queue(ApiCall call) {
        Consultant me = requireConsultant(call);
        int limit = call.intQuery("limit", 50, 1, MAX_LIMIT);
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
        requireConsultant(call);
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
        requireConsultant(call);
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

    ApiResponse dial(ApiCall call) {
        requireConsultant(call);
        long id = desk.callback(call.id()).id();
        if (!dialerRunning()) {
            throw new ApiException(503, "unavailable", null, "The dialer is not running in this process: dial "
                    + "from your phone and record what happened with POST /api/callbacks/" + id + "/outcome", null);
        }
        DialResult result;
        try {
            result = producer().requestBody(DialRequest.ENDPOINT, new DialRequest(id, call.consultant()), DialResult.class);
        } catch (RuntimeException e) {
            if (causedBy(e, DirectConsumerNotAvailableException.class)) {
                throw new ApiException(503, "unavailable", null, "The dialer is not running in this process", null);
            }
            throw e;
        }
        if (result == null) {
            throw new IllegalStateException("the dialer answered nothing for callback " + id);
        }
        LOG.info("Dial of callback {} by {}: accepted {}, ActionID {}, {}", id, call.consultant(), result.accepted(),
                result.actionId(), result.reason());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callbackId", result.callbackId());
        body.put("accepted", result.accepted());
        body.put("actionId", result.actionId());
        body.put("reason", result.reason());
        return ApiResponse.ok(body);
    }

    private boolean dialerRunning() {
        return camel.getRoutes().stream().anyMatch(r -> {
            String uri = r.getEndpoint().getEndpointUri();
            return uri.equals("direct://dial") || uri.equals(DialRequest.ENDPOINT);
        });
    }

    ApiResponse outcome(ApiCall call) {
        requireConsultant(call);
        long id = call.id();
        OutcomeCode code = call.enumValue("outcome", OutcomeCode.class, true);
        if (code == OutcomeCode.CONSULTANT_NO_ANSWER) {
            throw ApiException.badRequest("outcome", "CONSULTANT_NO_ANSWER is reported by the dialer, not recorded"
                    + " by hand");
        }
        String at = call.text("callBackAt", false);
        EscalationLevel to = call.enumValue("escalateTo", EscalationLevel.class, false);
        String note = call.text("note", false);
        if (note != null && (note.isBlank() || note.length() > 4000)) {
            throw ApiException.badRequest("note", "1-4000 characters when given");
        }
        Outcome outcome;
        if (code == OutcomeCode.CALL_BACK_AT) {
            if (at == null) {
                throw ApiException.badRequest("callBackAt", "required for CALL_BACK_AT (the time the caller chose)");
            }
            outcome = Outcome.callBackAt(ApiCall.instant("callBackAt", at));
        } else if (at != null) {
            throw ApiException.badRequest("callBackAt", "only with outcome CALL_BACK_AT");
        } else if (code == OutcomeCode.ESCALATE) {
            if (to == null) {
                throw ApiException.badRequest("escalateTo", "required for ESCALATE: REPEAT_OR_DISSATISFIED or"
                        + " REPUTATIONAL_RISK");
            }
            if (to == EscalationLevel.NORMAL) {
                throw ApiException.badRequest("escalateTo", "NORMAL is not an escalation");
            }
            outcome = Outcome.escalate(to);
        } else if (to != null) {
            throw ApiException.badRequest("escalateTo", "only with outcome ESCALATE");
        } else {
            outcome = Outcome.of(code);
        }
        desk.callback(id);
        RecordedOutcome recorded = desk.outcomes().record(id, call.consultantActor(), outcome, note);
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> next = recorded.next().map(ApiHandlers::nextView).orElse(null);
        Callback after = recorded.callback();
        body.put("callback", Views.callback(after));
        body.put("next", next);
        return ApiResponse.ok(body);
    }

    private static Map<String, Object> nextView(NextAttempt planned) {
        Map<String, Object> next = new LinkedHashMap<>();
        if (planned instanceof NextAttempt.Planned p) {
            next.put("planned", true);
            next.put("attemptNo", p.attempt().attemptNo());
            next.put("earliest", p.attempt().earliest().toString());
            next.put("latest", p.attempt().latest().toString());
            next.put("nextBusinessDay", p.attempt().nextBusinessDay());
        } else if (planned instanceof NextAttempt.GaveUp g) {
            next.put("planned", false);
            next.put("gaveUp", g.giveUp().reason().name());
            next.put("reason", g.giveUp().detail());
        } else if (planned instanceof NextAttempt.NotPlanned n) {
            next.put("planned", false);
            next.put("reason", n.reason());
        }
        return next;
    }

    ApiResponse addNote(ApiCall call) {
        requireConsultant(call);
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

    // ------------------------------------------------------------------ supervisor

    ApiResponse policy(ApiCall call) {
        return ApiResponse.ok(Views.policy(desk.planning().livePolicy()));
    }

    ApiResponse validatePolicy(ApiCall call) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            RetryPolicy p = parsePolicy(call);
            body.put("valid", true);
            body.put("changes", Views.changes(desk.planning().livePolicy().policy(), p));
        } catch (PolicyValidationException e) {
            body.put("valid", false);
            body.put("errors", errors(e));
        }
        return ApiResponse.ok(body);
    }

    ApiResponse savePolicy(ApiCall call) {
        Integer basedOn = call.integer("basedOn", true);
        if (basedOn < 0) {
            throw ApiException.badRequest("basedOn", "must be 0 or more");
        }
        String reason = call.text("reason", true);
        RetryPolicy p;
        try {
            p = parsePolicy(call);
        } catch (PolicyValidationException e) {
            List<Map<String, Object>> errs = errors(e);
            String field = errs.isEmpty() ? "policy" : "policy." + errs.get(0).get("field");
            throw new ApiException(400, "bad_request", field, e.getMessage(), null).withErrors(errs);
        }
        RetryPolicy before = desk.policies().version(basedOn).map(PolicyVersion::policy).orElse(null);
        PolicyVersion saved = desk.policies().save(p, call.supervisorActor(), reason, basedOn);
        Map<String, Object> body = Views.policy(saved);
        body.put("changes", Views.changes(before, saved.policy()));
        return ApiResponse.ok(body);
    }

    ApiResponse policyHistory(ApiCall call) {
        List<PolicyVersion> all = desk.policies().history();
        List<Map<String, Object>> versions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            PolicyVersion v = all.get(i);
            RetryPolicy before = i + 1 < all.size() ? all.get(i + 1).policy() : null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("changedBy", v.changedBy().toString());
            m.put("changedAt", v.changedAt().toString());
            m.put("reason", v.reason());
            m.put("diff", v.diff());
            m.put("changes", Views.changes(before, v.policy()));
            versions.add(m);
        }
        return ApiResponse.ok(Map.of("versions", versions));
    }

    ApiResponse audit(ApiCall call) {
        AuditLog.Source source;
        try {
            source = AuditLog.Source.parse(call.query("source") == null ? "callback" : call.query("source"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("source", "must be one of callback, consultant, account, policy");
        }
        AuditLog.Query q = new AuditLog.Query(source, call.longQuery("callbackId"), call.query("login"),
                call.query("actor"), call.instantQuery("from"), call.instantQuery("to"),
                call.intQuery("page", 0, 0, Integer.MAX_VALUE), call.intQuery("size", 50, 1, AuditLog.MAX_PAGE_SIZE));
        AuditLog.Page page = desk.audit().search(q);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source.lower());
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("total", page.total());
        body.put("items", page.items().stream().map(Views::auditEntry).toList());
        return ApiResponse.ok(body);
    }

    ApiResponse dashboard(ApiCall call) {
        Instant now = desk.clock().instant();
        ZoneId zone = desk.risk().calendar().zone();
        Instant from = call.instantQuery("from");
        Instant to = call.instantQuery("to");
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (from == null) {
            from = to == null ? today.atStartOfDay(zone).toInstant()
                    : LocalDate.ofInstant(to.minusNanos(1), zone).atStartOfDay(zone).toInstant();
        }
        if (to == null) {
            to = LocalDate.ofInstant(from, zone).plusDays(1).atStartOfDay(zone).toInstant();
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to", "must be after from");
        }
        DeskKpis k = desk.kpis();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("now", now.toString());
        Map<String, Object> byState = new LinkedHashMap<>();
        k.openByState().forEach((s, n) -> byState.put(s.name(), n));
        body.put("queueDepth", k.queueDepth());
        body.put("waitingByState", byState);
        body.put("atRisk", k.atRiskOfEndOfDay(desk.store(), desk.risk(), now));
        body.put("endOfDayMisses", k.endOfDayMisses(desk.store(), desk.risk(), from, to, now));
        DeskKpis.Wasted wasted = k.wasted(from, to);
        body.put("wasted", wasted.wastedDials());
        body.put("cancelledByCaller", wasted.cancelledByCaller());
        DeskKpis.SurveyCompletion sc = k.surveyCompletion(from, to);
        Map<String, Object> surveys = new LinkedHashMap<>();
        surveys.put("recorded", sc.recorded());
        surveys.put("completed", sc.completed());
        surveys.put("completionRate", sc.rate());
        surveys.put("byConsultant", scores(k.surveyAverageByConsultant(from, to)));
        surveys.put("byGroup", scores(k.surveyAverageByGroup(from, to)));
        body.put("surveys", surveys);
        List<Map<String, Object>> recontact = new ArrayList<>();
        for (DeskKpis.RecontactRate r : k.recontactRateByGroup(from, to)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", r.group());
            m.put("resolved", r.resolved());
            m.put("recontacted", r.recontacted());
            m.put("rate", r.rate());
            recontact.add(m);
        }
        body.put("recontact", recontact);
        List<Map<String, Object>> volume = new ArrayList<>();
        for (DeskKpis.CategoryVolume v : k.contactVolumeByCategory(from, to)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("product", v.product());
            m.put("category", v.category());
            m.put("contacts", v.contacts());
            volume.add(m);
        }
        body.put("contactVolume", volume);
        body.put("handleTimeByGroup", handleTimes(k.handleTimeByGroup(from, to)));
        body.put("handleTimeByConsultant", handleTimes(k.handleTimeByConsultant(from, to)));
        return ApiResponse.ok(body);
    }

    private static List<Map<String, Object>> handleTimes(List<DeskKpis.HandleTime> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeskKpis.HandleTime t : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", t.key());
            m.put("answered", t.answered());
            m.put("averageSeconds", t.averageSeconds());
            m.put("medianSeconds", t.medianSeconds());
            m.put("p90Seconds", t.p90Seconds());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> scores(List<DeskKpis.ScoreAverage> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeskKpis.ScoreAverage s : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", s.key());
            m.put("surveys", s.surveys());
            m.put("average", s.average());
            out.add(m);
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private Consultant requireConsultant(ApiCall call) {
        String login = call.account().consultant();
        if (login == null) {
            throw ApiException.forbidden("account " + call.account().login() + " is not linked to a consultant");
        }
        return desk.consultants().find(login)
                .orElseThrow(() -> ApiException.forbidden("consultant " + login + " does not exist"));
    }

    /** The "policy" field: YAML text, or the same structure as a JSON object (JSON is YAML). */
    private RetryPolicy parsePolicy(ApiCall call) {
        JsonNode p = call.body().get("policy");
        if (p == null || p.isNull()) {
            throw ApiException.badRequest("policy", "required: the policy as YAML text or a JSON object");
        }
        String yaml;
        if (p.isTextual()) {
            yaml = p.asText();
        } else if (p.isObject()) {
            try {
                yaml = json.writeValueAsString(p);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("policy", "cannot be read: " + e.getMessage());
            }
        } else {
            throw ApiException.badRequest("policy", "must be YAML text or a JSON object");
        }
        return RetryPolicy.parse(yaml);
    }

    static List<Map<String, Object>> errors(PolicyValidationException e) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String problem : e.problems()) {
            int colon = problem.indexOf(": ");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", colon < 0 ? "(policy)" : problem.substring(0, colon));
            m.put("rule", colon < 0 ? problem : problem.substring(colon + 2));
            out.add(m);
        }
        return out;
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }

    static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
