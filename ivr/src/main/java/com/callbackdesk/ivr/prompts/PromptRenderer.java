package com.callbackdesk.ivr.prompts;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes the sound files of a {@link SoundSet} in the formats Asterisk plays without transcoding
 * surprises: {@code .wav} (8 kHz mono 16-bit PCM), {@code .sln} (raw signed linear, 8 kHz) and
 * {@code .ulaw} (G.711 μ-law), under {@code out/<name>.<format>}.
 *
 * <p>A real recording beats the built-in voice: when the recordings directory has the same name in
 * any format sox reads ({@link #RECORDING_FORMATS}), all three formats are made from it — never a
 * rendered {@code .sln} beside a recorded {@code .wav}, as Asterisk would pick whichever is cheaper to
 * play. The rest is spoken by espeak-ng in the language's voice and converted by sox.
 */
public final class PromptRenderer {

    private static final Logger LOG = LogManager.getLogger(PromptRenderer.class);

    /** What is written for every sound. */
    public static final List<String> FORMATS = List.of("wav", "sln", "ulaw");

    /** Recording formats read, in order of preference, with how sox reads each (empty: from the header). */
    public static final Map<String, List<String>> RECORDING_FORMATS = orderedRecordingFormats();

    private static final Map<String, List<String>> OUTPUT_TYPES = Map.of(
            "wav", List.of("-t", "wav", "-e", "signed-integer", "-b", "16"));

    /** What a render did. */
    public record Report(int spoken, int fromRecordings, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean complete() {
            return problems.isEmpty();
        }
    }

    private final SoundTools tools;
    private final int threads;

    /** Uses espeak-ng and sox from the PATH; fails naming the one missing. */
    public PromptRenderer() {
        this(SoundTools.onPath());
    }

    public PromptRenderer(SoundTools tools) {
        this.tools = tools;
        this.threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Writes every sound of {@code set} under {@code out}; {@code recordings} (may be null) overrides
     * any of them. A sound with neither words nor a recording, or one a tool failed on, is a problem
     * named in the report; the others are written all the same.
     */
    public Report render(SoundSet set, Path out, Path recordings) {
        if (recordings != null && !Files.isDirectory(recordings)) {
            throw new IllegalArgumentException("recordings: no such directory " + recordings);
        }
        try {
            Files.createDirectories(out);
            Path work = Files.createTempDirectory(out, ".render-");
            try {
                return renderAll(set, out, recordings, work);
            } finally {
                deleteQuietly(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sound files under " + out + ": " + e.getMessage(), e);
        }
    }

    private Report renderAll(SoundSet set, Path out, Path recordings, Path work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Optional<Boolean>>> results = new ArrayList<>();
            List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
            for (SoundSet.Sound sound : set.sounds()) {
                results.add(pool.submit(() -> renderOne(sound, out, recordings, work, problems)));
            }
            int spoken = 0;
            int recorded = 0;
            for (Future<Optional<Boolean>> result : results) {
                Optional<Boolean> fromRecording = result.get();
                if (fromRecording.isPresent()) {
                    if (fromRecording.get()) {
                        recorded++;
                    } else {
                        spoken++;
                    }
                }
            }
            List<String> sorted = new ArrayList<>(problems);
            sorted.sort(null);
            LOG.info("sound files under {}: {} spoken by espeak-ng, {} from recordings, {} problems", out, spoken,
                    recorded, sorted.size());
            return new Report(spoken, recorded, sorted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering sound files", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("rendering failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Empty when it could not be made (the problem is added), else whether a recording was used. */
    private Optional<Boolean> renderOne(SoundSet.Sound sound, Path out, Path recordings, Path work,
                                        List<String> problems) {
        try {
            Optional<Path> recording = recordings == null ? Optional.empty() : recordingOf(recordings, sound.name());
            Path source;
            List<String> sourceType;
            if (recording.isPresent()) {
                source = recording.get();
                sourceType = RECORDING_FORMATS.get(extension(source));
            } else if (sound.text() == null || sound.text().isBlank()) {
                problems.add(sound.name() + " (" + sound.languageCode() + "): no text in the prompt catalogue and no recording");
                return Optional.empty();
            } else if (sound.voice() == null || sound.voice().isBlank()) {
                problems.add(sound.name() + " (" + sound.languageCode() + "): the language has no voice and there is no recording");
                return Optional.empty();
            } else {
                source = Files.createTempFile(work, "speech-", ".wav");
                tools.speak(sound.voice(), sound.text(), source);
                sourceType = List.of();
            }
            Path target = out.resolve(sound.name() + ".wav");
            Files.createDirectories(target.getParent());
            // sox makes the 8 kHz wav; its samples are the .sln, and G.711 μ-law of them the .ulaw.
            Path wav = Files.createTempFile(work, "out-", ".wav");
            tools.convert(sourceType, source, OUTPUT_TYPES.get("wav"), wav);
            byte[] samples = pcmData(wav);
            Path sln = Files.write(Files.createTempFile(work, "out-", ".sln"), samples);
            Path ulaw = Files.write(Files.createTempFile(work, "out-", ".ulaw"), Ulaw.encode(samples));
            Files.move(wav, target, StandardCopyOption.REPLACE_EXISTING);
            Files.move(sln, out.resolve(sound.name() + ".sln"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(ulaw, out.resolve(sound.name() + ".ulaw"), StandardCopyOption.REPLACE_EXISTING);
            if (recording.isEmpty()) {
                Files.deleteIfExists(source);
            }
            return Optional.of(recording.isPresent());
        } catch (IOException e) {
            problems.add(sound.name() + " (" + sound.languageCode() + "): " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The samples of a 16-bit PCM wav file (its {@code data} chunk), little-endian as {@code .sln} wants them. */
    static byte[] pcmData(Path wav) throws IOException {
        byte[] bytes = Files.readAllBytes(wav);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = new String(bytes, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("data")) {
                int end = size < 0 || pos + 8 + size > bytes.length ? bytes.length : pos + 8 + size;
                return java.util.Arrays.copyOfRange(bytes, pos + 8, end - ((end - pos - 8) & 1));
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException("no audio data in " + wav.getFileName());
    }

    /** G.711 μ-law, as Asterisk's format_pcm writes {@code .ulaw}. */
    static final class Ulaw {
        private static final int BIAS = 0x84;
        private static final int CLIP = 32635;

        private Ulaw() {
        }

        static byte[] encode(byte[] linear16le) {
            byte[] out = new byte[linear16le.length / 2];
            for (int i = 0; i < out.length; i++) {
                int sample = (short) ((linear16le[2 * i] & 0xff) | (linear16le[2 * i + 1] << 8));
                out[i] = encode(sample);
            }
            return out;
        }

        static byte encode(int sample) {
            int sign = (sample >> 8) & 0x80;
            if (sign != 0) {
                sample = -sample;
            }
            if (sample > CLIP) {
                sample = CLIP;
            }
            sample += BIAS;
            int exponent = 7;
            for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
                exponent--;
            }
            int mantissa = (sample >> (exponent + 3)) & 0x0f;
            return (byte) ~(sign | (exponent << 4) | mantissa);
        }
    }

    /** The recording of {@code name} in the most preferred format present. */
    static Optional<Path> recordingOf(Path recordings, String name) {
        for (String format : RECORDING_FORMATS.keySet()) {
            Path candidate = recordings.resolve(name + "." + format);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * What is missing under {@code out} for a complete set: {@code "<name>.<format>"} for every
     * sound and format not there or empty. Empty when every catalogue entry has every file.
     */
    public static List<String> missing(SoundSet set, Path out) {
        List<String> missing = new ArrayList<>();
        for (SoundSet.Sound sound : set.sounds()) {
            for (String format : FORMATS) {
                Path file = out.resolve(sound.name() + "." + format);
                try {
                    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                        missing.add(sound.name() + "." + format);
                    }
                } catch (IOException e) {
                    missing.add(sound.name() + "." + format);
                }
            }
        }
        return missing;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<String>> orderedRecordingFormats() {
        Map<String, List<String>> formats = new java.util.LinkedHashMap<>();
        formats.put("wav", List.of());
        formats.put("sln", List.of("-t", "raw", "-r", "8000", "-e", "signed-integer", "-b", "16", "-c", "1"));
        formats.put("raw", List.of("-t", "raw", "-r", "8000", "-e", "signed-integer", "-b", "16", "-c", "1"));
        formats.put("sln16", List.of("-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1"));
        formats.put("ulaw", List.of("-t", "ul", "-r", "8000", "-c", "1"));
        formats.put("ul", List.of("-t", "ul", "-r", "8000", "-c", "1"));
        formats.put("alaw", List.of("-t", "al", "-r", "8000", "-c", "1"));
        formats.put("al", List.of("-t", "al", "-r", "8000", "-c", "1"));
        formats.put("gsm", List.of("-t", "gsm", "-r", "8000", "-c", "1"));
        return java.util.Collections.unmodifiableMap(formats);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
