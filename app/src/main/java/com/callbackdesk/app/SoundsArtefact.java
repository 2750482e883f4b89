package com.callbackdesk.app;

import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.prompts.PromptRenderer;
import com.callbackdesk.ivr.prompts.SoundSet;
import com.callbackdesk.ivr.prompts.SoundTools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The build's release artefact of sound files ({@code mvn package} runs it in app): every prompt of
 * the catalogue in English and Traditional Chinese, plus their digits, rendered into
 * {@code target/callback-desk-sounds/} and zipped as {@code target/callback-desk-sounds.zip}. Then it
 * checks that every catalogue entry has every file in every language, and fails the build if not. On a
 * machine without espeak-ng or sox it renders nothing and says so, without failing the build.
 *
 * <p>Usage: {@code SoundsArtefact <target directory>}.
 */
public final class SoundsArtefact {

    static final String DIRECTORY = "callback-desk-sounds";

    private SoundsArtefact() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "target");
        if (!SoundTools.available()) {
            String missing = SoundTools.which(SoundTools.ESPEAK).isEmpty() ? SoundTools.ESPEAK : SoundTools.SOX;
            System.out.println("[WARNING] " + missing + " is not installed: the sound files (" + DIRECTORY
                    + ".zip) are not rendered in this build (" + SoundTools.HOW_TO_INSTALL + ")");
            return;
        }
        SoundSet set = SoundSet.of(PromptCatalogue.loadDefault(), List.of("en", "zh-TW"));
        Path out = target.resolve(DIRECTORY);
        PromptRenderer.Report report = new PromptRenderer().render(set, out, null);
        List<String> missing = PromptRenderer.missing(set, out);
        if (!report.complete() || !missing.isEmpty()) {
            report.problems().forEach(p -> System.err.println("[ERROR] not rendered: " + p));
            missing.forEach(m -> System.err.println("[ERROR] missing: " + m));
            System.exit(1);
        }
        Path zip = target.resolve(DIRECTORY + ".zip");
        zip(out, zip);
        System.out.printf("[INFO] %d sound files (wav, sln, ulaw) for %s in %s and %s%n", set.sounds().size(),
                set.languages().stream().map(l -> l.code()).toList(), out, zip.getFileName());
    }

    /** The directory's files, by their path inside it (what is copied into Asterisk's sounds directory). */
    static void zip(Path dir, Path zip) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(file);
             Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
    }
}
