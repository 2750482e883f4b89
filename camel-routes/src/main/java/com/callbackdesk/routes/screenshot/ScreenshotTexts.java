package com.callbackdesk.routes.screenshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What callers read about the screenshot step — the SMS, the e-mail, the pages — in the language
 * they chose at intake (the callback's {@code language}): data in
 * {@code screenshot/texts_<code>.properties} (UTF-8), like the IVR's prompt catalogue. A language
 * without a file, or a key missing from one, falls back to English.
 */
public final class ScreenshotTexts {

    /** The languages shipped, as the IVR's catalogue names them. */
    public static final List<String> LANGUAGES = List.of("en", "zh-TW");
    public static final String DEFAULT_LANGUAGE = "en";

    private final Map<String, Properties> byLanguage;

    private ScreenshotTexts(Map<String, Properties> byLanguage) {
        this.byLanguage = byLanguage;
    }

    public static ScreenshotTexts loadDefault() {
        Map<String, Properties> map = new LinkedHashMap<>();
        for (String code : LANGUAGES) {
            map.put(code, load("screenshot/texts_" + code.replace('-', '_') + ".properties"));
        }
        return new ScreenshotTexts(map);
    }

    /** The texts in {@code language} (null or unknown: English). */
    public Texts in(String language) {
        String code = language != null && byLanguage.containsKey(language) ? language : DEFAULT_LANGUAGE;
        return new Texts(code, byLanguage.get(code), byLanguage.get(DEFAULT_LANGUAGE));
    }

    /** Keys of the English file missing from {@code language}'s (for the test that keeps them complete). */
    public Set<String> missingKeys(String language) {
        Set<String> missing = new TreeSet<>(byLanguage.get(DEFAULT_LANGUAGE).stringPropertyNames());
        missing.removeAll(byLanguage.get(language).stringPropertyNames());
        return missing;
    }

    /** One language's texts. */
    public static final class Texts {
        private final String language;
        private final Properties texts;
        private final Properties fallback;

        private Texts(String language, Properties texts, Properties fallback) {
            this.language = language;
            this.texts = texts;
            this.fallback = fallback;
        }

        public String language() {
            return language;
        }

        /** The text for {@code key} with {@code args} filled in as plain strings (no number grouping). */
        public String get(String key, Object... args) {
            String pattern = texts.getProperty(key, fallback.getProperty(key));
            if (pattern == null) {
                throw new IllegalArgumentException("no screenshot text '" + key + "'");
            }
            if (args.length == 0) {
                return pattern;
            }
            Object[] strings = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                strings[i] = String.valueOf(args[i]);
            }
            return new MessageFormat(pattern, Locale.ROOT).format(strings);
        }
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = ScreenshotTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return p;
    }
}
