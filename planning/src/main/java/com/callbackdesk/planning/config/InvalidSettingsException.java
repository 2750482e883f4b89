package com.callbackdesk.planning.config;

import java.util.List;

/**
 * Settings that cannot be used; each problem names its field, so whoever built the settings from a
 * file can name the file's key (the field, with the section in front) without reading the message.
 */
public final class InvalidSettingsException extends IllegalArgumentException {

    private final List<ConfigProblems.Problem> problems;

    public InvalidSettingsException(String title, List<ConfigProblems.Problem> problems) {
        super(title + ": " + String.join("; ", problems.stream().map(ConfigProblems.Problem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblems.Problem> problems() {
        return problems;
    }
}
