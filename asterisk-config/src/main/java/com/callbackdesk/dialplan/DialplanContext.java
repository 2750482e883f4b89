package com.callbackdesk.dialplan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@code [context]} of extensions.conf. */
public final class DialplanContext {

    private final String name;
    private final Map<String, Extension> extensions = new LinkedHashMap<>();
    private final List<String> includes = new ArrayList<>();

    DialplanContext(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public List<Extension> extensions() {
        return List.copyOf(extensions.values());
    }

    public List<String> includes() {
        return Collections.unmodifiableList(includes);
    }

    public Optional<Extension> extension(String literalName) {
        return Optional.ofNullable(extensions.get(literalName));
    }

    /** The extension Asterisk would run for {@code exten}: a literal first, else the most specific pattern. */
    public Optional<Extension> match(String exten) {
        return extensions.values().stream()
                .filter(e -> e.pattern().matches(exten))
                .min(Comparator.comparingInt(e -> e.pattern().specificity()));
    }

    /** Every priority in this context that runs {@code application} (case-insensitive). */
    public List<Priority> applications(String application) {
        List<Priority> out = new ArrayList<>();
        for (Extension e : extensions.values()) {
            for (Priority p : e.priorities()) {
                if (p.application().equalsIgnoreCase(application)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    Extension extensionFor(String name) {
        return extensions.computeIfAbsent(name, Extension::new);
    }

    void include(String context) {
        includes.add(context);
    }
}
