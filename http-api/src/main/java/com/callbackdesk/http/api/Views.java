package com.callbackdesk.http.api;

import com.callbackdesk.account.UserAccount;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.Note;
import com.callbackdesk.planning.retry.PolicyDiff;
import com.callbackdesk.policy.PolicyVersion;
import com.callbackdesk.planning.retry.RetryPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The JSON shapes of docs/API.md, built from the domain's values (maps keep the documented field order). */
final class Views {

    private Views() {
    }

    static Map<String, Object> callback(Callback c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("state", c.state().name());
        m.put("callerId", c.callerId());
        m.put("callbackNumber", c.callbackNumber());
        m.put("numberSource", c.numberSource().name());
        m.put("language", c.language());
        m.put("product", c.product());
        m.put("category", c.category());
        m.put("urgency", c.urgency().name());
        m.put("reachableUntil", c.reachableUntil() == null ? null : c.reachableUntil().toString());
        m.put("screenshotChoice", c.screenshotChoice().name());
        m.put("escalationLevel", c.escalationLevel().name());
        m.put("callUniqueId", c.callUniqueId());
        m.put("createdAt", str(c.createdAt()));
        m.put("updatedAt", str(c.updatedAt()));
        m.put("mergeCount", c.mergeCount());
        m.put("notBefore", str(c.notBefore()));
        m.put("plannedAt", str(c.plannedAt()));
        m.put("policyVersion", c.policyVersion());
        return m;
    }

    static Map<String, Object> account(UserAccount a, Consultant consultant, Long holding) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("login", a.login());
        m.put("displayName", a.displayName());
        m.put("role", a.role().lower());
        m.put("consultant", consultant == null ? null : consultant(consultant));
        m.put("holding", holding);
        return m;
    }

    static Map<String, Object> consultant(Consultant c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("login", c.login());
        m.put("displayName", c.profile().displayName());
        m.put("group", c.group());
        m.put("skills", new TreeSet<>(c.skills()));
        m.put("supervisor", c.supervisor());
        m.put("state", c.state().name());
        m.put("stateSince", str(c.stateSince()));
        m.put("active", c.active());
        return m;
    }

    static Map<String, Object> attempt(Attempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attemptNo", a.attemptNo());
        m.put("consultant", a.consultant());
        m.put("startedAt", str(a.startedAt()));
        m.put("answeredAt", str(a.answeredAt()));
        m.put("endedAt", str(a.endedAt()));
        m.put("outcome", a.outcome());
        m.put("callBackAt", str(a.callBackAt()));
        m.put("consultantCall", a.consultantCall());
        m.put("callerCall", a.callerCall());
        m.put("policyVersion", a.policyVersion());
        return m;
    }

    static Map<String, Object> note(Note n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("author", n.author().toString());
        m.put("writtenAt", str(n.writtenAt()));
        m.put("body", n.body());
        return m;
    }

    static Map<String, Object> policy(PolicyVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("changedBy", v.changedBy().toString());
        m.put("changedAt", str(v.changedAt()));
        m.put("reason", v.reason());
        m.put("fields", v.policy().fields());
        m.put("yaml", v.policy().toYaml());
        return m;
    }

    static List<Map<String, Object>> changes(RetryPolicy before, RetryPolicy after) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PolicyDiff.Change c : PolicyDiff.between(before, after).changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", c.field());
            m.put("before", c.before());
            m.put("after", c.after());
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> auditEntry(AuditLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", str(e.at()));
        m.put("actor", e.actorKind().toLowerCase(java.util.Locale.ROOT) + ":" + e.actorName());
        m.put("action", e.action());
        m.put("why", e.why());
        switch (e.source()) {
            case CALLBACK -> {
                m.put("callbackId", Long.parseLong(e.subject()));
                m.put("oldState", e.oldState());
                m.put("newState", e.newState());
            }
            case CONSULTANT, ACCOUNT -> m.put("login", e.subject());
            case POLICY -> m.put("version", Integer.parseInt(e.subject()));
            default -> { }
        }
        m.put("detail", e.detail());
        return m;
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
