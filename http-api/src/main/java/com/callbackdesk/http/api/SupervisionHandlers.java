package com.callbackdesk.http.api;

import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.desk.alert.RiskAlert;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.labels.HumanTime;
import com.callbackdesk.queue.DeskKpis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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

    /** The audit trail's texts with office times for the UTC instants older entries carry. */
    private final HumanTime times;

    SupervisionHandlers(ApiServices desk) {
        this.desk = desk;
        this.times = HumanTime.in(desk.planning().calendar().zone());
    }

    record AuditPage(String source, int page, int size, long total, List<Views.AuditEntryView> items) {
    }

    record Surveys(long recorded, long completed, double completionRate, List<DeskKpis.ScoreAverage> byConsultant,
                   List<DeskKpis.ScoreAverage> byGroup) {
    }

    record Recontact(String group, long resolved, long recontacted, double rate) {
    }

    /** The dashboard's figures over {@code from}–{@code to} (docs/API.md's field order). */
    record Dashboard(String from, String to, String now, long queueDepth, Map<CallbackState, Long> waitingByState,
                     long atRisk, long endOfDayMisses, long wasted, long cancelledByCaller, Surveys surveys,
                     List<Recontact> recontact, List<DeskKpis.CategoryVolume> contactVolume,
                     List<DeskKpis.HandleTime> handleTimeByGroup, List<DeskKpis.HandleTime> handleTimeByConsultant,
                     List<Alert> alerts) {
    }

    /** A reputational-risk callback waiting in the queue longer than the policy allows. */
    record Alert(String kind, long callbackId, String product, String category, String waitingSince,
                 long waitedMinutes, long alertAfterMinutes) {
        static Alert of(RiskAlert a) {
            return new Alert("REPUTATIONAL_RISK_WAITING", a.callbackId(), a.product(), a.category(),
                    a.waitingSince().toString(), a.waited().toMinutes(), a.alertAfter().toMinutes());
        }
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
        return ApiResponse.ok(new AuditPage(source.lower(), page.page(), page.size(), page.total(),
                page.items().stream().map(e -> Views.auditEntry(e, times)).toList()));
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
        DeskKpis.Wasted wasted = k.wasted(from, to);
        DeskKpis.SurveyCompletion sc = k.surveyCompletion(from, to);
        Surveys surveys = new Surveys(sc.recorded(), sc.completed(), sc.rate(), k.surveyAverageByConsultant(from, to),
                k.surveyAverageByGroup(from, to));
        List<Recontact> recontact = k.recontactRateByGroup(from, to).stream()
                .map(r -> new Recontact(r.group(), r.resolved(), r.recontacted(), r.rate())).toList();
        return ApiResponse.ok(new Dashboard(from.toString(), to.toString(), now.toString(), k.queueDepth(),
                k.openByState(), k.atRiskOfEndOfDay(desk.store(), desk.risk(), now),
                k.endOfDayMisses(desk.store(), desk.risk(), from, to, now), wasted.wastedDials(),
                wasted.cancelledByCaller(), surveys, recontact, k.contactVolumeByCategory(from, to),
                k.handleTimeByGroup(from, to), k.handleTimeByConsultant(from, to),
                desk.riskAlerts().current().stream().map(Alert::of).toList()));
    }
}
