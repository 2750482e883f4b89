package com.callbackdesk.planning.retry;

import java.util.List;

/** A retry policy that cannot be used. Each problem reads "field: rule broken". */
public final class PolicyValidationException extends RuntimeException {

    private final List<String> problems;

    public PolicyValidationException(List<String> problems) {
        super("Invalid retry policy: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
