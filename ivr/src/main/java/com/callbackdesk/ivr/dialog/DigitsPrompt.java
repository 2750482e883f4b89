package com.callbackdesk.ivr.dialog;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.fastagi.AgiException;

import java.util.Objects;
import java.util.function.Function;

/**
 * Ask, read keys, interpret; on silence or a wrong answer explain and ask again, up to
 * {@code maxTries}; then the fallback. The shape of every question this IVR asks:
 * <pre>
 *   DigitsPrompt.asking(REACHABLE_UNTIL, "reachable.enter")
 *       .maxDigits(4).timeoutMs(8000).tries(3)
 *       .interpretedBy(digits -&gt; ...)
 *       .otherwise(Fallback.useDefault(null));
 * </pre>
 */
public final class DigitsPrompt<T> implements Step<T> {

    private static final Logger LOG = LogManager.getLogger(DigitsPrompt.class);

    /** Played when the caller pressed nothing; shared by all steps. */
    public static final String NO_INPUT_PROMPT = "input.none";

    private final StepId id;
    private final String promptKey;
    private final int maxDigits;
    private final long timeoutMs;
    private final int maxTries;
    private final Function<String, Interpretation<T>> interpreter;
    private final Fallback<T> fallback;
    private final boolean hashAloneAnswers;
    private final T hashAloneValue;

    private DigitsPrompt(Builder<T> b) {
        this.id = b.id;
        this.promptKey = b.promptKey;
        this.maxDigits = b.maxDigits;
        this.timeoutMs = b.timeoutMs;
        this.maxTries = b.maxTries;
        this.interpreter = Objects.requireNonNull(b.interpreter, "interpreter");
        this.fallback = Objects.requireNonNull(b.fallback, "fallback");
        this.hashAloneAnswers = b.hashAloneAnswers;
        this.hashAloneValue = b.hashAloneValue;
        if (maxTries < 1 || maxDigits < 1 || timeoutMs < 1) {
            throw new IllegalArgumentException(id.name() + ": tries, digits and timeout must be positive");
        }
    }

    public static <T> Builder<T> asking(StepId id, String promptKey) {
        return new Builder<>(id, promptKey);
    }

    @Override
    public StepId id() {
        return id;
    }

    public String promptKey() {
        return promptKey;
    }

    @Override
    public T run(CallerLine line) throws AgiException {
        line.enter(id);
        for (int attempt = 1; attempt <= maxTries; attempt++) {
            Entry entry = line.ask(promptKey, timeoutMs, maxDigits);
            if (hashAloneAnswers && entry.isHashAlone()) {
                LOG.debug("{}: # alone (try {}/{})", id.name(), attempt, maxTries);
                return hashAloneValue;
            }
            if (entry.isSilence()) {
                LOG.debug("{}: no input (try {}/{})", id.name(), attempt, maxTries);
                line.play(NO_INPUT_PROMPT);
                continue;
            }
            Interpretation<T> answer = interpreter.apply(entry.digits());
            if (answer instanceof Interpretation.Valid<T> valid) {
                LOG.debug("{}: answered (try {}/{})", id.name(), attempt, maxTries);
                return valid.value();
            }
            Interpretation.Invalid<T> invalid = (Interpretation.Invalid<T>) answer;
            LOG.debug("{}: invalid input, {} (try {}/{})", id.name(), invalid.explainPromptKey(), attempt, maxTries);
            line.play(invalid.explainPromptKey());
        }
        return fallBack(line);
    }

    private T fallBack(CallerLine line) {
        if (fallback instanceof Fallback.UseDefault<T> useDefault) {
            LOG.info("{}: no valid answer after {} tries, using default {}", id.name(), maxTries, useDefault.value());
            line.listener().fallbackTaken(id, false);
            return useDefault.value();
        }
        LOG.info("{}: no valid answer after {} tries, transferring to operator", id.name(), maxTries);
        line.listener().fallbackTaken(id, true);
        throw new TransferToOperator(id, "no valid answer after " + maxTries + " tries");
    }

    public static final class Builder<T> {
        private final StepId id;
        private final String promptKey;
        private int maxDigits = 1;
        private long timeoutMs = 5000;
        private int maxTries = 3;
        private Function<String, Interpretation<T>> interpreter;
        private Fallback<T> fallback;
        private boolean hashAloneAnswers;
        private T hashAloneValue;

        private Builder(StepId id, String promptKey) {
            this.id = Objects.requireNonNull(id, "id");
            this.promptKey = Objects.requireNonNull(promptKey, "promptKey");
        }

        /**
         * # pressed on its own (no digits, no timeout) answers {@code value}, e.g. "skip" in an
         * optional question; without this it counts as silence.
         */
        public Builder<T> onHashAlone(T value) {
            this.hashAloneAnswers = true;
            this.hashAloneValue = value;
            return this;
        }

        public Builder<T> maxDigits(int maxDigits) {
            this.maxDigits = maxDigits;
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

        public Builder<T> interpretedBy(Function<String, Interpretation<T>> interpreter) {
            this.interpreter = interpreter;
            return this;
        }

        /** Completes the step with what happens after the last try. */
        public DigitsPrompt<T> otherwise(Fallback<T> fallback) {
            this.fallback = fallback;
            return new DigitsPrompt<>(this);
        }
    }
}
