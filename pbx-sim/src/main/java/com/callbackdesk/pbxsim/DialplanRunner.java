package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.dialplan.DialplanContext;
import com.callbackdesk.dialplan.Extension;
import com.callbackdesk.dialplan.Priority;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a channel through the real dialplan as pbx.c does: priority after priority of the
 * matched extension, jumping on Goto, ending on Hangup or when the extension runs out
 * (autofallthrough), and running the {@code h} extension after a caller hang-up.
 */
final class DialplanRunner {

    private static final Logger LOG = LogManager.getLogger(DialplanRunner.class);
    private static final int MAX_STEPS = 500;

    private final Dialplan dialplan;
    private final PbxSettings settings;
    private final Map<String, String> database;
    private final DialHandler dialHandler;

    /**
     * What Dial() does. Sets DIALSTATUS (and whatever else) on the channel; returns true when the
     * channel running Dial is gone afterwards (it hung up, or Dial's F() moved the other party on).
     */
    interface DialHandler {
        /** No endpoints behind the simulated PBX: the dialled party is unavailable. */
        DialHandler UNAVAILABLE = (channel, args) -> {
            channel.set("DIALSTATUS", "CHANUNAVAIL");
            return false;
        };

        boolean dial(SimulatedChannel channel, List<String> args);
    }

    DialplanRunner(Dialplan dialplan, PbxSettings settings, Map<String, String> database) {
        this(dialplan, settings, database, DialHandler.UNAVAILABLE);
    }

    DialplanRunner(Dialplan dialplan, PbxSettings settings, Map<String, String> database, DialHandler dialHandler) {
        this.dialplan = dialplan;
        this.settings = settings;
        this.database = database;
        this.dialHandler = dialHandler;
    }

    /** Runs from context/exten/1 until the call ends; returns how it ended. */
    String run(SimulatedChannel channel, String context, String exten, List<AgiExchange> exchanges,
               List<String> steps) {
        return run(channel, context, exten, exchanges, steps, false);
    }

    private String run(SimulatedChannel channel, String context, String exten, List<AgiExchange> exchanges,
                       List<String> steps, boolean inHangupHandler) {
        channel.context = context;
        channel.exten = exten;
        channel.priority = 1;
        for (int guard = 0; guard < MAX_STEPS; guard++) {
            Optional<Priority> step = find(channel.context, channel.exten, channel.priority);
            if (step.isEmpty()) {
                return finish(channel, inHangupHandler, "end-of-dialplan", exchanges, steps);
            }
            Priority p = step.get();
            steps.add(channel.context + "," + channel.exten + "," + p.number() + " " + p.application() + "(" + p.rawArgs() + ")");
            List<String> args = p.args().stream().map(channel::substitute).toList();
            String app = p.application().toUpperCase();
            channel.priority = p.number() + 1;
            channel.appPriority = p.number();
            channel.events.newExten(channel, p.application(), String.join(",", args));
            switch (app) {
                case "NOOP", "PLAYBACK", "PROGRESS", "RINGING", "VERBOSE", "LOG" -> {
                }
                case "ANSWER" -> channel.answered = true;
                case "WAIT" -> {
                    Duration d = Duration.ofMillis((long) (Double.parseDouble(args.isEmpty() ? "0" : args.get(0)) * 1000));
                    channel.advance(d);
                    sleepScaled(settings, d);
                }
                case "SET" -> {
                    String assignment = String.join(",", args);
                    int eq = assignment.indexOf('=');
                    if (eq > 0) {
                        channel.set(assignment.substring(0, eq), assignment.substring(eq + 1));
                    }
                }
                case "GOTO" -> jump(channel, args.toArray(String[]::new));
                case "GOTOIF" -> gotoIf(channel, String.join(",", args));
                case "HANGUP" -> {
                    channel.events.softHangupRequest(channel, 16);
                    if (inHangupHandler) {
                        return channel.hungUp ? "caller-hangup" : "dialplan-hangup";
                    }
                    return finish(channel, false, "dialplan-hangup", exchanges, steps);
                }
                case "DIAL" -> {
                    if (dialHandler.dial(channel, args)) {
                        return finish(channel, inHangupHandler, "caller-hangup", exchanges, steps);
                    }
                }
                case "AGI" -> {
                    runAgi(channel, args, exchanges);
                    if (channel.hungUp && !inHangupHandler) {
                        return finish(channel, false, "caller-hangup", exchanges, steps);
                    }
                    if (channel.pendingGoto != null) {
                        String[] target = channel.pendingGoto;
                        channel.pendingGoto = null;
                        jump(channel, target);
                    }
                }
                default -> {
                    LOG.warn("application {} is not simulated; hanging up as Asterisk does for a missing application", p.application());
                    return finish(channel, inHangupHandler, "error:unknown-application " + p.application(), exchanges, steps);
                }
            }
            channel.appPriority = 0;
            if (channel.checkHangUpTime() && !inHangupHandler) {
                return finish(channel, false, "caller-hangup", exchanges, steps);
            }
        }
        return "error:too-many-steps";
    }

    /** After the call ends Asterisk runs the context's h extension, if any. */
    private String finish(SimulatedChannel channel, boolean alreadyInHandler, String how, List<AgiExchange> exchanges,
                          List<String> steps) {
        if (!alreadyInHandler) {
            DialplanContext ctx = dialplan.context(channel.context).orElse(null);
            if (ctx != null && ctx.extension("h").isPresent()) {
                String hangupContext = channel.context;
                channel.hungUp = true;
                run(channel, hangupContext, "h", exchanges, steps, true);
            }
        }
        return how;
    }

    /** Real waiting for simulated time, scaled (0 = none). */
    static void sleepScaled(PbxSettings settings, Duration d) {
        if (settings.timeScale() > 0 && !d.isZero() && !d.isNegative()) {
            try {
                Thread.sleep((long) (d.toMillis() * settings.timeScale()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Optional<Priority> find(String context, String exten, int priority) {
        return dialplan.context(context)
                .flatMap(c -> c.match(exten))
                .flatMap(e -> e.priority(priority));
    }

    /** Goto(context,exten,priority) / Goto(exten,priority) / Goto(priority); a priority may be a label. */
    private void jump(SimulatedChannel channel, String[] target) {
        String ctx = channel.context;
        String ext = channel.exten;
        String prio;
        if (target.length >= 3) {
            ctx = target[0].trim();
            ext = target[1].trim();
            prio = target[2].trim();
        } else if (target.length == 2) {
            ext = target[0].trim();
            prio = target[1].trim();
        } else {
            prio = target[0].trim();
        }
        channel.context = ctx;
        channel.exten = ext;
        if (prio.matches("\\d+")) {
            channel.priority = Integer.parseInt(prio);
        } else {
            String label = prio;
            String context = ctx;
            String exten = ext;
            channel.priority = dialplan.context(context).flatMap(c -> c.match(exten))
                    .flatMap((Extension e) -> e.label(label)).map(Priority::number).orElse(-1);
        }
    }

    /** GotoIf(condition?iftrue:iffalse) with the condition already substituted: "" and "0" are false. */
    private void gotoIf(SimulatedChannel channel, String data) {
        int q = data.indexOf('?');
        if (q < 0) {
            return;
        }
        String condition = data.substring(0, q).trim().replaceAll("^\\$\\[(.*)]$", "$1").trim();
        String[] branches = data.substring(q + 1).split(":", 2);
        boolean truth = !(condition.isEmpty() || condition.equals("0"));
        String branch = truth ? branches[0] : (branches.length > 1 ? branches[1] : "");
        if (!branch.isBlank()) {
            jump(channel, branch.split(","));
        }
    }

    private void runAgi(SimulatedChannel channel, List<String> args, List<AgiExchange> exchanges) {
        AgiChannelSession.AgiRequestLine request = AgiChannelSession.AgiRequestLine.parse(args);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(request.host(), request.port()), 5_000);
            socket.setTcpNoDelay(true);
            new AgiChannelSession(socket, channel, request, settings, database, exchanges).run();
            channel.set("AGISTATUS", channel.hungUp ? "HANGUP" : "SUCCESS");
        } catch (IOException e) {
            // Asterisk carries on in the dialplan with AGISTATUS=FAILURE when the server is unreachable.
            LOG.warn("FastAGI {} failed: {}", request.url(), e.toString());
            channel.set("AGISTATUS", "FAILURE");
        }
    }
}
