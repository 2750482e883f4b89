package com.callbackdesk.dialplan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** An extension (literal or pattern) and its priorities, in priority order. */
public final class Extension {

    private final ExtensionPattern pattern;
    private final List<Priority> priorities = new ArrayList<>();

    Extension(String name) {
        this.pattern = new ExtensionPattern(name);
    }

    public String name() {
        return pattern.text();
    }

    public ExtensionPattern pattern() {
        return pattern;
    }

    public List<Priority> priorities() {
        return Collections.unmodifiableList(priorities);
    }

    public Optional<Priority> priority(int number) {
        return priorities.stream().filter(p -> p.number() == number).findFirst();
    }

    public Optional<Priority> label(String label) {
        return priorities.stream().filter(p -> label.equals(p.label())).findFirst();
    }

    int lastNumber() {
        return priorities.isEmpty() ? 0 : priorities.get(priorities.size() - 1).number();
    }

    void add(Priority p) {
        priorities.add(p);
        priorities.sort((a, b) -> Integer.compare(a.number(), b.number()));
    }
}
