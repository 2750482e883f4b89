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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asterisk's side of one FastAGI connection (res_agi.c): sends the agi_* environment, then reads
 * commands and answers each exactly as Asterisk 22 formats replies (checked byte for byte against
 * a transcript recorded from a real Asterisk 22.10, AsteriskCaptureReplayTest). On the caller's hang-up it sends a bare
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

    private final Socket socket;
    private final SimulatedChannel channel;
    private final AgiRequestLine request;
    private final PbxSettings settings;
    private final Map<String, String> database;
    private final List<AgiExchange> exchanges;
    private final AgiPlayback playback;
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
        this.playback = new AgiPlayback(channel, settings);
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

    /** The reply lines to one command line: unknown, refused on a dead channel, its usage, or its result. */
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
        AgiUsage usage = AgiUsage.of(name);
        if (args.size() < usage.minArgs()) {
            return usage.lines();
        }
        return execute(name, cmd, args);
    }

    /** Runs a known command whose arguments passed the usage check, on a live channel or one it may run on dead. */
    private List<String> execute(String name, AgiCommand cmd, List<String> args) {
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
            case "STREAM FILE" -> playback.streamFile(args.get(0), args.get(1));
            case "GET DATA" -> playback.getData(args);
            case "WAIT FOR DIGIT" -> playback.waitForDigit(Long.parseLong(args.get(0)));
            case "SAY DIGITS" -> playback.sayDigits(args.get(0));
            case "SAY NUMBER", "SAY ALPHA", "SAY TIME", "SAY DATETIME" -> {
                playback.pass(Duration.ofMillis(500L * args.get(0).length()));
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
            if (AgiUsage.KNOWN.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<String> ok(int result) {
        return List.of("200 result=" + result);
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
            case "WAIT" -> playback.pass(Duration.ofMillis((long) (Double.parseDouble(data.isBlank() ? "0" : data) * 1000)));
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
                    yield AgiUsage.of("DATABASE").lines();
                }
                database.put(a.get(0) + "/" + a.get(1), a.get(2));
                yield ok(1);
            }
            case "GET" -> {
                if (a.size() < 2) {
                    yield AgiUsage.of("DATABASE").lines();
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
}
