package com.callbackdesk.planning.retry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What changed between two policy versions, field by field (stored with each version, shown in the console). */
public record PolicyDiff(List<Change> changes) {

    /** One field: its value before and after (null when absent on that side). */
    public record Change(String field, String before, String after) {
        @Override
        public String toString() {
            return field + ": " + (before == null ? "(none)" : before) + " → " + (after == null ? "(none)" : after);
        }
    }

    public PolicyDiff {
        changes = List.copyOf(changes);
    }

    /** The diff from {@code before} (null: nothing, e.g. the first version) to {@code after}. */
    public static PolicyDiff between(RetryPolicy before, RetryPolicy after) {
        Map<String, String> a = before == null ? Map.of() : before.fields();
        Map<String, String> b = after.fields();
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> changes = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(a.get(k), b.get(k))) {
                changes.add(new Change(k, a.get(k), b.get(k)));
            }
        }
        return new PolicyDiff(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** One change per line. */
    public String render() {
        StringBuilder s = new StringBuilder();
        changes.forEach(c -> s.append(c).append('\n'));
        return s.toString();
    }
}
