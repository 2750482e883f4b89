package com.callbackdesk.ivr.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller on a channel as Asterisk presents it to a FastAGI server, for ivr's own tests while
 * pbx-sim is not available to them: opens the TCP connection, sends the agi_* environment and
 * answers commands in Asterisk 22's reply formats (see shared/reference/asterisk-22.10-agi-transcript.txt).
 * Each GET DATA / WAIT FOR DIGIT consumes the next reaction. Deliberately small; pbx-sim is the
 * full simulator.
 */
public final class WireCaller {

    private static final Pattern GET_DATA = Pattern.compile("GET DATA \"?([^\" ]*)\"? \"?(\\d+)\"? \"?(\\d+)\"?");
    private static final Pattern STREAM_FILE = Pattern.compile("STREAM FILE \"?([^\" ]*)\"?.*");
    private static final Pattern SET_VARIABLE = Pattern.compile("SET VARIABLE \"?([^\"]*)\"? \"(.*)\"");
    private static final Pattern SAY_DIGITS = Pattern.compile("SAY DIGITS \"?(\\w+)\"?.*");
    private static final Pattern EXEC = Pattern.compile("EXEC \"?(\\w+)\"? ?\"?([^\"]*)\"?");

    /** What the caller does at a GET DATA. */
    public sealed interface Reaction {
    }

    /** Keys pressed; a trailing # ends input (and is not returned), as on a real keypad. */
    public record Press(String keys) implements Reaction {
    }

    public record Silence() implements Reaction {
    }

    public record HangUp() implements Reaction {
    }

    public static Reaction press(String keys) {
        return new Press(keys);
    }

    public static Reaction silence() {
        return new Silence();
    }

    public static Reaction hangUp() {
        return new HangUp();
    }

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Deque<Reaction> reactions = new ArrayDeque<>();
    /** Everything the server sent, in order; readable while the call runs. */
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private volatile String hangUpWhileHearing;
    private volatile boolean hungUp;
    private volatile boolean ranOutOfReactions;

    public WireCaller(String callerId, String uniqueId) {
        environment.put("agi_network", "yes");
        environment.put("agi_network_script", "intake");
        environment.put("agi_request", "agi://127.0.0.1/intake");
        environment.put("agi_channel", "PJSIP/trunk-00000001");
        environment.put("agi_language", "en");
        environment.put("agi_type", "PJSIP");
        environment.put("agi_uniqueid", uniqueId);
        environment.put("agi_version", "22.10.1");
        environment.put("agi_callerid", callerId == null ? "unknown" : callerId);
        environment.put("agi_calleridname", callerId == null ? "unknown" : "Caller");
        environment.put("agi_callingpres", callerId == null ? "67" : "0");
        environment.put("agi_callingani2", "0");
        environment.put("agi_callington", "0");
        environment.put("agi_callingtns", "0");
        environment.put("agi_dnid", "0800123456");
        environment.put("agi_rdnis", "unknown");
        environment.put("agi_context", "inbound");
        environment.put("agi_extension", "s");
        environment.put("agi_priority", "2");
        environment.put("agi_enhanced", "0.0");
        environment.put("agi_accountcode", "");
        environment.put("agi_threadid", "140509327029952");
    }

    public WireCaller env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    public WireCaller script(String scriptWithQuery) {
        environment.put("agi_network_script", scriptWithQuery);
        environment.put("agi_request", "agi://127.0.0.1/" + scriptWithQuery);
        return this;
    }

    /** Hangs up while the sound file whose name ends with {@code fileSuffix} plays. */
    public WireCaller hangUpWhileHearing(String fileSuffix) {
        this.hangUpWhileHearing = fileSuffix;
        return this;
    }

    public WireCaller then(Reaction... next) {
        reactions.addAll(List.of(next));
        return this;
    }

    /** Runs the call to the end (the server closes the socket). */
    public WireCaller call(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1);
            StringBuilder env = new StringBuilder();
            environment.forEach((k, v) -> env.append(k).append(": ").append(v).append('\n'));
            env.append('\n');
            out.write(env.toString());
            out.flush();
            String command;
            while ((command = in.readLine()) != null) {
                commands.add(command);
                out.write(answer(command));
                out.flush();
            }
        }
        return this;
    }

    private String answer(String command) {
        if (hungUp) {
            // Dead channel: variables and EXEC still work, media commands do not.
            if (command.startsWith("SET VARIABLE") || command.startsWith("EXEC") || command.startsWith("GET VARIABLE")) {
                record(command);
                return "200 result=1\n";
            }
            return "511 Command Not Permitted on a dead channel or intercept routine\n";
        }
        Matcher m;
        if ((m = GET_DATA.matcher(command)).matches()) {
            heard.add(m.group(1));
            return getData(Integer.parseInt(m.group(3)));
        }
        if ((m = STREAM_FILE.matcher(command)).matches()) {
            heard.add(m.group(1));
            if (hangUpWhileHearing != null && m.group(1).endsWith(hangUpWhileHearing)) {
                hungUp = true;
                return "HANGUP\n200 result=-1 endpos=1200\n";
            }
            return "200 result=0 endpos=8000\n";
        }
        if ((m = SAY_DIGITS.matcher(command)).matches()) {
            heard.add("digits:" + m.group(1));
            return "200 result=0\n";
        }
        record(command);
        if (command.equals("CHANNEL STATUS")) {
            return "200 result=6\n";   // up
        }
        if (command.startsWith("EXEC")) {
            return "200 result=0\n";
        }
        return "200 result=1\n";
    }

    private void record(String command) {
        Matcher m;
        if ((m = SET_VARIABLE.matcher(command)).matches()) {
            synchronized (variables) {
                variables.put(m.group(1), m.group(2));
            }
        } else if ((m = EXEC.matcher(command)).matches()) {
            synchronized (variables) {
                variables.put("exec:" + m.group(1), m.group(2));
            }
        }
    }

    private String getData(int maxDigits) {
        Reaction reaction = reactions.poll();
        if (reaction == null) {
            ranOutOfReactions = true;
            reaction = new HangUp();
        }
        if (reaction instanceof HangUp) {
            hungUp = true;
            return "HANGUP\n200 result=-1\n";
        }
        if (reaction instanceof Silence) {
            return "200 result= (timeout)\n";
        }
        String keys = ((Press) reaction).keys();
        int hash = keys.indexOf('#');
        String typed = hash >= 0 ? keys.substring(0, hash) : keys;
        if (typed.length() >= maxDigits) {
            return "200 result=" + typed.substring(0, maxDigits) + "\n";
        }
        return hash >= 0 ? "200 result=" + typed + "\n" : "200 result=" + typed + " (timeout)\n";
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Sound files played (STREAM FILE, GET DATA) and "digits:NNN" for SAY DIGITS, in order. */
    public List<String> heard() {
        return List.copyOf(heard);
    }

    public Map<String, String> variables() {
        synchronized (variables) {
            return Map.copyOf(variables);
        }
    }

    public boolean hungUp() {
        return hungUp;
    }

    /** True when the script asked more questions than the test scripted (the caller then hung up). */
    public boolean ranOutOfReactions() {
        return ranOutOfReactions;
    }

    public List<Reaction> unusedReactions() {
        return new ArrayList<>(reactions);
    }
}
