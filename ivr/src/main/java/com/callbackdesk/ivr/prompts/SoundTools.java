package com.callbackdesk.ivr.prompts;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The two programs the built-in voice needs, found on the {@code PATH}: Debian's {@code espeak-ng}
 * (speech) and {@code sox} (conversion to what Asterisk plays).
 */
public final class SoundTools {

    public static final String ESPEAK = "espeak-ng";
    public static final String SOX = "sox";
    /** How to get them, said whenever one is missing. */
    public static final String HOW_TO_INSTALL = "apt-get install espeak-ng sox";

    private static final long TIMEOUT_SECONDS = 60;

    private final Path espeak;
    private final Path sox;

    private SoundTools(Path espeak, Path sox) {
        this.espeak = espeak;
        this.sox = sox;
    }

    /** Both tools from the PATH, or a {@link MissingSoundToolException} naming the one missing. */
    public static SoundTools onPath() {
        return onPath(System.getenv("PATH"));
    }

    /** Both tools from {@code searchPath} (directories as in PATH), or the exception naming the one missing. */
    static SoundTools onPath(String searchPath) {
        Path espeak = which(ESPEAK, searchPath).orElseThrow(() -> new MissingSoundToolException(ESPEAK));
        Path sox = which(SOX, searchPath).orElseThrow(() -> new MissingSoundToolException(SOX));
        return new SoundTools(espeak, sox);
    }

    /** Whether both tools are on the PATH. */
    public static boolean available() {
        return which(ESPEAK).isPresent() && which(SOX).isPresent();
    }

    /** The executable {@code name} on the PATH, if there is one. */
    public static Optional<Path> which(String name) {
        return which(name, System.getenv("PATH"));
    }

    private static Optional<Path> which(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * espeak-ng speaks {@code text} (UTF-8; SSML when it starts with {@code <speak>}) in {@code voice}
     * into a wav file (22 kHz, as espeak-ng makes it).
     */
    void speak(String voice, String text, Path wav) throws IOException {
        Path textFile = Files.createTempFile(wav.getParent(), "text-", ".txt");
        try {
            Files.writeString(textFile, text, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of(espeak.toString(), "-v", voice, "-b", "1", "-s", "150"));
            if (text.strip().startsWith("<speak")) {
                command.add("-m");   // SSML, e.g. a <voice> of another language inside the prompt
            }
            command.addAll(List.of("-f", textFile.toString(), "-w", wav.toString()));
            run(command);
        } finally {
            Files.deleteIfExists(textFile);
        }
    }

    /**
     * sox converts {@code input} (read as {@code inputType}, e.g. {@code ["-t", "raw", ...]}, or
     * from its extension when empty) into {@code output} of {@code outputType}, 8 kHz mono, peaks
     * normalised to -3 dB so nothing clips on the way down to 8 kHz.
     */
    void convert(List<String> inputType, Path input, List<String> outputType, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(sox.toString());
        command.add("-V1");   // errors only: sox's clipping notes are not ours to print
        command.addAll(inputType);
        command.add(input.toString());
        command.addAll(List.of("-r", "8000", "-c", "1"));
        command.addAll(outputType);
        command.add(output.toString());
        command.addAll(List.of("gain", "-n", "-3"));
        run(command);
    }

    private static void run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(Path.of(command.get(0)).getFileName() + " took longer than " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while " + command.get(0) + " ran", e);
        }
        if (process.exitValue() != 0) {
            String said = new String(output, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + process.exitValue()
                    + "): " + said);
        }
    }
}
