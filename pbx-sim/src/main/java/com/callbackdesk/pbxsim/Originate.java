package com.callbackdesk.pbxsim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Originate action, as manager.c's action_originate reads its headers. */
record Originate(String actionId, String channel, String tech, String resource, String context,
                 String exten, String application, String data, String cidNum, String cidName,
                 long timeoutMs, boolean async, List<String[]> variables) {

    private static final Pattern CALLER_ID = Pattern.compile("\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*");

    /** Reads the action; {@code channel} has been checked to be {@code <tech>/<resource>}. */
    static Originate of(AmiMessage m, String channel, int slash) {
        String[] cid = parseCallerId(m.get("CallerID"));
        List<String[]> variables = new ArrayList<>();
        for (String v : m.getAll("Variable")) {
            for (String one : v.split(",")) {
                int eq = one.indexOf('=');
                if (eq > 0) {
                    variables.add(new String[] {one.substring(0, eq).trim(), one.substring(eq + 1)});
                }
            }
        }
        String timeout = m.get("Timeout");
        String asyncHeader = m.get("Async");
        boolean async = asyncHeader != null && (asyncHeader.equalsIgnoreCase("true") || asyncHeader.equalsIgnoreCase("yes")
                || asyncHeader.equals("1"));
        return new Originate(m.get("ActionID"), channel, channel.substring(0, slash), channel.substring(slash + 1),
                m.get("Context"), m.get("Exten"), m.get("Application"), m.get("Data"), cid[0], cid[1],
                timeout == null || timeout.isBlank() ? 30_000 : Long.parseLong(timeout.trim()), async, variables);
    }

    /** {@code "Name" <number>} / {@code Name <number>} / {@code number}. */
    static String[] parseCallerId(String callerId) {
        if (callerId == null || callerId.isBlank()) {
            return new String[] {null, null};
        }
        Matcher m = CALLER_ID.matcher(callerId);
        if (m.matches()) {
            return new String[] {m.group(2), m.group(1).isEmpty() ? null : m.group(1)};
        }
        return new String[] {callerId.trim(), null};
    }

    /** The CALLBACK_ID variable the desk set (with or without inheritance underscores), or null. */
    String callbackId() {
        return variables.stream().filter(v -> v[0].replaceFirst("^_+", "").equals("CALLBACK_ID"))
                .map(v -> v[1]).findFirst().orElse(null);
    }
}
