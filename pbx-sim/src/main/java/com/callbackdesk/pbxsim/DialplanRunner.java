package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.dialplan.DialplanContext;
import com.callbackdesk.dialplan.Priority;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a channel through the real dialplan as pbx.c does: priority after priority of the
 * matched extension, each run by its {@link DialplanApplication}, ending on Hangup or when the
 * extension runs out (autofallthrough), and running the {@code h} extension after a caller hang-up.
 */
final class DialplanRunner {

    private static final Logger LOG = LogManager.getLogger(DialplanRunner.class);
    private static final int MAX_STEPS = 500;

    private final Dialplan dialplan;
    private final Map<String, DialplanApplication> applications;

    /** Where a run is: inside the h extension or not, and the AGI exchanges it records. */
    record Frame(boolean inHangupHandler, List<AgiExchange> exchanges) {
    }

    DialplanRunner(Dialplan dialplan, PbxSettings settings, Map<String, String> database) {
        this(dialplan, settings, database, DialApplication.Handler.UNAVAILABLE);
    }

    DialplanRunner(Dialplan dialplan, PbxSettings settings, Map<String, String> database, DialApplication.Handler dial) {
        this.dialplan = dialplan;
        GotoApplication jumps = new GotoApplication(dialplan);
        List<DialplanApplication> all = List.of(
                new NoOpApplication("NoOp"), new NoOpApplication("Playback"), new NoOpApplication("Progress"),
                new NoOpApplication("Ringing"), new NoOpApplication("Verbose"), new NoOpApplication("Log"),
                new AnswerApplication(), new WaitApplication(settings), new SetApplication(), jumps,
                new GotoIfApplication(jumps), new HangupApplication(), new DialApplication(dial),
                new AgiApplication(settings, database, jumps));
        Map<String, DialplanApplication> byName = new HashMap<>();
        all.forEach(a -> byName.put(a.name().toUpperCase(Locale.ROOT), a));
        this.applications = Map.copyOf(byName);
    }

    /** Runs from context/exten/1 until the call ends; returns how it ended. */
    String run(SimulatedChannel channel, String context, String exten, List<AgiExchange> exchanges,
               List<String> steps) {
        return run(channel, context, exten, exchanges, steps, false);
    }

    private String run(SimulatedChannel channel, String context, String exten, List<AgiExchange> exchanges,
                       List<String> steps, boolean inHangupHandler) {
        Frame frame = new Frame(inHangupHandler, exchanges);
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
            DialplanApplication app = applications.get(p.application().toUpperCase());
            channel.priority = p.number() + 1;
            channel.appPriority = p.number();
            channel.events.newExten(channel, p.application(), String.join(",", args));
            if (app == null) {
                LOG.warn("application {} is not simulated; hanging up as Asterisk does for a missing application", p.application());
                return finish(channel, inHangupHandler, "error:unknown-application " + p.application(), exchanges, steps);
            }
            String ended = app.execute(channel, args, frame);
            if (ended != null) {
                return finish(channel, inHangupHandler, ended, exchanges, steps);
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
}
