package com.callbackdesk.demo;

import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.prompts.PromptRenderer;
import com.callbackdesk.ivr.prompts.SoundSet;
import com.callbackdesk.pbxsim.SoundFiles;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The sound files the demo's simulated Asterisk has: the build's rendered set
 * ({@code callback-desk-sounds/} beside the jar, made when espeak-ng and sox are installed) when it is
 * complete, else the same set by name from the prompt catalogue — so the demo runs the same without
 * espeak-ng, and the PBX still answers a file outside the set as Asterisk answers a missing one.
 *
 * @param files       what the PBX has
 * @param description one line for the demo's report
 */
record DemoSounds(SoundFiles files, String description) {

    static DemoSounds find() {
        SoundSet set = SoundSet.of(PromptCatalogue.loadDefault());
        Optional<Path> rendered = renderedBesideTheJar().filter(dir -> PromptRenderer.missing(set, dir).isEmpty());
        if (rendered.isPresent()) {
            return new DemoSounds(SoundFiles.inDirectory(rendered.get()),
                    set.sounds().size() + " sound files rendered in " + rendered.get());
        }
        return new DemoSounds(SoundFiles.listed(set.names()), set.sounds().size()
                + " sound files of the prompt catalogue, by name (no rendered set needed: espeak-ng is optional)");
    }

    /** {@code <jar dir>/callback-desk-sounds}, the jar being app/target/callback-desk.jar with its lib/. */
    private static Optional<Path> renderedBesideTheJar() {
        try {
            Path code = Path.of(DemoSounds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null && dir.getNameCount() > 0; dir = dir.getParent()) {
                Path candidate = dir.resolve("callback-desk-sounds");
                if (Files.isDirectory(candidate)) {
                    return Optional.of(candidate);
                }
                if (dir.getFileName().toString().equals("target") || Files.exists(dir.resolve("callback-desk.jar"))) {
                    break;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source to look beside: use the names
        }
        return Optional.empty();
    }
}
