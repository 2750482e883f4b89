package com.callbackdesk.planning.queue;

import java.util.Comparator;

/**
 * The one definition of queue order: which waiting callback is served next.
 * <ol>
 *   <li>higher escalation level first;
 *   <li>earlier deadline first: the caller's stated reachable-until, a caller with no stated time
 *       (reachable until the office closes) last — the caller who leaves at 16:30 must not wait
 *       behind one who is there until closing, or the desk misses them for the day;
 *   <li>urgent before normal (among equal deadlines);
 *   <li>older first (createdAt), then lower id.
 * </ol>
 * Reachable-until is a local time of day without a date: the queue holds today's callbacks, so
 * times compare directly. The store expresses the same order in SQL next to its table
 * ({@code com.callbackdesk.callback.QueueOrder}); a test there checks that the two agree.
 */
public final class QueueOrder {

    private QueueOrder() {
    }

    /** Orders queue items: the first is the next to serve. Total when ids are unique. */
    public static final Comparator<QueueItem> COMPARATOR = Comparator
            .comparing(QueueItem::escalationLevel, Comparator.reverseOrder())
            .thenComparing(QueueItem::reachableUntil, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(QueueItem::urgency, Comparator.reverseOrder())
            .thenComparing(QueueItem::createdAt)
            .thenComparingLong(QueueItem::id);
}
