package com.callbackdesk.http.api;

import com.callbackdesk.account.UserAccount;
import com.callbackdesk.audit.AuditLog;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.planning.labels.HumanTime;
import com.callbackdesk.planning.retry.CallerTimeZones;
import com.callbackdesk.planning.retry.PolicyDiff;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.policy.PolicyVersion;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.Note;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The JSON shapes of docs/API.md shared by several resources, as records Jackson writes: a
 * record's components are written in declaration order, which is the documented field order, and
 * nulls are written as null. Instants are written as their ISO-8601 text ({@link #str}), exactly
 * as {@code Instant.toString()} has always given them.
 */
final class Views {

    private Views() {
    }

    record CallbackView(long id, String state, String callerId, String callbackNumber, String numberSource,
                        String language, String product, String category, String urgency, String reachableUntil,
                        String screenshotChoice, String escalationLevel, String callUniqueId, String createdAt,
                        String updatedAt, int mergeCount, String notBefore, String plannedAt, Integer policyVersion,
                        String callerZone) {
    }

    static CallbackView callback(Callback c) {
        return new CallbackView(c.id(), c.state().name(), c.callerId(), c.callbackNumber(), c.numberSource().name(),
                c.language(), c.product(), c.category(), c.urgency().name(), str(c.reachableUntil()),
                c.screenshotChoice().name(), c.escalationLevel().name(), c.callUniqueId(), str(c.createdAt()),
                str(c.updatedAt()), c.mergeCount(), str(c.notBefore()), str(c.plannedAt()), c.policyVersion(),
                CallerTimeZones.of(c.callbackNumber()).map(java.time.ZoneId::getId).orElse(null));
    }

    record AccountView(String login, String displayName, String role, ConsultantView consultant, Long holding) {
    }

    static AccountView account(UserAccount a, Consultant consultant, Long holding) {
        return new AccountView(a.login(), a.displayName(), a.role().lower(),
                consultant == null ? null : consultant(consultant), holding);
    }

    record ConsultantView(String login, String displayName, String group, SortedSet<String> skills,
                          boolean supervisor, String state, String stateSince, boolean active) {
    }

    static ConsultantView consultant(Consultant c) {
        return new ConsultantView(c.login(), c.profile().displayName(), c.group(), new TreeSet<>(c.skills()),
                c.supervisor(), c.state().name(), str(c.stateSince()), c.active());
    }

    record AttemptView(int attemptNo, String consultant, String startedAt, String answeredAt, String endedAt,
                       String outcome, String callBackAt, String consultantCall, String callerCall,
                       Integer policyVersion) {
    }

    static AttemptView attempt(Attempt a) {
        return new AttemptView(a.attemptNo(), a.consultant(), str(a.startedAt()), str(a.answeredAt()),
                str(a.endedAt()), a.outcome(), str(a.callBackAt()), a.consultantCall(), a.callerCall(),
                a.policyVersion());
    }

    record NoteView(long id, String author, String writtenAt, String body) {
    }

    static NoteView note(Note n) {
        return new NoteView(n.id(), n.author().toString(), str(n.writtenAt()), n.body());
    }

    record PolicyView(int version, String changedBy, String changedAt, String reason, Map<String, String> fields,
                      String yaml) {
    }

    static PolicyView policy(PolicyVersion v) {
        return new PolicyView(v.version(), v.changedBy().toString(), str(v.changedAt()), v.reason(),
                v.policy().fields(), v.policy().toYaml());
    }

    record Change(String field, Object before, Object after) {
    }

    static List<Change> changes(RetryPolicy before, RetryPolicy after) {
        return PolicyDiff.between(before, after).changes().stream()
                .map(c -> new Change(c.field(), c.before(), c.after())).toList();
    }

    /** An audit entry: its subject fields depend on the trail it comes from (docs/API.md). */
    sealed interface AuditEntryView permits CallbackEntry, PersonEntry, PolicyEntry, OtherEntry {
    }

    record CallbackEntry(long id, String at, String actor, String action, String why, long callbackId,
                         String oldState, String newState, String detail) implements AuditEntryView {
    }

    record PersonEntry(long id, String at, String actor, String action, String why, String login, String detail)
            implements AuditEntryView {
    }

    record PolicyEntry(long id, String at, String actor, String action, String why, int version, String detail)
            implements AuditEntryView {
    }

    record OtherEntry(long id, String at, String actor, String action, String why, String detail)
            implements AuditEntryView {
    }

    /** An audit entry, its "why" and detail with any instant in them written as office time ({@code times}). */
    static AuditEntryView auditEntry(AuditLog.Entry e, HumanTime times) {
        String at = str(e.at());
        String why = times.rewrite(e.why());
        String detail = times.rewrite(e.detail());
        String actor = e.actorKind().toLowerCase(Locale.ROOT) + ":" + e.actorName();
        return switch (e.source()) {
            case CALLBACK -> new CallbackEntry(e.id(), at, actor, e.action(), why, Long.parseLong(e.subject()),
                    e.oldState(), e.newState(), detail);
            case CONSULTANT, ACCOUNT -> new PersonEntry(e.id(), at, actor, e.action(), why, e.subject(),
                    detail);
            case POLICY -> new PolicyEntry(e.id(), at, actor, e.action(), why, Integer.parseInt(e.subject()),
                    detail);
            default -> new OtherEntry(e.id(), at, actor, e.action(), why, detail);
        };
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
