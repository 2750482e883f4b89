package com.callbackdesk.callback;

import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import java.util.Comparator;

/**
 * The queue order of the {@code callback} table: the planning module's rule
 * ({@link com.callbackdesk.planning.queue.QueueOrder}) written in SQL, next to the table it sorts,
 * so the store, the consultant queue and the claim can sort in the database. The SQL and the
 * rule must agree; CallbackStoreTest and QueueOrderIndexTest check that they do.
 */
public final class QueueOrder {

    private QueueOrder() {
    }

    /** The planning rule over stored callbacks (what Java code that holds {@link Callback}s sorts by). */
    public static final Comparator<Callback> COMPARATOR =
            Comparator.comparing(Callback::queueItem, com.callbackdesk.planning.queue.QueueOrder.COMPARATOR);

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
