package com.callbackdesk.pbxsim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The AMI users of a {@code manager.conf} (asterisk-config's, by default): secret and the read /
 * write permission classes Asterisk checks events and actions against.
 */
public final class ManagerConf {

    public static final String DEFAULT_RESOURCE = "asterisk/manager.conf";

    /** One {@code [user]} section. {@code all} in read or write grants every class. */
    public record User(String name, String secret, Set<String> read, Set<String> write) {
        public User {
            read = Set.copyOf(read);
            write = Set.copyOf(write);
        }

        boolean mayRead(String eventClass) {
            return read.contains("all") || read.contains(eventClass);
        }

        /** Actions name the classes that permit them (any one suffices, as manager.c checks). */
        boolean mayWrite(Set<String> anyOf) {
            return anyOf.isEmpty() || write.contains("all") || anyOf.stream().anyMatch(write::contains);
        }
    }

    private final Map<String, User> users;

    private ManagerConf(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    public static ManagerConf loadDefault() {
        try (InputStream in = ManagerConf.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + DEFAULT_RESOURCE + " not found");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ManagerConf parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\n")) {
            String line = raw.replaceAll(";.*$", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.contains("]")) {
                String name = line.substring(1, line.indexOf(']')).trim();
                current = name.equals("general") ? null : sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current != null && eq > 0) {
                String key = line.substring(0, eq).trim().toLowerCase();
                String value = line.substring(eq + 1).replaceFirst("^>", "").trim();
                // read/write may repeat: Asterisk adds them up.
                current.merge(key, value, (a, b) -> key.equals("read") || key.equals("write") ? a + "," + b : b);
            }
        }
        Map<String, User> users = new LinkedHashMap<>();
        sections.forEach((name, kv) -> users.put(name, new User(name, kv.getOrDefault("secret", ""),
                classes(kv.get("read")), classes(kv.get("write")))));
        return new ManagerConf(users);
    }

    private static Set<String> classes(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).map(String::toLowerCase).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The same users plus (or replacing) one, e.g. a test's read=all user. */
    public ManagerConf withUser(String name, String secret, String read, String write) {
        Map<String, User> more = new LinkedHashMap<>(users);
        more.put(name, new User(name, secret, classes(read), classes(write)));
        return new ManagerConf(more);
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(name == null ? null : users.get(name));
    }

    public Set<String> userNames() {
        return users.keySet();
    }
}
