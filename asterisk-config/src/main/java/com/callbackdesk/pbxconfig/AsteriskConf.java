package com.callbackdesk.pbxconfig;

import com.callbackdesk.dialplan.Dialplan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Asterisk {@code .conf} file as main/config.c reads it: {@code [section]} headers with
 * optional {@code (!)} (a template) and {@code (tpl1,tpl2)} (inherit from templates), {@code key = value}
 * and {@code key => value} lines, {@code ;} comments. A section name may repeat (pjsip.conf's
 * endpoint, aor and auth of one name): each header is its own {@link Section}.
 */
public final class AsteriskConf {

    private static final Pattern HEADER = Pattern.compile("\\[([^\\]]+)\\]\\s*(?:\\(([^)]*)\\))?");

    /** One {@code key = value} line. */
    public record Entry(String key, String value, int line) {
    }

    /** One section header and its lines; {@link #get} sees the templates it inherits from too. */
    public final class Section {
        private final String name;
        private final boolean template;
        private final List<String> inherits;
        private final List<Entry> entries = new ArrayList<>();

        Section(String name, boolean template, List<String> inherits) {
            this.name = name;
            this.template = template;
            this.inherits = inherits;
        }

        public String name() {
            return name;
        }

        public boolean template() {
            return template;
        }

        public List<String> inherits() {
            return inherits;
        }

        /** Its own lines and the inherited ones, inherited first (as Asterisk copies them). */
        public List<Entry> entries() {
            List<Entry> all = new ArrayList<>();
            for (String parent : inherits) {
                sections.stream().filter(s -> s.template && s.name.equals(parent)).findFirst()
                        .ifPresent(t -> all.addAll(t.entries()));
            }
            all.addAll(entries);
            return all;
        }

        /** The last value of {@code key} (case-insensitive), inherited values included. */
        public Optional<String> get(String key) {
            String found = null;
            for (Entry e : entries()) {
                if (e.key().equalsIgnoreCase(key)) {
                    found = e.value();
                }
            }
            return Optional.ofNullable(found);
        }

        /** Every value of {@code key}, e.g. each {@code load =>} of modules.conf. */
        public List<String> all(String key) {
            return entries().stream().filter(e -> e.key().equalsIgnoreCase(key)).map(Entry::value).toList();
        }

        /** A comma-separated value split and trimmed (aors, match, allow). */
        public List<String> list(String key) {
            List<String> out = new ArrayList<>();
            for (String v : all(key)) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "[" + name + "]";
        }
    }

    private final String fileName;
    private final List<Section> sections = new ArrayList<>();

    private AsteriskConf(String fileName) {
        this.fileName = fileName;
    }

    public static AsteriskConf parse(String fileName, String text) {
        AsteriskConf conf = new AsteriskConf(fileName);
        Section current = null;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = Dialplan.stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                List<String> options = new ArrayList<>();
                if (header.group(2) != null) {
                    for (String o : header.group(2).split(",")) {
                        if (!o.isBlank()) {
                            options.add(o.trim());
                        }
                    }
                }
                boolean template = options.remove("!");
                current = conf.new Section(header.group(1).trim(), template, List.copyOf(options));
                conf.sections.add(current);
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0) {
                throw new IllegalArgumentException(fileName + " line " + (i + 1) + ": expected [section] or key = value: "
                        + line);
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1);
            if (value.startsWith(">")) {
                value = value.substring(1);
            }
            current.entries.add(new Entry(key.toLowerCase(Locale.ROOT), value.trim(), i + 1));
        }
        return conf;
    }

    public String fileName() {
        return fileName;
    }

    /** Every section, templates included, in file order. */
    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** The non-template sections called {@code name}. */
    public List<Section> sections(String name) {
        return sections.stream().filter(s -> !s.template && s.name.equals(name)).toList();
    }

    public Optional<Section> section(String name) {
        return sections(name).stream().findFirst();
    }

    /** pjsip.conf: the non-template objects of {@code type} (endpoint, aor, auth, identify, ...), by id. */
    public Map<String, Section> objects(String type) {
        Map<String, Section> out = new LinkedHashMap<>();
        for (Section s : sections) {
            if (!s.template && s.get("type").map(type::equalsIgnoreCase).orElse(false)) {
                out.put(s.name, s);
            }
        }
        return out;
    }
}
