package com.callbackdesk.ivr.prompts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every sound file the IVR needs, laid out as Asterisk looks them up in its sounds directory
 * ({@code /var/lib/asterisk/sounds}):
 * <ul>
 *   <li>each catalogue prompt under its own name ({@code callback-desk/zh-TW/welcome}): the names
 *       carry their language already, and Asterisk finds a name without a language directory
 *       whatever the channel's language is (after {@code <language>/<name>} and {@code en/<name>});</li>
 *   <li>{@code <asteriskLanguage>/digits/0} … {@code 9} for each language: what SAY DIGITS plays in
 *       the channel language the IVR sets ({@code CHANNEL(language)=zh} for zh-TW). Asterisk says
 *       nothing at all when they are missing.</li>
 * </ul>
 * The dialplan's own stock sounds (e.g. {@code vm-goodbye}) come with Asterisk's sound packages.
 */
public final class SoundSet {

    /** One sound file: its name (relative, without extension), language, voice and words. */
    public record Sound(String name, String languageCode, String voice, String text) {
    }

    private final List<Sound> sounds;
    private final List<CallerLanguage> languages;

    private SoundSet(List<Sound> sounds, List<CallerLanguage> languages) {
        this.sounds = List.copyOf(sounds);
        this.languages = List.copyOf(languages);
    }

    /** Every language of the catalogue. */
    public static SoundSet of(PromptCatalogue catalogue) {
        return of(catalogue, catalogue.languages().stream().map(CallerLanguage::code).toList());
    }

    /**
     * The languages named ({@code "en"}, {@code "zh-TW"}); an unknown one is refused naming the
     * catalogue's languages.
     */
    public static SoundSet of(PromptCatalogue catalogue, Collection<String> languageCodes) {
        List<CallerLanguage> chosen = new ArrayList<>();
        for (String code : languageCodes) {
            CallerLanguage language = catalogue.language(code).or(() -> catalogue.matchChannelLanguage(code))
                    .orElseThrow(() -> new IllegalArgumentException("language: no language " + code
                            + " in the prompt catalogue (it has " + catalogue.languages().stream()
                            .map(CallerLanguage::code).collect(Collectors.joining(", ")) + ")"));
            if (!chosen.contains(language)) {
                chosen.add(language);
            }
        }
        Map<String, Sound> byName = new LinkedHashMap<>();
        for (CallerLanguage language : chosen) {
            new java.util.TreeMap<>(language.prompts()).forEach((key, file) -> byName.putIfAbsent(file,
                    new Sound(file, language.code(), language.voice(), language.texts().get(key))));
        }
        for (CallerLanguage language : chosen) {
            for (char d = '0'; d <= '9'; d++) {
                String name = language.asteriskLanguage() + "/digits/" + d;
                byName.putIfAbsent(name, new Sound(name, language.code(), language.voice(), String.valueOf(d)));
            }
        }
        return new SoundSet(new ArrayList<>(byName.values()), chosen);
    }

    public List<Sound> sounds() {
        return sounds;
    }

    /** The names alone ({@code callback-desk/en/welcome}, {@code en/digits/1} ...). */
    public List<String> names() {
        return sounds.stream().map(Sound::name).toList();
    }

    public List<CallerLanguage> languages() {
        return languages;
    }

    @Override
    public String toString() {
        return sounds.size() + " sound files in " + languages.stream().map(CallerLanguage::code).toList();
    }
}
