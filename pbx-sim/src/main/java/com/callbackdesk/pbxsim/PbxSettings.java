package com.callbackdesk.pbxsim;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the simulated PBX behaves.
 *
 * @param globalOverrides    [globals] values to replace, e.g. FASTAGI=agi://127.0.0.1:PORT
 * @param inboundContext     where calls enter ("inbound")
 * @param timeScale          0 = never really wait (prompts, timeouts and think time pass in
 *                           virtual time only); 1 = real time
 * @param sounds             the sound files this PBX has; a missing one is answered as Asterisk does
 *                           (STREAM FILE and GET DATA {@code result=-1} at once, SAY DIGITS {@code result=0}
 *                           and silence). {@link #defaults()} has every file: the protocol and dialplan
 *                           tests play no desk prompts; whatever runs the IVR gives the desk's own set
 *                           ({@link SoundFiles#inDirectory} for a rendered set, {@link SoundFiles#listed}
 *                           for its names)
 * @param deadSocketTimeout  how long a hung-up channel keeps the AGI socket open waiting for
 *                           the FastAGI side to close it (Asterisk waits for the server)
 */
public record PbxSettings(Map<String, String> globalOverrides, String inboundContext, double timeScale,
                          SoundFiles sounds, Duration deadSocketTimeout) {

    public PbxSettings {
        globalOverrides = Map.copyOf(globalOverrides);
        Objects.requireNonNull(inboundContext, "inboundContext");
        Objects.requireNonNull(sounds, "sounds");
        Objects.requireNonNull(deadSocketTimeout, "deadSocketTimeout");
        if (timeScale < 0) {
            throw new IllegalArgumentException("timeScale must be >= 0");
        }
    }

    public static PbxSettings defaults() {
        return new PbxSettings(Map.of(), "inbound", 0, SoundFiles.everyFile(), Duration.ofSeconds(10));
    }

    public PbxSettings withGlobalOverrides(Map<String, String> overrides) {
        return new PbxSettings(overrides, inboundContext, timeScale, sounds, deadSocketTimeout);
    }

    public PbxSettings withInboundContext(String context) {
        return new PbxSettings(globalOverrides, context, timeScale, sounds, deadSocketTimeout);
    }

    public PbxSettings withTimeScale(double scale) {
        return new PbxSettings(globalOverrides, inboundContext, scale, sounds, deadSocketTimeout);
    }

    /** The sound files this PBX has (see {@link SoundFiles}). */
    public PbxSettings withSounds(SoundFiles files) {
        return new PbxSettings(globalOverrides, inboundContext, timeScale, files, deadSocketTimeout);
    }

    /** The same sounds without {@code files} (names as asked for, or paths as laid out). */
    public PbxSettings withMissingSoundFiles(Set<String> files) {
        return withSounds(sounds.without(files));
    }

    public PbxSettings withDeadSocketTimeout(Duration timeout) {
        return new PbxSettings(globalOverrides, inboundContext, timeScale, sounds, timeout);
    }
}
