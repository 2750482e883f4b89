package com.callbackdesk.ivr.dialog;

/**
 * What a step does when the caller has used up their tries: carry on with a sensible default,
 * or hand the call to a person.
 */
public sealed interface Fallback<T> {

    /** Carry on as if the caller had chosen {@code value} (e.g. urgency "normal"). */
    static <T> Fallback<T> useDefault(T value) {
        return new UseDefault<>(value);
    }

    /** There is no sensible default: transfer the caller to the operator. */
    static <T> Fallback<T> operator() {
        return new Operator<>();
    }

    record UseDefault<T>(T value) implements Fallback<T> {
    }

    record Operator<T>() implements Fallback<T> {
    }
}
