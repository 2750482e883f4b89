package com.callbackdesk.pbxsim;

import java.util.List;
import java.util.Set;

/** The command names res_agi knows, and their "proper usage" replies for bad syntax. */
record AgiUsage(int minArgs, List<String> lines) {

    static final Set<String> KNOWN = Set.of("ANSWER", "HANGUP", "CHANNEL STATUS", "STREAM FILE", "GET DATA",
            "WAIT FOR DIGIT", "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "SAY TIME", "SAY DATETIME",
            "SET VARIABLE", "GET VARIABLE", "GET FULL VARIABLE", "VERBOSE", "DATABASE", "EXEC", "SET MUSIC",
            "NOOP", "SET CONTEXT", "SET EXTENSION", "SET PRIORITY", "SET AUTOHANGUP");

    private static final String HEAD = "520-Invalid command syntax.  Proper usage follows:";
    private static final String TAIL = "520 End of proper usage.";

    static AgiUsage of(String name) {
        return switch (name) {
            // Exactly as captured from Asterisk 22.10.
            case "GET DATA" -> new AgiUsage(1, List.of(HEAD,
                    "Stream the given <replaceable>file</replaceable>, and receive DTMF data.",
                    "Returns the digits received from the channel at the other end.", TAIL));
            case "STREAM FILE" -> new AgiUsage(2, List.of(HEAD,
                    "Send the given file, allowing playback to be interrupted by the given digits, if any.", TAIL));
            case "WAIT FOR DIGIT" -> new AgiUsage(1, List.of(HEAD,
                    "Waits up to <replaceable>timeout</replaceable> milliseconds for channel to receive a DTMF digit.", TAIL));
            case "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "SAY TIME", "SAY DATETIME" -> new AgiUsage(2, List.of(HEAD,
                    "Say a given digit string, returning early if any of the given DTMF digits are received on the channel.", TAIL));
            case "SET VARIABLE" -> new AgiUsage(2, List.of(HEAD, "Sets a variable to the current channel.", TAIL));
            case "GET VARIABLE", "GET FULL VARIABLE" -> new AgiUsage(1, List.of(HEAD, "Gets a channel variable.", TAIL));
            case "EXEC" -> new AgiUsage(1, List.of(HEAD, "Executes a given Application", TAIL));
            case "VERBOSE" -> new AgiUsage(1, List.of(HEAD, "Logs a message to the asterisk verbose log.", TAIL));
            case "DATABASE" -> new AgiUsage(0, List.of(HEAD, "Manipulates the Asterisk database.", TAIL));
            case "SET MUSIC", "SET CONTEXT", "SET EXTENSION", "SET PRIORITY", "SET AUTOHANGUP" -> new AgiUsage(1,
                    List.of(HEAD, "Sets a channel setting.", TAIL));
            default -> new AgiUsage(0, List.of());
        };
    }
}
