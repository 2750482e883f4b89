package com.callbackdesk.pbxsim;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asterisk's side of one FastAGI connection (res_agi.c): sends the agi_* environment, then reads
 * commands and answers each exactly as Asterisk 22 formats replies (checked byte for byte against
 * shared/reference/asterisk-22.10-agi-transcript.txt). On the caller's hang-up it sends a bare
 * {@code HANGUP} line, answers later commands in dead mode, and keeps the socket open until the
 * FastAGI side closes it.
 */
final class AgiChannelSession {

    private static final Logger LOG = LogManager.getLogger(AgiChannelSession.class);

    static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    static final String UNKNOWN = "510 Invalid or unknown command";
    /** res_agi lets these run on a hung-up channel; everything else gets 511. */
    private static final Set<String> ALLOWED_DEAD = Set.of("EXEC", "GET VARIABLE", "GET FULL VARIABLE",
            "SET VARIABLE", "NOOP", "VERBOSE", "DATABASE");
    private static final Set<String> KNOWN_APPS = Set.of("ANSWER", "HANGUP", "WAIT", "PLAYBACK", "NOOP", "SET",
            "GOTO", "DIAL", "SAYDIGITS", "BACKGROUND", "READ", "SENDDTMF", "MUSICONHOLD", "VERBOSE", "LOG",
            "PROGRESS", "RINGING", "AGI");
    private static final int SAMPLES_PER_SECOND = 8000;
    private static final int DEFAULT_FILE_SAMPLES = 16000;
    private static final long DEFAULT_GET_DATA_TIMEOUT_MS = 6000;

    private final Socket socket;
    private final SimulatedChannel channel;
    private final AgiRequestLine request;
    private final PbxSettings settings;
    private final Map<String, String> database;
    private final List<AgiExchange> exchanges;
    private OutputStream out;
    private boolean hangupNoticeSent;

    AgiChannelSession(Socket socket, SimulatedChannel channel, AgiRequestLine request, PbxSettings settings,
                      Map<String, String> database, List<AgiExchange> exchanges) {
        this.socket = socket;
        this.channel = channel;
        this.request = request;
        this.settings = settings;
        this.database = database;
        this.exchanges = exchanges;
    }

    /** Runs until the FastAGI side closes the connection (or a dead channel's socket times out). */
    void run() throws IOException {
        out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        sendEnvironment();
        String line;
        while (true) {
            try {
                line = in.readLine();
            } catch (SocketTimeoutException e) {
                LOG.debug("FastAGI side kept the dead channel's socket open past {}; closing", settings.deadSocketTimeout());
                return;
            }
            if (line == null) {
                return;
            }
            long start = System.nanoTime();
            if (channel.checkHangUpTime()) {
                noticeHangup();
            }
            int commandId = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            channel.events.agiExecStart(channel, line, commandId);
            List<String> reply = answer(line);
            channel.events.agiExecEnd(channel, line, commandId, reply.isEmpty() ? "" : reply.get(reply.size() - 1));
            StringBuilder wire = new StringBuilder();
            reply.forEach(r -> wire.append(r).append('\n'));
            write(wire.toString());
            exchanges.add(new AgiExchange(line, reply, System.nanoTime() - start, start));
            if (channel.hungUp) {
                noticeHangup();
            }
        }
    }

    private void sendEnvironment() throws IOException {
        ChannelIdentity id = channel.id;
        StringBuilder env = new StringBuilder(512);
        env.append("agi_network: yes\n");
        env.append("agi_network_script: ").append(request.networkScript()).append('\n');
        env.append("agi_request: ").append(request.url()).append('\n');
        env.append("agi_channel: ").append(id.channel()).append('\n');
        env.append("agi_language: ").append(channel.language).append('\n');
        env.append("agi_type: ").append(id.type()).append('\n');
        env.append("agi_uniqueid: ").append(id.uniqueId()).append('\n');
        env.append("agi_version: ").append(SimulatedPbx.ASTERISK_VERSION).append('\n');
        env.append("agi_callerid: ").append(id.callerIdOrUnknown()).append('\n');
        env.append("agi_calleridname: ").append(id.callerIdNameOrUnknown()).append('\n');
        env.append("agi_callingpres: ").append(id.callingPres()).append('\n');
        env.append("agi_callingani2: 0\n");
        env.append("agi_callington: 0\n");
        env.append("agi_callingtns: 0\n");
        env.append("agi_dnid: ").append(id.dnid() == null ? "unknown" : id.dnid()).append('\n');
        env.append("agi_rdnis: unknown\n");
        env.append("agi_context: ").append(channel.context).append('\n');
        env.append("agi_extension: ").append(channel.exten).append('\n');
        env.append("agi_priority: ").append(channel.currentPriority()).append('\n');
        env.append("agi_enhanced: 0.0\n");
        env.append("agi_accountcode: ").append(id.accountCode() == null ? "" : id.accountCode()).append('\n');
        env.append("agi_threadid: ").append(id.threadId()).append('\n');
        for (int i = 0; i < request.args().size(); i++) {
            env.append("agi_arg_").append(i + 1).append(": ").append(request.args().get(i)).append('\n');
        }
        env.append('\n');
        write(env.toString());
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Asterisk tells the script once, on a line of its own, then keeps serving in dead mode. */
    private void noticeHangup() throws IOException {
        if (!hangupNoticeSent) {
            hangupNoticeSent = true;
            write("HANGUP\n");
            socket.setSoTimeout((int) settings.deadSocketTimeout().toMillis());
        }
    }

    private List<String> answer(String line) {
        AgiCommand cmd = AgiCommand.parse(line);
        String name = commandName(cmd);
        if (name == null) {
            return List.of(UNKNOWN);
        }
        if (channel.hungUp && !ALLOWED_DEAD.contains(name)) {
            return List.of(DEAD);
        }
        int nameWords = name.split(" ").length;
        List<String> args = cmd.argsAfter(nameWords);
        Usage usage = Usage.of(name);
        if (args.size() < usage.minArgs()) {
            return usage.lines();
        }
        return switch (name) {
            case "ANSWER" -> {
                channel.answered = true;
                yield ok(0);
            }
            case "HANGUP" -> {
                channel.events.softHangupRequest(channel, 32);   // AST_SOFTHANGUP_EXPLICIT, as captured
                channel.hungUp = true;
                yield ok(1);
            }
            case "CHANNEL STATUS" -> ok(channel.answered ? 6 : 4);
            case "STREAM FILE" -> streamFile(args.get(0), args.get(1));
            case "GET DATA" -> getData(args);
            case "WAIT FOR DIGIT" -> waitForDigit(Long.parseLong(args.get(0)));
            case "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "SAY TIME", "SAY DATETIME" -> {
                channel.advance(Duration.ofMillis(500L * args.get(0).length()));
                sleep(Duration.ofMillis(500L * args.get(0).length()));
                yield ok(0);
            }
            case "SET VARIABLE" -> {
                channel.set(args.get(0), args.get(1));
                yield ok(1);
            }
            case "GET VARIABLE" -> {
                String v = channel.get(args.get(0));
                yield v == null ? ok(0) : List.of("200 result=1 (" + v + ")");
            }
            case "GET FULL VARIABLE" -> List.of("200 result=1 (" + channel.substitute(args.get(0)) + ")");
            case "VERBOSE" -> ok(1);
            case "DATABASE" -> database(cmd);
            case "EXEC" -> exec(args.get(0), args.size() > 1 ? String.join(" ", args.subList(1, args.size())) : "");
            case "SET MUSIC", "NOOP", "SET AUTOHANGUP" -> ok(0);
            case "SET CONTEXT" -> {
                channel.context = args.get(0);
                yield ok(0);
            }
            case "SET EXTENSION" -> {
                channel.exten = args.get(0);
                yield ok(0);
            }
            case "SET PRIORITY" -> {
                channel.priority = Integer.parseInt(args.get(0));
                yield ok(0);
            }
            default -> List.of(UNKNOWN);
        };
    }

    private static String commandName(AgiCommand cmd) {
        String one = cmd.word(0);
        String two = one + " " + cmd.word(1);
        String three = two + " " + cmd.word(2);
        for (String candidate : List.of(three, two, one)) {
            if (Usage.KNOWN.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<String> ok(int result) {
        return List.of("200 result=" + result);
    }

    private List<String> streamFile(String file, String escapeDigits) {
        if (settings.missingSoundFiles().contains(file)) {
            return List.of("200 result=-1 endpos=0");
        }
        int samples = soundLength(file);
        if (channel.hangsUpHearing(file)) {
            // ast_waitstream returns -1 when the channel hangs up mid-file; res_agi reports the offset.
            int heard = samples / 2;
            pass(Duration.ofMillis(heard * 1000L / SAMPLES_PER_SECOND));
            return List.of("200 result=-1 endpos=" + heard);
        }
        if (!escapeDigits.isEmpty() && channel.reactions.peek() instanceof CallerPersona.Press press
                && escapeDigits.indexOf(press.digits().charAt(0)) >= 0) {
            channel.reactions.poll();
            int heard = Math.min(samples, (int) (press.thinkTime().toMillis() * SAMPLES_PER_SECOND / 1000));
            pass(press.thinkTime());
            keyed(press.digits().substring(0, 1));
            return List.of("200 result=" + (int) press.digits().charAt(0) + " endpos=" + heard);
        }
        pass(Duration.ofMillis(samples * 1000L / SAMPLES_PER_SECOND));
        return List.of("200 result=0 endpos=" + samples);
    }

    private static int soundLength(String file) {
        return "beep".equals(file) ? 2000 : DEFAULT_FILE_SAMPLES;
    }

    private List<String> getData(List<String> args) {
        String file = args.get(0);
        long timeoutMs = args.size() > 1 && !args.get(1).isEmpty() ? Long.parseLong(args.get(1)) : DEFAULT_GET_DATA_TIMEOUT_MS;
        int maxDigits = args.size() > 2 && !args.get(2).isEmpty() ? Integer.parseInt(args.get(2)) : 1024;
        if (channel.hangsUpHearing(file)) {
            return ok(-1);
        }
        if (!settings.missingSoundFiles().contains(file)) {
            pass(Duration.ofMillis(soundLength(file) * 1000L / SAMPLES_PER_SECOND));
        }
        CallerPersona.Reaction reaction = nextReaction();
        if (reaction instanceof CallerPersona.HangUp) {
            channel.hungUp = true;
            return ok(-1);
        }
        if (reaction instanceof CallerPersona.PressThenTimeout partial) {
            keyed(keep(partial.digits(), maxDigits));
            pass(Duration.ofMillis(timeoutMs));
            return List.of("200 result=" + keep(partial.digits(), maxDigits) + " (timeout)");
        }
        if (reaction instanceof CallerPersona.Press press) {
            pass(press.thinkTime());
            String keys = press.digits();
            int hash = keys.indexOf('#');
            String typed = hash >= 0 ? keys.substring(0, hash) : keys;
            keyed(typed.length() >= maxDigits ? typed.substring(0, maxDigits) : hash >= 0 ? keys.substring(0, hash + 1) : typed);
            if (typed.length() >= maxDigits) {
                return List.of("200 result=" + typed.substring(0, maxDigits));
            }
            if (hash >= 0) {
                return List.of("200 result=" + typed);
            }
            pass(Duration.ofMillis(timeoutMs));   // waits for more keys that never come
            return List.of("200 result=" + typed + " (timeout)");
        }
        pass(Duration.ofMillis(timeoutMs));
        return List.of("200 result= (timeout)");
    }

    /** The caller's keys reach the channel as DTMF (AMI DTMFBegin/DTMFEnd). */
    private void keyed(String keys) {
        for (char c : keys.toCharArray()) {
            channel.events.dtmf(channel, c);
        }
    }

    private static String keep(String digits, int max) {
        return digits.length() > max ? digits.substring(0, max) : digits;
    }

    private List<String> waitForDigit(long timeoutMs) {
        CallerPersona.Reaction reaction = nextReaction();
        if (reaction instanceof CallerPersona.HangUp) {
            channel.hungUp = true;
            return ok(-1);
        }
        String digits = reaction instanceof CallerPersona.Press p ? p.digits()
                : reaction instanceof CallerPersona.PressThenTimeout t ? t.digits() : null;
        if (digits == null) {
            pass(Duration.ofMillis(Math.max(0, timeoutMs)));
            return ok(0);
        }
        if (reaction instanceof CallerPersona.Press p) {
            pass(p.thinkTime());
        }
        keyed(digits.substring(0, 1));
        return ok(digits.charAt(0));
    }

    private CallerPersona.Reaction nextReaction() {
        CallerPersona.Reaction r = channel.reactions.poll();
        if (r == null) {
            channel.unscriptedInputs++;
            return new CallerPersona.Silence();
        }
        return r;
    }

    private List<String> exec(String application, String data) {
        String app = application.toUpperCase();
        if (!KNOWN_APPS.contains(app)) {
            return List.of("200 result=-2");
        }
        switch (app) {
            case "GOTO" -> channel.pendingGoto = data.split("[,|]");
            case "SET" -> {
                int eq = data.indexOf('=');
                if (eq > 0) {
                    channel.set(data.substring(0, eq), data.substring(eq + 1));
                }
            }
            case "WAIT" -> pass(Duration.ofMillis((long) (Double.parseDouble(data.isBlank() ? "0" : data) * 1000)));
            case "HANGUP" -> channel.hungUp = true;
            case "ANSWER" -> channel.answered = true;
            default -> {
            }
        }
        return ok(0);
    }

    private List<String> database(AgiCommand cmd) {
        String op = cmd.word(1);
        List<String> a = cmd.argsAfter(2);
        return switch (op) {
            case "PUT" -> {
                if (a.size() < 3) {
                    yield Usage.of("DATABASE").lines();
                }
                database.put(a.get(0) + "/" + a.get(1), a.get(2));
                yield ok(1);
            }
            case "GET" -> {
                if (a.size() < 2) {
                    yield Usage.of("DATABASE").lines();
                }
                String v = database.get(a.get(0) + "/" + a.get(1));
                yield v == null ? ok(0) : List.of("200 result=1 (" + v + ")");
            }
            case "DEL" -> ok(database.remove(a.isEmpty() ? "" : a.get(0) + "/" + (a.size() > 1 ? a.get(1) : "")) != null ? 1 : 0);
            case "DELTREE" -> {
                String prefix = a.isEmpty() ? "" : a.get(0) + "/";
                database.keySet().removeIf(k -> k.startsWith(prefix));
                yield ok(1);
            }
            default -> List.of(UNKNOWN);
        };
    }

    /** Advances the call's virtual time, and sleeps for it when the PBX runs in (scaled) real time. */
    private void pass(Duration d) {
        channel.advance(d);
        sleep(d);
    }

    private void sleep(Duration d) {
        if (settings.timeScale() > 0) {
            try {
                Thread.sleep((long) (d.toMillis() * settings.timeScale()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The command names res_agi knows, and their "proper usage" replies for bad syntax. */
    record Usage(int minArgs, List<String> lines) {

        static final Set<String> KNOWN = Set.of("ANSWER", "HANGUP", "CHANNEL STATUS", "STREAM FILE", "GET DATA",
                "WAIT FOR DIGIT", "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "SAY TIME", "SAY DATETIME",
                "SET VARIABLE", "GET VARIABLE", "GET FULL VARIABLE", "VERBOSE", "DATABASE", "EXEC", "SET MUSIC",
                "NOOP", "SET CONTEXT", "SET EXTENSION", "SET PRIORITY", "SET AUTOHANGUP");

        private static final String HEAD = "520-Invalid command syntax.  Proper usage follows:";
        private static final String TAIL = "520 End of proper usage.";

        static Usage of(String name) {
            return switch (name) {
                // Exactly as captured from Asterisk 22.10.
                case "GET DATA" -> new Usage(1, List.of(HEAD,
                        "Stream the given <replaceable>file</replaceable>, and receive DTMF data.",
                        "Returns the digits received from the channel at the other end.", TAIL));
                case "STREAM FILE" -> new Usage(2, List.of(HEAD,
                        "Send the given file, allowing playback to be interrupted by the given digits, if any.", TAIL));
                case "WAIT FOR DIGIT" -> new Usage(1, List.of(HEAD,
                        "Waits up to <replaceable>timeout</replaceable> milliseconds for channel to receive a DTMF digit.", TAIL));
                case "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "SAY TIME", "SAY DATETIME" -> new Usage(2, List.of(HEAD,
                        "Say a given digit string, returning early if any of the given DTMF digits are received on the channel.", TAIL));
                case "SET VARIABLE" -> new Usage(2, List.of(HEAD, "Sets a variable to the current channel.", TAIL));
                case "GET VARIABLE", "GET FULL VARIABLE" -> new Usage(1, List.of(HEAD, "Gets a channel variable.", TAIL));
                case "EXEC" -> new Usage(1, List.of(HEAD, "Executes a given Application", TAIL));
                case "VERBOSE" -> new Usage(1, List.of(HEAD, "Logs a message to the asterisk verbose log.", TAIL));
                case "DATABASE" -> new Usage(0, List.of(HEAD, "Manipulates the Asterisk database.", TAIL));
                case "SET MUSIC", "SET CONTEXT", "SET EXTENSION", "SET PRIORITY", "SET AUTOHANGUP" -> new Usage(1,
                        List.of(HEAD, "Sets a channel setting.", TAIL));
                default -> new Usage(0, List.of());
            };
        }
    }

    /** Parsed AGI(...) application data: the URL and the extra arguments. */
    record AgiRequestLine(String url, String host, int port, String networkScript, List<String> args) {

        static AgiRequestLine parse(List<String> appArgs) {
            if (appArgs.isEmpty() || !appArgs.get(0).startsWith("agi://")) {
                throw new IllegalArgumentException("only FastAGI (agi://host[:port]/script) is simulated: " + appArgs);
            }
            String url = appArgs.get(0);
            String rest = url.substring("agi://".length());
            int slash = rest.indexOf('/');
            String hostPort = slash < 0 ? rest : rest.substring(0, slash);
            String script = slash < 0 ? "" : rest.substring(slash + 1);
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port = colon < 0 ? 4573 : Integer.parseInt(hostPort.substring(colon + 1));
            return new AgiRequestLine(url, host, port, script, new ArrayList<>(appArgs.subList(1, appArgs.size())));
        }
    }
}
