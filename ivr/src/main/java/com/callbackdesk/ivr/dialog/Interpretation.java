package com.callbackdesk.ivr.dialog;

import java.util.Objects;

/**
 * What a step made of the caller's keys: a usable answer, or a wrong one with the prompt that
 * tells the caller what was wrong ("that number is too long").
 */
public sealed interface Interpretation<T> {

    static <T> Interpretation<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Interpretation<T> invalid(String explainPromptKey) {
        return new Invalid<>(explainPromptKey);
    }

    /** @param value may be null where null means something (e.g. "until the office closes") */
    record Valid<T>(T value) implements Interpretation<T> {
    }

    record Invalid<T>(String explainPromptKey) implements Interpretation<T> {
        public Invalid {
            Objects.requireNonNull(explainPromptKey, "explainPromptKey");
        }
    }
}
