package com.callbackdesk.planning.labels;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a person reads instead of a code — callback states, outcomes, urgencies, escalation
 * levels, products and categories, screenshot and survey states, consultant states, groups,
 * roles — in every language of the desk (English and Traditional Chinese). One table,
 * {@code labels/labels.yaml}, read once: the console (through the API), the caller pages and
 * the IVR's menus all label from it.
 *
 * <p>A code the table does not know is never shown raw: {@link #label} falls back to English,
 * then to the code written as words ({@code SOME_CODE} → {@code Some code}).
 */
public final class Labels {

    /** The languages every label exists in; the first is the fallback. */
    public static final String ENGLISH = "en";
    public static final String CHINESE = "zh-TW";

    private static final String RESOURCE = "labels/labels.yaml";
    private static volatile Labels defaults;

    private final List<String> languages;
    /** kind → code → language → label, in the file's order. */
    private final Map<String, Map<String, Map<String, String>>> kinds;

    private Labels(List<String> languages, Map<String, Map<String, Map<String, String>>> kinds) {
        this.languages = List.copyOf(languages);
        this.kinds = kinds;
    }

    /** The shipped table (read once). */
    public static Labels loadDefault() {
        Labels l = defaults;
        if (l == null) {
            synchronized (Labels.class) {
                if (defaults == null) {
                    defaults = load(RESOURCE);
                }
                l = defaults;
            }
        }
        return l;
    }

    record File(List<String> languages, Map<String, Map<String, Map<String, String>>> kinds) {
    }

    static Labels load(String resource) {
        try (InputStream in = Labels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing label table " + resource);
            }
            File f = new YAMLMapper().readValue(in, new TypeReference<File>() { });
            return of(f.languages(), f.kinds());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read label table " + resource, e);
        }
    }

    /** A table; every code must have a label in every language (else the problems, all at once). */
    static Labels of(List<String> languages, Map<String, Map<String, Map<String, String>>> kinds) {
        if (languages == null || languages.isEmpty() || !languages.get(0).equals(ENGLISH)) {
            throw new IllegalStateException("label table: languages must start with en, was " + languages);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Map<String, String>>> copy = new LinkedHashMap<>();
        (kinds == null ? Map.<String, Map<String, Map<String, String>>>of() : kinds).forEach((kind, codes) -> {
            Map<String, Map<String, String>> byCode = new LinkedHashMap<>();
            (codes == null ? Map.<String, Map<String, String>>of() : codes).forEach((code, byLanguage) -> {
                for (String lang : languages) {
                    String text = byLanguage == null ? null : byLanguage.get(lang);
                    if (text == null || text.isBlank()) {
                        problems.add("kinds." + kind + "." + code + "." + lang + ": missing");
                    }
                }
                if (byLanguage != null) {
                    for (String lang : byLanguage.keySet()) {
                        if (!languages.contains(lang)) {
                            problems.add("kinds." + kind + "." + code + "." + lang + ": not a language of the table " + languages);
                        }
                    }
                }
                byCode.put(code, byLanguage == null ? Map.of() : Map.copyOf(byLanguage));
            });
            copy.put(kind, Collections.unmodifiableMap(byCode));
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("label table has gaps: " + String.join("; ", problems));
        }
        return new Labels(languages, Collections.unmodifiableMap(copy));
    }

    public List<String> languages() {
        return languages;
    }

    public Set<String> kinds() {
        return kinds.keySet();
    }

    /** The codes {@code kind} labels (empty for an unknown kind). */
    public Set<String> codes(String kind) {
        return kinds.getOrDefault(kind, Map.of()).keySet();
    }

    /** The label of {@code code} in {@code language}, if the table has it. */
    public Optional<String> find(String kind, String code, String language) {
        if (code == null) {
            return Optional.empty();
        }
        Map<String, String> byLanguage = kinds.getOrDefault(kind, Map.of()).get(code);
        return byLanguage == null ? Optional.empty() : Optional.ofNullable(byLanguage.get(language(language)));
    }

    /** The label of {@code code}: in {@code language}, else English, else the code as words; "" for null. */
    public String label(String kind, String code, String language) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        return find(kind, code, language).or(() -> find(kind, code, ENGLISH)).orElseGet(() -> words(code));
    }

    /** {@code label} for an enum constant ({@code kind} is its label kind). */
    public String label(String kind, Enum<?> code, String language) {
        return code == null ? "" : label(kind, code.name(), language);
    }

    /** One language's table, kind → code → label, for a client to label with. */
    public Map<String, Map<String, String>> table(String language) {
        String lang = language(language);
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        kinds.forEach((kind, codes) -> {
            Map<String, String> byCode = new LinkedHashMap<>();
            codes.forEach((code, byLanguage) -> byCode.put(code, byLanguage.getOrDefault(lang, byLanguage.get(ENGLISH))));
            out.put(kind, Collections.unmodifiableMap(byCode));
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * The desk's language for a language tag or an HTTP {@code Accept-Language} list
     * ({@code zh-Hant-TW}, {@code zh-TW;q=0.9, en;q=0.8}, {@code zh}): Chinese for any Chinese
     * tag, English for anything else; {@code null} or blank gives English.
     */
    public static String language(String tagOrAcceptLanguage) {
        return bestOf(tagOrAcceptLanguage).orElse(ENGLISH);
    }

    /** Like {@link #language}, but empty when the list names neither English nor Chinese. */
    public static Optional<String> bestOf(String tagOrAcceptLanguage) {
        if (tagOrAcceptLanguage == null || tagOrAcceptLanguage.isBlank()) {
            return Optional.empty();
        }
        String best = null;
        double bestQ = -1;
        for (String part : tagOrAcceptLanguage.split(",")) {
            String[] pieces = part.trim().split(";");
            String tag = pieces[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String lang = tag.equals("zh") || tag.startsWith("zh-") || tag.startsWith("zh_") ? CHINESE
                    : tag.equals("en") || tag.startsWith("en-") || tag.startsWith("en_") ? ENGLISH : null;
            if (lang != null && q > 0 && q > bestQ) {
                best = lang;
                bestQ = q;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code SOME_CODE} → {@code Some code}: never the code itself on a screen. */
    static String words(String code) {
        String s = code.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT).trim();
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
