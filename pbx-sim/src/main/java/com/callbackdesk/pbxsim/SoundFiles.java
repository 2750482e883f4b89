package com.callbackdesk.pbxsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which sound files the simulated Asterisk has, found as Asterisk 22 finds them (main/file.c,
 * {@code languageprefix = yes}): a file name without extension, relative to the sounds directory, is
 * looked up as {@code <channel language>/<name>}, then with the language's {@code _variant} cut off
 * ({@code zh_TW} → {@code zh}), then {@code en/<name>}, then {@code <name>} with no language; an
 * absolute name only as itself. Any format Asterisk can play counts ({@code .wav}, {@code .sln},
 * {@code .ulaw}, {@code .gsm} ...).
 *
 * <p>A missing file is answered as Asterisk answers it: {@code 200 result=-1 endpos=0} for STREAM FILE,
 * {@code 200 result=-1} at once for GET DATA, and {@code 200 result=0} with nothing heard for SAY DIGITS.
 */
public abstract class SoundFiles {

    /** Extensions of the formats Asterisk's format modules read (format_wav, format_pcm, format_sln ...). */
    static final Set<String> FORMATS = Set.of("wav", "wav16", "wav49", "sln", "sln12", "sln16", "sln24", "sln32",
            "sln44", "sln48", "sln96", "sln192", "raw", "ulaw", "pcm", "mu", "alaw", "al", "alw", "gsm", "g722",
            "g723", "g726-16", "g726-24", "g726-32", "g726-40", "g729", "ilbc", "siren7", "siren14", "ogg", "vox");

    /** Whether the set holds {@code path} (relative to the sounds directory, or absolute) in any format. */
    abstract boolean has(String path);

    /**
     * The name a lookup of {@code file} for a channel in {@code language} found, without extension and
     * relative to the sounds directory ({@code "en/digits/1"}), or empty when Asterisk would find none.
     */
    public Optional<String> find(String file, String language) {
        return candidates(file, language).stream().filter(this::has).findFirst();
    }

    public final boolean exists(String file, String language) {
        return find(file, language).isPresent();
    }

    /**
     * Every file exists: for tests of the protocol and the dialplan that play no desk prompts.
     * Anything running the IVR should use the desk's own set ({@link #inDirectory} or {@link #listed}).
     */
    public static SoundFiles everyFile() {
        return new SoundFiles() {
            @Override
            boolean has(String path) {
                return true;
            }

            @Override
            public Optional<String> find(String file, String language) {
                return Optional.of(file);
            }

            @Override
            public String toString() {
                return "every sound file";
            }
        };
    }

    /** No file at all: a PBX without sounds. */
    public static SoundFiles none() {
        return listed(List.of());
    }

    /**
     * The files of a sounds directory as it is on disk (e.g. a rendered set, or
     * {@code /var/lib/asterisk/sounds}): looked up on every command, so files added later count.
     */
    public static SoundFiles inDirectory(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        return new SoundFiles() {
            @Override
            boolean has(String path) {
                return anyFormat(path.startsWith("/") ? Path.of(path) : dir.resolve(path));
            }

            @Override
            public String toString() {
                return "sounds in " + dir;
            }
        };
    }

    /**
     * The files named, each a path relative to the sounds directory without extension
     * ({@code "callback-desk/en/welcome"}, {@code "zh/digits/1"}): a set known by name only.
     */
    public static SoundFiles listed(Collection<String> names) {
        Set<String> known = Set.copyOf(names);
        return new SoundFiles() {
            @Override
            boolean has(String path) {
                return known.contains(path);
            }

            @Override
            public String toString() {
                return known.size() + " listed sound files";
            }
        };
    }

    /**
     * This set without {@code names}: each is a name as the dialplan or script asks for it
     * ({@code "callback-desk/zh-TW/welcome"}) or a path as laid out ({@code "zh/digits/1"}).
     */
    public SoundFiles without(Collection<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        Set<String> gone = Set.copyOf(names);
        SoundFiles base = this;
        return new SoundFiles() {
            @Override
            boolean has(String path) {
                return !gone.contains(path) && base.has(path);
            }

            @Override
            public Optional<String> find(String file, String language) {
                if (gone.contains(file)) {
                    return Optional.empty();
                }
                // What is gone is not found, and Asterisk goes on to its next candidate.
                return base.find(file, language).isEmpty() ? Optional.empty() : super.find(file, language);
            }

            @Override
            public String toString() {
                return base + " without " + gone;
            }
        };
    }

    /** Where Asterisk looks for {@code file} on a channel in {@code language}, in its order. */
    static List<String> candidates(String file, String language) {
        if (file.startsWith("/")) {
            return List.of(file);
        }
        List<String> out = new ArrayList<>(4);
        if (language != null && !language.isBlank()) {
            out.add(language + "/" + file);
            int underscore = language.indexOf('_');
            if (underscore > 0) {
                out.add(language.substring(0, underscore) + "/" + file);
            }
        }
        if (!"en".equals(language)) {
            out.add("en/" + file);
        }
        out.add(file);
        return out;
    }

    private static boolean anyFormat(Path withoutExtension) {
        Path parent = withoutExtension.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return false;
        }
        String base = withoutExtension.getFileName() + ".";
        try (Stream<Path> files = Files.list(parent)) {
            return files.anyMatch(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(base) && Files.isRegularFile(p)
                        && FORMATS.contains(name.substring(base.length()).toLowerCase(Locale.ROOT));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent, e);
        }
    }
}
