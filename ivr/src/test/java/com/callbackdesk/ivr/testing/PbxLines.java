package com.callbackdesk.ivr.testing;

import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.prompts.SoundSet;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.pbxsim.SoundFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * pbx-sim set up for ivr's tests: the real extensions.conf, its FASTAGI pointed at the test's
 * server, and the sound files of a complete set for the default prompt catalogue (by name: what
 * {@code prompts render} writes), less any a test removes ({@link #without}). Calls enter the real {@code [inbound]} context, or a test line whose only job is to
 * run one AGI URL (another script, a query string, a channel language the real [inbound] would
 * overwrite), with the real contexts ([operator], [survey] ...) still there to jump to.
 */
public final class PbxLines {

    /** The context the single-script test line lives in. */
    public static final String TEST_LINE = "ivr-test-line";

    private PbxLines() {
    }

    /** Callers dial the support line: the real [inbound] context runs AGI(${FASTAGI}/intake). */
    public static SimulatedPbx inbound(int fastAgiPort) {
        return inbound(fastAgiPort, Set.of());
    }

    /** The real [inbound], on a PBX whose sound set lacks {@code missingSounds}. */
    public static SimulatedPbx inbound(int fastAgiPort, Set<String> missingSounds) {
        return new SimulatedPbx(Dialplan.loadDefault(), settings(fastAgiPort, missingSounds));
    }

    /** Callers enter the real {@code context} (e.g. "survey") at s,1. */
    public static SimulatedPbx entering(int fastAgiPort, String context) {
        return new SimulatedPbx(Dialplan.loadDefault(), settings(fastAgiPort).withInboundContext(context));
    }

    /**
     * Callers land in a line that answers and runs {@code AGI(${FASTAGI}/<scriptWithQuery>)}, then
     * hangs up; an {@code EXEC Goto} from the script still reaches the real contexts.
     */
    public static SimulatedPbx runningScript(int fastAgiPort, String scriptWithQuery) {
        String line = "\n[" + TEST_LINE + "]\n"
                + "exten => s,1,Answer()\n"
                + " same => n,AGI(${FASTAGI}/" + scriptWithQuery + ")\n"
                + " same => n,Hangup()\n"
                + "exten => _X.,1,Goto(s,1)\n";   // the dialled number (DNID), as [inbound] does
        return new SimulatedPbx(Dialplan.parse(realExtensionsConf() + line),
                settings(fastAgiPort).withInboundContext(TEST_LINE));
    }

    /** The context the survey test line lives in. */
    public static final String AFTER_CALLBACK_LINE = "ivr-test-after-callback";

    /**
     * The customer's channel as Dial's F(survey^s^1) leaves it: CALLBACK_ID and CONSULTANT
     * inherited with {@code __} (null = not set, as when a dialplan forgot them; any text, also
     * garbled), then the real {@code [survey]} context from s,1.
     */
    public static SimulatedPbx afterCallback(int fastAgiPort, String callbackId, String consultant) {
        return afterCallback(fastAgiPort, callbackId, consultant, Set.of());
    }

    /** The same, on a PBX whose sound set lacks {@code missingSounds}. */
    public static SimulatedPbx afterCallback(int fastAgiPort, String callbackId, String consultant,
                                             Set<String> missingSounds) {
        StringBuilder line = new StringBuilder("\n[" + AFTER_CALLBACK_LINE + "]\n")
                .append("exten => s,1,Answer()\n");
        if (callbackId != null) {
            line.append(" same => n,Set(__CALLBACK_ID=").append(callbackId).append(")\n");
        }
        if (consultant != null) {
            line.append(" same => n,Set(__CONSULTANT=").append(consultant).append(")\n");
        }
        line.append(" same => n,Goto(survey,s,1)\n")
                .append("exten => _X.,1,Goto(s,1)\n");
        return new SimulatedPbx(Dialplan.parse(realExtensionsConf() + line),
                settings(fastAgiPort, missingSounds).withInboundContext(AFTER_CALLBACK_LINE));
    }

    /** The sound files a complete set for the default catalogue has: every prompt, every language's digits. */
    public static SoundFiles deskSounds() {
        return SoundFiles.listed(SoundSet.of(PromptCatalogue.loadDefault()).names());
    }

    private static PbxSettings settings(int fastAgiPort) {
        return settings(fastAgiPort, Set.of());
    }

    private static PbxSettings settings(int fastAgiPort, Set<String> missingSounds) {
        return PbxSettings.defaults().withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + fastAgiPort))
                .withSounds(deskSounds().without(missingSounds));
    }

    private static String realExtensionsConf() {
        try (InputStream in = Dialplan.class.getClassLoader().getResourceAsStream(Dialplan.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(Dialplan.DEFAULT_RESOURCE + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
