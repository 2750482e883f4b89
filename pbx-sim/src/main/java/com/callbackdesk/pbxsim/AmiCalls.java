package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Calls placed over AMI: Originate rings a consultant persona's PJSIP endpoint and runs the
 * Originate's context (the real {@code [callback]}) on the answered channel, whose Dial() is
 * {@link CustomerDial}. Every step is reported as the AMI events Asterisk 22 sends (as captured
 * from Asterisk 22.10 for the survey transfer). The failures a test asks for are the
 * {@link AmiFaultPlan}'s; the channels and their events are {@link AmiChannels}'.
 */
final class AmiCalls {

    private static final Logger LOG = LogManager.getLogger(AmiCalls.class);
    /** pjsip.conf: the [phone] endpoint template has context=callback. */
    static final String CONSULTANT_ENDPOINT_CONTEXT = "callback";

    private final Dialplan dialplan;
    private final PbxSettings settings;
    private final Map<String, String> database;
    private final ExecutorService executor;
    private final AmiChannels channels;
    private final AmiFaultPlan faults = new AmiFaultPlan();
    private final AtomicLong localSequence = new AtomicLong();
    private final Map<String, ConsultantPersona> consultants = new ConcurrentHashMap<>();
    private final Map<String, CallerPersona> callees = new ConcurrentHashMap<>();
    private final List<OriginatedCall> finished = new CopyOnWriteArrayList<>();

    AmiCalls(Dialplan dialplan, PbxSettings settings, Map<String, String> globals, Map<String, String> database,
             ExecutorService executor, AtomicLong channelSequence, AtomicLong uniqueSequence) {
        this.dialplan = dialplan;
        this.settings = settings;
        this.database = database;
        this.executor = executor;
        this.channels = new AmiChannels(globals, channelSequence, uniqueSequence);
    }

    void attach(AmiServer amiServer) {
        channels.attach(amiServer);
    }

    void consultant(ConsultantPersona persona) {
        consultants.put(persona.endpoint(), persona);
    }

    void callee(String number, CallerPersona persona) {
        callees.put(number, persona);
    }

    AmiFaultPlan faults() {
        return faults;
    }

    /** The channels alive right now (CoreShowChannels). */
    List<AmiChannel> liveChannels() {
        return channels.live();
    }

    List<OriginatedCall> finished() {
        return Collections.unmodifiableList(finished);
    }

    void sleep(Duration d) {
        DialplanRunner.sleepScaled(settings, d);
    }

    /** Handles one Originate; {@code reply} sends the action's response (Response, Message). */
    void originate(AmiMessage m, BiConsumer<String, String> reply) {
        String channel = m.get("Channel");
        if (channel == null || channel.isBlank()) {
            reply.accept("Error", "Channel not specified");
            return;
        }
        int slash = channel.indexOf('/');
        if (slash <= 0) {
            reply.accept("Error", "Invalid channel");
            return;
        }
        String context = m.get("Context");
        String exten = m.get("Exten");
        String application = m.get("Application");
        if (application == null && exten != null && context != null
                && dialplan.context(context).flatMap(c -> c.match(exten)).isEmpty()) {
            reply.accept("Error", "Extension does not exist.");
            return;
        }
        Originate o = Originate.of(m, channel, slash);
        if (o.tech().equalsIgnoreCase("Local") && application == null) {
            // Not needed by Callback Desk; only the captured failing Local originate is simulated.
            reply.accept("Error", "Local channel originates into the dialplan are not simulated by pbx-sim");
            return;
        }
        if (o.async()) {
            reply.accept("Success", "Originate successfully queued");
            executor.submit(() -> run(o, null));
            return;
        }
        // A synchronous Originate holds the session until the outcome is known, as manager.c does.
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        executor.submit(() -> run(o, (response, message) -> {
            reply.accept(response, message);
            outcome.complete(null);
        }));
        try {
            outcome.get(o.timeoutMs() + 60_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("synchronous Originate of {} did not finish: {}", channel, e.toString());
        }
    }

    private void run(Originate o, BiConsumer<String, String> syncReply) {
        AmiCall call = new AmiCall(o, syncReply, channels);
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", String.valueOf(
                o.variables().stream().filter(v -> v[0].endsWith("CALLBACK_ID")).map(v -> v[1]).findFirst().orElse("")))) {
            if (o.tech().equalsIgnoreCase("Local")) {
                failingLocal(call);
            } else if (o.tech().equalsIgnoreCase("PJSIP")) {
                consultantLeg(call);
            } else {
                LOG.warn("Originate to {}: only PJSIP endpoints (and the captured Local failure) are simulated", o.channel());
                call.respond(false, 0);
            }
        } catch (RuntimeException e) {
            LOG.error("originated call to {} failed in the simulator", o.channel(), e);
            call.respond(false, 0);
        } finally {
            call.endAmiOutage();
            finished.add(call.record());
        }
    }

    /**
     * Originate of {@code Local/<exten>@<context>} where the extension does not exist, exactly as
     * captured (TEST 4): the failure is reported first, then the Local pair appears and dies.
     */
    private void failingLocal(AmiCall call) {
        Originate o = call.o;
        int at = o.resource().indexOf('@');
        String exten = at < 0 ? o.resource() : o.resource().substring(0, at);
        String context = at < 0 ? "default" : o.resource().substring(at + 1);
        if (dialplan.context(context).flatMap(c -> c.match(exten)).isPresent()) {
            LOG.warn("Originate to {}: Local channels into an existing extension are not simulated", o.channel());
            call.respond(false, 0);
            return;
        }
        call.respond(false, 0);
        String base = String.format("Local/%s-%08x", o.resource(), localSequence.getAndIncrement());
        CallerPersona nobody = CallerPersona.named("local").build();
        AmiChannel one = channels.create(base + ";1", null, nobody, context, null, null);
        AmiChannel two = channels.create(base + ";2", one.uniqueId, nobody, context, null, null);
        one.sim.exten = exten;
        two.sim.exten = exten;
        two.state = AmiChannel.RING;
        channels.publish(AmiEvent.of("Newchannel", "call").channel(one));
        channels.publish(AmiEvent.of("Newchannel", "call").channel(two));
        channels.publish(AmiEvent.of("Newexten", "dialplan").channel(one).add("Extension", exten)
                .add("Application", "AppDial2").add("AppData", "(Outgoing Line)"));
        channels.hangup(two, 0);
        channels.hangup(one, 0);
        channels.publish(AmiEvent.of("DeviceStateChange", "call").add("Device", "Local/" + o.resource()).add("State", "INVALID"));
        channels.publish(AmiEvent.of("DeviceStateChange", "call").add("Device", "Local/" + o.resource()).add("State", "INVALID"));
    }

    /** The consultant's phone rings; answered, it runs the Originate's context, whose Dial() calls the customer. */
    private void consultantLeg(AmiCall call) {
        Originate o = call.o;
        ConsultantPersona persona = consultants.get(o.resource());
        if (persona == null) {
            // chan_pjsip cannot create a channel for an unknown endpoint: no channel, Reason 0.
            LOG.warn("Originate to {}: no such endpoint (no consultant persona registered)", o.channel());
            call.respond(false, 0);
            return;
        }
        call.consultantPersona = persona;
        AmiChannel c = ringConsultant(call, persona);
        if (!consultantAnswers(call, c, persona.pickup())) {
            return;
        }
        if (o.application() != null) {
            // Callback Desk originates into the dialplan; an application originate just answers and ends.
            call.respond(true, 4);
            channels.hangup(c, 16);
            return;
        }
        CustomerDial dial = new CustomerDial(call, channels, faults, callees::get, dialplan, settings, database);
        String endedBy = new DialplanRunner(dialplan, settings, database, dial)
                .run(c.sim, o.context(), o.exten(), call.consultantExchanges, call.steps);
        LOG.debug("consultant leg {} ended: {}", c.name, endedBy);
        call.respond(true, 4);
        channels.hangup(c, 16);
        call.endAmiOutage();   // when the customer hung up first, the consultant's hang-up is the last one lost
    }

    private AmiChannel ringConsultant(AmiCall call, ConsultantPersona persona) {
        Originate o = call.o;
        AmiChannel c = channels.create(channels.nextName(o.resource()), null,
                CallerPersona.named(persona.endpoint()).build(), CONSULTANT_ENDPOINT_CONTEXT, o.cidNum(), o.cidName());
        c.application = "AppDial2";   // Originate rings through the dial API, which sets these while ringing
        c.applicationData = "(Outgoing Line)";
        call.consultant = c;
        channels.publish(AmiEvent.of("Newchannel", "call").channel(c));
        o.variables().forEach(v -> c.sim.set(v[0], v[1]));
        if (o.cidNum() != null || o.cidName() != null) {
            c.callerIdNum = o.cidNum();
            c.callerIdName = o.cidName();
            channels.publish(AmiEvent.of("NewCallerid", "call").channel(c)
                    .add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
            c.connectedLineNum = o.cidNum();
            c.connectedLineName = o.cidName();
            channels.publish(AmiEvent.of("NewConnectedLine", "call").channel(c));
        }
        channels.publish(AmiEvent.of("DialBegin", "call").channel(c, "Dest").add("DialString", o.resource()));
        return c;
    }

    /** Whether the consultant picks up before the Originate's timeout; if not, the call is over. */
    private boolean consultantAnswers(AmiCall call, AmiChannel c, Pickup pickup) {
        if (pickup instanceof Pickup.Busy) {
            return notAnswered(call, c, Duration.ofMillis(300), "BUSY", 5, 17);
        }
        if (pickup instanceof Pickup.Congestion) {
            return notAnswered(call, c, Duration.ofMillis(300), "CONGESTION", 8, 34);
        }
        channels.newState(c, AmiChannel.RINGING);
        channels.deviceState(c, "RINGING");
        Duration timeout = Duration.ofMillis(call.o.timeoutMs());
        if (faults.restartWhileThisConsultantRings()) {
            restart(call, c, timeout.dividedBy(10));
            return false;
        }
        if (faults.crashWhileThisConsultantRings()) {
            sleep(timeout.dividedBy(10));
            LOG.info("PBX killed and started again while {} rings (ActionID {}): no event", c.name, call.o.actionId());
            newProcess();
            return false;
        }
        Duration ringing = pickup instanceof Pickup.AnswersAfter a ? a.after() : null;
        if (ringing == null || ringing.compareTo(timeout) >= 0) {
            return notAnswered(call, c, timeout, "NOANSWER", 3, 0);
        }
        sleep(ringing);
        channels.newState(c, AmiChannel.UP);
        channels.publish(AmiEvent.of("DialEnd", "call").channel(c, "Dest").add("DialStatus", "ANSWER"));
        channels.deviceState(c, "INUSE");
        return true;
    }

    /** How long the restarted PBX's manager port stays closed (real time: the test's client reconnects after). */
    static final Duration RESTART_DOWN = Duration.ofMillis(500);

    /**
     * {@code core restart now} while the consultant's phone rings: Asterisk soft-hangs-up every
     * channel (the ringing leg ends with cause 0, not a BYE), the Originate fails (Reason 1), the
     * Shutdown event is published, and the process is replaced — connections drop, channels vanish.
     */
    private void restart(AmiCall call, AmiChannel c, Duration ringingFor) {
        sleep(ringingFor);
        LOG.info("PBX restart while {} rings (ActionID {})", c.name, call.o.actionId());
        channels.publish(AmiEvent.of("DialEnd", "call").channel(c, "Dest").add("DialStatus", "CANCEL"));
        channels.hangup(c, 0);
        call.respond(false, 1);
        channels.publish(AmiEvent.of("Shutdown", "system").add("Shutdown", "Uncleanly").add("Restart", "True"));
        newProcess();
    }

    /** The Asterisk process is replaced: channels gone, connections dropped, the port back a moment later. */
    private void newProcess() {
        channels.vanishAll();
        AmiServer s = channels.server();
        if (s != null) {
            s.restart(RESTART_DOWN);
        }
    }

    private boolean notAnswered(AmiCall call, AmiChannel c, Duration after, String status, int reason, int cause) {
        sleep(after);
        channels.publish(AmiEvent.of("DialEnd", "call").channel(c, "Dest").add("DialStatus", status));
        call.respond(false, reason);
        channels.hangup(c, cause);
        return false;
    }
}
