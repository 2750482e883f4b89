package com.callbackdesk.planning.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every problem found in one configuration file, each as {@code field.path: what is wrong}, so one
 * edit fixes them all. Binding ({@link YamlBinding}) and each file's own rules add to the same list;
 * a file is refused when the list is not empty.
 */
public final class ConfigProblems {

    private final List<String> problems;
    private final String prefix;

    public ConfigProblems() {
        this(new ArrayList<>(), "");
    }

    private ConfigProblems(List<String> problems, String prefix) {
        this.problems = problems;
        this.prefix = prefix;
    }

    /** The same list, with every path added through the view prefixed by {@code at} (a nested part of a file). */
    public ConfigProblems at(String at) {
        return at == null || at.isEmpty() ? this : new ConfigProblems(problems, path(prefix, at));
    }

    /** {@code parent.child}, or {@code child} at the root. */
    public static String path(String parent, String child) {
        return parent == null || parent.isEmpty() ? child : parent + "." + child;
    }

    public void add(String path, String message) {
        String full = path(prefix, path);
        problems.add((full == null || full.isEmpty() ? "(root)" : full) + ": " + message);
    }

    /** Adds a problem already written as {@code path: message} (e.g. from a nested file's own checks). */
    public void addLine(String line) {
        problems.add(prefix.isEmpty() ? line : prefix + "." + line);
    }

    /** Adds {@code message} at {@code path} unless {@code ok}. */
    public void check(boolean ok, String path, String message) {
        if (!ok) {
            add(path, message);
        }
    }

    /** The value, or a "required" problem (with the hint, if any) when it is absent. */
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
        String start = (full == null || full.isEmpty() ? "(root)" : full) + ":";
        return problems.stream().anyMatch(p -> p.startsWith(start));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    public int size() {
        return problems.size();
    }
}
