package com.callbackdesk.callback;

import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import java.util.Comparator;

/**
 * The one definition of queue order, shared by the store (SQL), the consultant queue, the
 * dialer and the what-if simulator (Java):
 * <ol>
 *   <li>higher escalation level first (MISSION story 10);
 *   <li>earlier deadline first: the caller's stated reachable-until, a caller with no stated time
 *       (reachable until the office closes) last — story 10 "priority follows level and
 *       deadline", and story 3: the caller who leaves at 16:30 must not wait behind one who is
 *       there until closing, or the desk misses them for the day;
 *   <li>urgent before normal (among equal deadlines);
 *   <li>older first (createdAt), then lower id.
 * </ol>
 * Reachable-until is a local time of day without a date: the queue holds today's callbacks, so
 * times compare directly. The SQL and the comparator must agree; a test checks that they do.
 */
public final class QueueOrder {

    private QueueOrder() {
    }

    /** Orders callbacks: the first is the next to serve. Total (ids are unique). */
    public static final Comparator<Callback> COMPARATOR = Comparator
            .comparing(Callback::escalationLevel, Comparator.reverseOrder())
            .thenComparing(Callback::reachableUntil, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Callback::urgency, Comparator.reverseOrder())
            .thenComparing(Callback::createdAt)
            .thenComparingLong(Callback::id);

    /** SQL rank of the escalation level (its ordinal): higher goes first. Built from the enum, so it keeps up. */
    static final String ESCALATION_RANK = rank("escalation_level", EscalationLevel.values());

    static final String URGENCY_RANK = rank("urgency", Urgency.values());

    /** The ORDER BY expression list (without the keywords) for the {@code callback} table. */
    public static final String SQL_ORDER = ESCALATION_RANK + " DESC, "
            + "CASE WHEN reachable_until IS NULL THEN 1 ELSE 0 END ASC, reachable_until ASC, "
            + URGENCY_RANK + " DESC, created_at ASC, id ASC";

    /** {@code ORDER BY ...} for the {@code callback} table. */
    public static String orderBy() {
        return " ORDER BY " + SQL_ORDER;
    }

    private static String rank(String column, Enum<?>[] values) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (Enum<?> v : values) {
            sql.append(" WHEN '").append(v.name()).append("' THEN ").append(v.ordinal());
        }
        return sql.append(" ELSE -1 END").toString();
    }
}
