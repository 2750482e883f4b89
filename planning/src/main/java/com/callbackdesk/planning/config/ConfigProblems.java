package com.callbackdesk.planning.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every problem found in one configuration file or settings object, each as
 * {@code field.path: what is wrong}, so one edit fixes them all. Binding ({@link YamlBinding}) and
 * each file's own rules add to the same list; a file is refused when the list is not empty
 * ({@link #throwIfAny}).
 */
public final class ConfigProblems {

    /** One problem: the field's path ("" = the whole file) and what is wrong with it. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return (path == null || path.isEmpty() ? "(root)" : path) + ": " + message;
        }
    }

    private final List<Problem> problems;
    private final String prefix;

    public ConfigProblems() {
        this(new ArrayList<>(), "");
    }

    private ConfigProblems(List<Problem> problems, String prefix) {
        this.problems = problems;
        this.prefix = prefix;
    }

    /** {@code parent.child}, or {@code child} at the root. */
    public static String path(String parent, String child) {
        if (child == null || child.isEmpty()) {
            return parent == null ? "" : parent;
        }
        return parent == null || parent.isEmpty() ? child : parent + "." + child;
    }

    /** The same list, with every path added through the view prefixed by {@code at} (a nested part of a file). */
    public ConfigProblems at(String at) {
        return at == null || at.isEmpty() ? this : new ConfigProblems(problems, path(prefix, at));
    }

    public void add(String path, String message) {
        problems.add(new Problem(path(prefix, path), message));
    }

    /** Adds a problem already written as {@code path: message} (e.g. from a nested file's own checks). */
    public void addLine(String line) {
        int colon = line.indexOf(": ");
        if (colon < 0) {
            add("", line);
        } else {
            add(line.substring(0, colon), line.substring(colon + 2));
        }
    }

    /** Adds {@code message} at {@code path} unless {@code ok}. */
    public void check(boolean ok, String path, String message) {
        if (!ok) {
            add(path, message);
        }
    }

    /** The value, or a "required" problem (with the hint, if any) when it is absent and not already reported. */
    public <T> T required(String path, T value, String hint) {
        if (value == null && !hasProblemAt(path)) {
            add(path, hint == null ? "required" : "required, " + hint);
        }
        return value;
    }

    /** The constant of that name, or a problem naming the allowed ones. */
    public <E extends Enum<E>> E enumConstant(String path, Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(path, "unknown " + type.getSimpleName() + " (expected one of "
                    + Arrays.toString(type.getEnumConstants()) + ")");
            return null;
        }
    }

    /** Whether a problem was already reported for that field (a bad value is not also "required"). */
    public boolean hasProblemAt(String path) {
        String full = path(prefix, path);
        return problems.stream().anyMatch(p -> p.path().equals(full));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public int size() {
        return problems.size();
    }

    /** Each problem as {@code path: message}. */
    public List<String> list() {
        return problems.stream().map(Problem::toString).toList();
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Refuses the settings when anything was found: {@code title: p1; p2}. */
    public void throwIfAny(String title) {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(title, problems());
        }
    }
}
