package com.callbackdesk.ivr.prompts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The IVR's prompts and menus, loaded from YAML ({@code ivr/prompts.yaml} on the classpath by
 * default) and checked once at start-up: every language has every prompt key, menu keys are
 * single DTMF digits and unique, codes are unique. A catalogue that loads is one a caller
 * can get through without silence.
 */
public final class PromptCatalogue {

    public static final String DEFAULT_RESOURCE = "ivr/prompts.yaml";

    private final Map<String, CallerLanguage> languages;   // insertion order = language menu order
    private final List<MenuOption> products;
    private final List<MenuOption> categories;

    private PromptCatalogue(Map<String, CallerLanguage> languages, List<MenuOption> products,
                            List<MenuOption> categories) {
        this.languages = languages;
        this.products = products;
        this.categories = categories;
    }

    /** Loads {@value #DEFAULT_RESOURCE} from the classpath. */
    public static PromptCatalogue loadDefault() {
        return loadResource(DEFAULT_RESOURCE);
    }

    public static PromptCatalogue loadResource(String resource) {
        try (InputStream in = PromptCatalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new PromptCatalogueException("prompt catalogue resource not found: " + resource);
            }
            return load(in, resource);
        } catch (IOException e) {
            throw new PromptCatalogueException("cannot read prompt catalogue " + resource, e);
        }
    }

    /** @param source named in error messages (a file or resource name) */
    public static PromptCatalogue load(InputStream yaml, String source) {
        CatalogueFile file;
        try {
            file = new ObjectMapper(new YAMLFactory()).readValue(yaml, CatalogueFile.class);
        } catch (IOException e) {
            throw new PromptCatalogueException("prompt catalogue " + source + " is not valid: " + e.getMessage(), e);
        }
        return validated(file, source);
    }

    private static PromptCatalogue validated(CatalogueFile file, String source) {
        if (file == null || file.languages() == null || file.languages().isEmpty()) {
            throw new PromptCatalogueException(source + ": no languages defined");
        }
        Map<String, CallerLanguage> languages = new LinkedHashMap<>();
        Set<String> languageKeys = new HashSet<>();
        for (LanguageEntry entry : file.languages()) {
            require(entry.code() != null && !entry.code().isBlank(), source + ": a language has no code");
            require(isDtmfDigit(entry.key()), source + ": language " + entry.code() + " needs a single-digit key, has " + entry.key());
            require(languageKeys.add(entry.key()), source + ": language key " + entry.key() + " used twice");
            require(entry.prompts() != null && !entry.prompts().isEmpty(), source + ": language " + entry.code() + " has no prompts");
            String asteriskLanguage = entry.asteriskLanguage() == null ? entry.code() : entry.asteriskLanguage();
            Map<String, String> texts = entry.texts() == null ? Map.of() : entry.texts();
            for (String textKey : texts.keySet()) {
                require(entry.prompts().containsKey(textKey),
                        source + ": language " + entry.code() + " has a text for '" + textKey + "', which is no prompt");
            }
            CallerLanguage language = new CallerLanguage(entry.code(), entry.key(), asteriskLanguage, entry.prompts(),
                    entry.voice(), texts);
            require(languages.put(entry.code(), language) == null, source + ": language " + entry.code() + " defined twice");
        }
        // Every language must cover every key any language has: the same caller journey in each.
        Set<String> allKeys = new TreeSet<>();
        languages.values().forEach(l -> allKeys.addAll(l.prompts().keySet()));
        List<String> problems = new ArrayList<>();
        for (CallerLanguage language : languages.values()) {
            for (String key : allKeys) {
                String file1 = language.prompts().get(key);
                if (file1 == null || file1.isBlank()) {
                    problems.add("prompt '" + key + "' missing in language " + language.code());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PromptCatalogueException(source + ": " + String.join("; ", problems));
        }
        Menus menus = file.menus() == null ? new Menus(List.of(), List.of()) : file.menus();
        List<MenuOption> products = checkedMenu(source, "products", menus.products());
        List<MenuOption> categories = checkedMenu(source, "categories", menus.categories());
        return new PromptCatalogue(languages, products, categories);
    }

    private static List<MenuOption> checkedMenu(String source, String name, List<MenuOption> options) {
        require(options != null && !options.isEmpty(), source + ": menu " + name + " is empty");
        Set<String> keys = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (MenuOption option : options) {
            require(option.code() != null && !option.code().isBlank(), source + ": menu " + name + " has an option without code");
            require(isDtmfDigit(option.key()), source + ": menu " + name + " option " + option.code()
                    + " needs a single-digit key, has " + option.key());
            require(keys.add(option.key()), source + ": menu " + name + " key " + option.key() + " used twice");
            require(codes.add(option.code()), source + ": menu " + name + " code " + option.code() + " used twice");
        }
        return List.copyOf(options);
    }

    private static boolean isDtmfDigit(String key) {
        return key != null && key.length() == 1 && Character.isDigit(key.charAt(0));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new PromptCatalogueException(message);
        }
    }

    /**
     * Fails naming the first key and language missing from the catalogue. A script calls this
     * at construction for the keys it plays, so a typo fails the server's start, not a call.
     */
    public PromptCatalogue requireKeys(Collection<String> keys) {
        List<String> problems = new ArrayList<>();
        for (CallerLanguage language : languages.values()) {
            for (String key : keys) {
                if (!language.prompts().containsKey(key)) {
                    problems.add("prompt '" + key + "' missing in language " + language.code());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PromptCatalogueException(String.join("; ", problems));
        }
        return this;
    }

    /** The sound file for a prompt in a language; unknown key or language is a programming error. */
    public String soundFile(String languageCode, String key) {
        CallerLanguage language = language(languageCode)
                .orElseThrow(() -> new PromptCatalogueException("unknown language " + languageCode));
        String file = language.prompts().get(key);
        if (file == null) {
            throw new PromptCatalogueException("prompt '" + key + "' missing in language " + languageCode);
        }
        return file;
    }

    public boolean hasPrompt(String languageCode, String key) {
        return language(languageCode).map(l -> l.prompts().containsKey(key)).orElse(false);
    }

    public Optional<CallerLanguage> language(String code) {
        return Optional.ofNullable(languages.get(code));
    }

    /**
     * Matches a channel language as Asterisk names it ("zh_TW", "zh-tw", "en") to a catalogue
     * language: exact code first, then case/underscore-insensitive, then the Asterisk language.
     */
    public Optional<CallerLanguage> matchChannelLanguage(String channelLanguage) {
        if (channelLanguage == null || channelLanguage.isBlank()) {
            return Optional.empty();
        }
        String wanted = normalise(channelLanguage);
        return languages.values().stream().filter(l -> normalise(l.code()).equals(wanted)).findFirst()
                .or(() -> languages.values().stream()
                        .filter(l -> normalise(l.asteriskLanguage()).equals(wanted)).findFirst());
    }

    private static String normalise(String language) {
        return language.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    public List<CallerLanguage> languages() {
        return List.copyOf(languages.values());
    }

    public List<MenuOption> products() {
        return products;
    }

    public List<MenuOption> categories() {
        return categories;
    }

    // --- the YAML file's shape --------------------------------------------------------------

    record CatalogueFile(List<LanguageEntry> languages, Menus menus) {
    }

    record LanguageEntry(String code, String key,
                         @JsonProperty("asteriskLanguage") String asteriskLanguage,
                         Map<String, String> prompts, String voice, Map<String, String> texts) {
    }

    record Menus(List<MenuOption> products, List<MenuOption> categories) {
    }

    @Override
    public String toString() {
        return "PromptCatalogue" + languages.keySet() + " products=" + products.size()
                + " categories=" + categories.size();
    }

}
