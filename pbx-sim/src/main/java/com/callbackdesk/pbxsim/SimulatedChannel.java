package com.callbackdesk.pbxsim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated Asterisk channel: identity, variables, where it is in the dialplan, whether the
 * caller has hung up, and its (virtual) call time. Used by one call thread at a time.
 */
final class SimulatedChannel {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^{}]+)}");

    final ChannelIdentity id;
    final Map<String, String> variables = new LinkedHashMap<>();
    final Map<String, String> globals;
    final Deque<CallerPersona.Reaction> reactions;
    final Duration hangUpAfter;
    final String hangUpWhileHearing;
    /** Input-reading commands that found no scripted reaction left (the caller stayed silent). */
    int unscriptedInputs;
    String language;
    /** Sound files asked for that the PBX did not find, in the order first missed. */
    final Set<String> missingSounds = new java.util.LinkedHashSet<>();
    String context;
    String exten;
    int priority;
    boolean answered;
    volatile boolean hungUp;
    Duration elapsed = Duration.ZERO;
    /** A Goto executed from inside AGI: Asterisk jumps there once the AGI returns. */
    String[] pendingGoto;
    /** The priority whose application is running (0 = none): what Asterisk reports meanwhile. */
    int appPriority;
    /** Variables set with a _ or __ prefix, by plain name, with that prefix: inherited by dialled channels. */
    final Map<String, String> inheritable = new LinkedHashMap<>();
    /** The caller ID the dialplan set (Set(CALLERID(...))), null while it keeps its identity's. */
    String callerIdNum;
    String callerIdName;
    /** Where the channel's happenings go (AMI events); NONE for a plain FastAGI call. */
    ChannelEvents events = ChannelEvents.NONE;

    /** Hooks for what Asterisk reports over AMI while a channel runs the dialplan. */
    interface ChannelEvents {
        ChannelEvents NONE = new ChannelEvents() {
        };

        default void newExten(SimulatedChannel channel, String application, String appData) {
        }

        default void varSet(SimulatedChannel channel, String name, String value) {
        }

        default void agiExecStart(SimulatedChannel channel, String command, int commandId) {
        }

        default void agiExecEnd(SimulatedChannel channel, String command, int commandId, String reply) {
        }

        default void dtmf(SimulatedChannel channel, char digit) {
        }

        default void softHangupRequest(SimulatedChannel channel, int cause) {
        }

        /** The dialplan set CALLERID(all|num|name): the channel's caller ID changed (null = unchanged). */
        default void callerId(SimulatedChannel channel, String number, String name) {
        }
    }

    SimulatedChannel(ChannelIdentity id, CallerPersona persona, Map<String, String> globals) {
        this.id = Objects.requireNonNull(id, "id");
        this.globals = globals;
        this.reactions = new ArrayDeque<>(persona.reactions());
        this.hangUpAfter = persona.hangUpAfter();
        this.hangUpWhileHearing = persona.hangUpWhileHearing();
        this.language = id.language();
    }

    /** True once the persona's hang-up time has come; the caller is gone from then on. */
    boolean checkHangUpTime() {
        if (!hungUp && hangUpAfter != null && elapsed.compareTo(hangUpAfter) >= 0) {
            hungUp = true;
        }
        return hungUp;
    }

    /** True (and the caller gone) when the persona hangs up while hearing {@code file}. */
    boolean hangsUpHearing(String file) {
        if (!hungUp && hangUpWhileHearing != null && file.endsWith(hangUpWhileHearing)) {
            hungUp = true;
        }
        return hungUp;
    }

    void advance(Duration d) {
        elapsed = elapsed.plus(d);
    }

    String get(String name) {
        String upper = name.toUpperCase();
        switch (upper) {
            case "CHANNEL" -> {
                return id.channel();
            }
            case "UNIQUEID" -> {
                return id.uniqueId();
            }
            case "EXTEN" -> {
                return exten;
            }
            case "CONTEXT" -> {
                return context;
            }
            case "PRIORITY" -> {
                return Integer.toString(currentPriority());
            }
            case "CALLERID(NUM)" -> {
                return callerIdNum != null ? callerIdNum : id.callerIdOrUnknown();
            }
            case "CALLERID(NAME)" -> {
                return callerIdName != null ? callerIdName : id.callerIdNameOrUnknown();
            }
            case "CHANNEL(LANGUAGE)" -> {
                return language;
            }
            default -> {
                String v = variables.get(name);
                return v != null ? v : globals.get(name);
            }
        }
    }

    /** The priority Asterisk reports: the running application's, else the next one. */
    int currentPriority() {
        return appPriority > 0 ? appPriority : priority;
    }

    void set(String name, String value) {
        String function = name.toUpperCase(java.util.Locale.ROOT);
        if (function.startsWith("CALLERID(")) {
            setCallerId(function, value);
            return;
        }
        String n = name;
        while (n.startsWith("_")) {
            n = n.substring(1);   // __VAR / _VAR: inheritance markers, stored under the plain name
        }
        if (n.equalsIgnoreCase("CHANNEL(language)")) {
            language = value;
        } else {
            variables.put(n, value);
            if (name.startsWith("_")) {
                inheritable.put(n, name.startsWith("__") ? "__" : "_");
            }
        }
        events.varSet(this, n, value);
    }

    /**
     * {@code Set(CALLERID(all)="Name" <number>)}, {@code CALLERID(num)}, {@code CALLERID(name)}: a dialplan
     * function, not a variable (no VarSet); the channel's caller ID changes, which AMI reports.
     */
    private void setCallerId(String function, String value) {
        String number = null;
        String name = null;
        switch (function) {
            case "CALLERID(ALL)" -> {
                String[] cid = Originate.parseCallerId(value);
                number = cid[0] == null ? "" : cid[0];
                name = cid[1] == null ? "" : cid[1];
            }
            case "CALLERID(NUM)", "CALLERID(NUMBER)" -> number = value;
            case "CALLERID(NAME)" -> name = value;
            default -> {
                return;   // other parts (ani, dnid, pres...) are not simulated
            }
        }
        if (number != null) {
            callerIdNum = number;
        }
        if (name != null) {
            callerIdName = name;
        }
        events.callerId(this, number, name);
    }

    /** What a channel dialled from this one inherits (app_dial): __VAR stays inheritable, _VAR once. */
    void inheritInto(SimulatedChannel child) {
        inheritable.forEach((n, prefix) -> {
            child.variables.put(n, variables.get(n));
            if (prefix.equals("__")) {
                child.inheritable.put(n, "__");
            }
        });
    }

    /** ${...} substitution as Asterisk does before running an application; unknown = empty. */
    String substitute(String text) {
        String out = text;
        for (int guard = 0; guard < 10 && out.contains("${"); guard++) {
            Matcher m = VARIABLE.matcher(out);
            StringBuilder sb = new StringBuilder();
            boolean found = false;
            while (m.find()) {
                found = true;
                String v = get(m.group(1));
                m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
            }
            m.appendTail(sb);
            out = sb.toString();
            if (!found) {
                break;
            }
        }
        return out;
    }

    Map<String, String> snapshot() {
        Map<String, String> all = new ConcurrentHashMap<>();
        variables.forEach((k, v) -> all.put(k, v == null ? "" : v));
        all.put("CHANNEL(language)", language);
        return all;
    }
}
