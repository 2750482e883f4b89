package com.callbackdesk.server;

import java.util.List;

/**
 * A configuration the desk refuses: one line per problem, each naming where the configuration came
 * from (the file, or the built-in defaults), the key and what is wrong —
 * {@code configuration desk.yaml: fastagi.port: must be a whole number, was 'abc'} — so the command
 * line can say it as it is, without a stack trace, and exit 2.
 */
public final class ConfigurationException extends IllegalArgumentException {

    private final List<String> lines;

    private ConfigurationException(List<String> lines) {
        super(String.join(System.lineSeparator(), lines));
        this.lines = List.copyOf(lines);
    }

    /** Problems already written as {@code key: problem}, each made one line naming {@code source}. */
    public static ConfigurationException of(String source, List<String> problems) {
        return new ConfigurationException(problems.stream().map(p -> "configuration " + source + ": " + oneLine(p))
                .toList());
    }

    /** One problem at {@code key}. */
    public static ConfigurationException at(String source, String key, String problem) {
        return of(source, List.of(key + ": " + problem));
    }

    /** Each problem, one line each. */
    public List<String> lines() {
        return lines;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
