package com.callbackdesk.whatif.scenario;

import java.util.List;

/** A scenario that cannot be run; every problem is named by its field path, e.g. {@code personas[1].share}. */
public final class ScenarioException extends RuntimeException {
    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super("invalid scenario:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code field.path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
