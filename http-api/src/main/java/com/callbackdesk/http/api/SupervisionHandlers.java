package com.callbackdesk.http.api;

import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.queue.DeskKpis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What supervisors watch: the audit trail ({@code GET /api/audit}) and the dashboard's figures
 * ({@code GET /api/dashboard}).
 * Thin: each translates the request into one of the desk's audited operations and the answer
 * into docs/API.md's JSON.
 */
final class SupervisionHandlers {


    private final ApiServices desk;

    SupervisionHandlers(ApiServices desk) {
        this.desk = desk;
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
}
