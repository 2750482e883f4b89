package com.callbackdesk.callback;

import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change to a callback's non-state fields, applied (and audited) by
 * {@link CallbackLifecycle#update}. Immutable; start with {@link #none()} and add fields.
 * A field set to null clears it (where the field allows null); a field not mentioned is left alone.
 *
 * <pre>{@code
 * store.lifecycle().update(id, CallbackChange.none().plannedAt(at).policyVersion(3), Actor.system("planner"), "first plan");
 * }</pre>
 */
public final class CallbackChange {

    /** The fields a change may touch (state is not one: use {@link CallbackLifecycle#transition}). */
    public enum Field { NOT_BEFORE, PLANNED_AT, POLICY_VERSION, ESCALATION_LEVEL, URGENCY, REACHABLE_UNTIL }

    private static final CallbackChange NONE = new CallbackChange(new EnumMap<>(Field.class));

    private final EnumMap<Field, Object> values;

    private CallbackChange(EnumMap<Field, Object> values) {
        this.values = values;
    }

    public static CallbackChange none() {
        return NONE;
    }

    public CallbackChange notBefore(Instant notBefore) {
        return with(Field.NOT_BEFORE, notBefore);
    }

    public CallbackChange plannedAt(Instant plannedAt) {
        return with(Field.PLANNED_AT, plannedAt);
    }

    public CallbackChange policyVersion(Integer policyVersion) {
        return with(Field.POLICY_VERSION, policyVersion);
    }

    public CallbackChange escalationLevel(EscalationLevel level) {
        return with(Field.ESCALATION_LEVEL, Objects.requireNonNull(level, "escalationLevel"));
    }

    public CallbackChange urgency(Urgency urgency) {
        return with(Field.URGENCY, Objects.requireNonNull(urgency, "urgency"));
    }

    /** null = until the office closes. */
    public CallbackChange reachableUntil(LocalTime reachableUntil) {
        return with(Field.REACHABLE_UNTIL, reachableUntil);
    }

    private CallbackChange with(Field field, Object value) {
        EnumMap<Field, Object> copy = new EnumMap<>(Field.class);
        copy.putAll(values);
        copy.put(field, value);
        return new CallbackChange(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The fields this change sets, with their new values (null values allowed). */
    public Map<Field, Object> fields() {
        return Collections.unmodifiableMap(values);
    }

    /** The callback with this change applied (state, ids and counters untouched; updatedAt as given). */
    public Callback applyTo(Callback c, Instant updatedAt) {
        return new Callback(c.id(), c.state(), c.callerId(), c.callbackNumber(), c.numberSource(), c.language(),
                c.product(), c.category(),
                (Urgency) values.getOrDefault(Field.URGENCY, c.urgency()),
                values.containsKey(Field.REACHABLE_UNTIL) ? (LocalTime) values.get(Field.REACHABLE_UNTIL) : c.reachableUntil(),
                c.screenshotChoice(),
                (EscalationLevel) values.getOrDefault(Field.ESCALATION_LEVEL, c.escalationLevel()),
                c.callUniqueId(), c.createdAt(), updatedAt, c.mergeCount(),
                values.containsKey(Field.NOT_BEFORE) ? (Instant) values.get(Field.NOT_BEFORE) : c.notBefore(),
                values.containsKey(Field.PLANNED_AT) ? (Instant) values.get(Field.PLANNED_AT) : c.plannedAt(),
                values.containsKey(Field.POLICY_VERSION) ? (Integer) values.get(Field.POLICY_VERSION) : c.policyVersion());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallbackChange other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "CallbackChange" + values;
    }
}
