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
 * @param missingSoundFiles  sound files that do not exist (STREAM FILE answers -1 endpos=0)
 * @param deadSocketTimeout  how long a hung-up channel keeps the AGI socket open waiting for
 *                           the FastAGI side to close it (Asterisk waits for the server)
 */
public record PbxSettings(Map<String, String> globalOverrides, String inboundContext, double timeScale,
                          Set<String> missingSoundFiles, Duration deadSocketTimeout) {

    public PbxSettings {
        globalOverrides = Map.copyOf(globalOverrides);
        Objects.requireNonNull(inboundContext, "inboundContext");
        missingSoundFiles = Set.copyOf(missingSoundFiles);
        Objects.requireNonNull(deadSocketTimeout, "deadSocketTimeout");
        if (timeScale < 0) {
            throw new IllegalArgumentException("timeScale must be >= 0");
        }
    }

    public static PbxSettings defaults() {
        return new PbxSettings(Map.of(), "inbound", 0, Set.of(), Duration.ofSeconds(10));
    }

    public PbxSettings withGlobalOverrides(Map<String, String> overrides) {
        return new PbxSettings(overrides, inboundContext, timeScale, missingSoundFiles, deadSocketTimeout);
    }

    public PbxSettings withInboundContext(String context) {
        return new PbxSettings(globalOverrides, context, timeScale, missingSoundFiles, deadSocketTimeout);
    }

    public PbxSettings withTimeScale(double scale) {
        return new PbxSettings(globalOverrides, inboundContext, scale, missingSoundFiles, deadSocketTimeout);
    }

    public PbxSettings withMissingSoundFiles(Set<String> files) {
        return new PbxSettings(globalOverrides, inboundContext, timeScale, files, deadSocketTimeout);
    }

    public PbxSettings withDeadSocketTimeout(Duration timeout) {
        return new PbxSettings(globalOverrides, inboundContext, timeScale, missingSoundFiles, timeout);
    }
}
