package com.callbackdesk.ivr.dialog;

import org.asteriskjava.fastagi.AgiException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * "For X press 1, for Y press 2": one key, one of a fixed set of choices. Any other key
 * plays {@value #INVALID_CHOICE_PROMPT} and asks again.
 * <pre>
 *   Menu.asking(URGENCY, "urgency.menu")
 *       .choice("1", NORMAL).choice("2", URGENT)
 *       .timeoutMs(5000).tries(3)
 *       .otherwise(Fallback.useDefault(NORMAL));
 * </pre>
 */
public final class Menu<T> implements Step<T> {

    public static final String INVALID_CHOICE_PROMPT = "input.invalid";

    private final DigitsPrompt<T> prompt;
    private final Map<String, T> choices;

    private Menu(DigitsPrompt<T> prompt, Map<String, T> choices) {
        this.prompt = prompt;
        this.choices = choices;
    }

    public static <T> Builder<T> asking(StepId id, String promptKey) {
        return new Builder<>(id, promptKey);
    }

    @Override
    public StepId id() {
        return prompt.id();
    }

    public Map<String, T> choices() {
        return choices;
    }

    @Override
    public T run(CallerLine line) throws AgiException {
        return prompt.run(line);
    }

    public static final class Builder<T> {
        private final StepId id;
        private final String promptKey;
        private final Map<String, T> choices = new LinkedHashMap<>();
        private long timeoutMs = 5000;
        private int maxTries = 3;
        private boolean skippable;
        private T skipValue;

        private Builder(StepId id, String promptKey) {
            this.id = Objects.requireNonNull(id, "id");
            this.promptKey = Objects.requireNonNull(promptKey, "promptKey");
        }

        public Builder<T> choice(String key, T value) {
            if (key == null || key.length() != 1) {
                throw new IllegalArgumentException(id.name() + ": menu keys are single DTMF keys, got " + key);
            }
            if (choices.putIfAbsent(key, Objects.requireNonNull(value, "value")) != null) {
                throw new IllegalArgumentException(id.name() + ": key " + key + " used twice");
            }
            return this;
        }

        public Builder<T> timeoutMs(long timeoutMs) {
            this.timeoutMs = timeoutMs;
            return this;
        }

        public Builder<T> tries(int maxTries) {
            this.maxTries = maxTries;
            return this;
        }

        /** # on its own answers {@code value} ("press # to skip"); silence still re-prompts. */
        public Builder<T> hashSkips(T value) {
            this.skippable = true;
            this.skipValue = Objects.requireNonNull(value, "value");
            return this;
        }

        public Menu<T> otherwise(Fallback<T> fallback) {
            if (choices.isEmpty()) {
                throw new IllegalArgumentException(id.name() + ": a menu needs choices");
            }
            Map<String, T> frozen = Map.copyOf(choices);
            DigitsPrompt.Builder<T> builder = DigitsPrompt.<T>asking(id, promptKey)
                    .maxDigits(1).timeoutMs(timeoutMs).tries(maxTries)
                    .interpretedBy(key -> frozen.containsKey(key)
                            ? Interpretation.valid(frozen.get(key))
                            : Interpretation.invalid(INVALID_CHOICE_PROMPT));
            if (skippable) {
                builder.onHashAlone(skipValue);
            }
            DigitsPrompt<T> prompt = builder.otherwise(fallback);
            return new Menu<>(prompt, Map.copyOf(choices));
        }
    }
}
