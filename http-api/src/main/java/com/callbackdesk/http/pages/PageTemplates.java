package com.callbackdesk.http.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caller pages' HTML: plain files under {@code pages/<name>.html} with named placeholders
 * {@code {{name}}}. A value is HTML-escaped unless it is {@link Html} this renderer made (a
 * fragment placed inside a bigger page). A placeholder without a value, or a value without a
 * placeholder, is a mistake in the page and fails at once rather than showing a gap to a caller.
 * All templates are read when the pages are built, so a missing file stops the start-up.
 */
final class PageTemplates {

    /** Every template shipped; read once, at construction. */
    static final List<String> NAMES = List.of("layout", "upload", "cancel", "message", "status", "cancel-link",
            "link", "not-found", "error", "method-not-allowed", "language-switch");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");

    private final Map<String, String> templates = new LinkedHashMap<>();

    PageTemplates() {
        for (String name : NAMES) {
            templates.put(name, load("pages/" + name + ".html"));
        }
    }

    /** The template {@code name} with its placeholders filled from {@code values} (text escaped, {@link Html} as is). */
    Html render(String name, Map<String, ?> values) {
        String template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no page template '" + name + "'");
        }
        Set<String> unused = new LinkedHashSet<>(values.keySet());
        StringBuilder out = new StringBuilder(template.length() + 256);
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String key = m.group(1);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("page template '" + name + "' needs a value for {{" + key + "}}");
            }
            unused.remove(key);
            Object value = values.get(key);
            String filled = value instanceof Html html ? html.markup() : escape(String.valueOf(value));
            m.appendReplacement(out, Matcher.quoteReplacement(filled));
        }
        m.appendTail(out);
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("page template '" + name + "' has no placeholder for " + unused);
        }
        return new Html(out.toString());
    }

    /** {@code text} safe inside an element and inside a quoted attribute. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String load(String resource) {
        try (InputStream in = PageTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing page template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read page template " + resource, e);
        }
    }
}
