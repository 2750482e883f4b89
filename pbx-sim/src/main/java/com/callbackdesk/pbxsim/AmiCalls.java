package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls placed over AMI: Originate rings a consultant persona's PJSIP endpoint, runs the
 * Originate's context (the real {@code [callback]}) on the answered channel, and its
 * {@code Dial(PJSIP/<number>@trunk,30,F(survey^s^1))} rings a callee persona, bridges them, and
 * on the consultant's hang-up sends the customer into {@code [survey]}, whose AGI() opens a
 * FastAGI connection as the inbound side does. Every step is reported as the AMI events
 * Asterisk 22 sends (see shared/reference/asterisk-22.10-survey-transfer.txt).
 */
final class AmiCalls {

    private static final Logger LOG = LogManager.getLogger(AmiCalls.class);
    /** pjsip.conf: the [consultant] endpoint template has context=callback, the trunk context=inbound. */
    static final String CONSULTANT_ENDPOINT_CONTEXT = "callback";
    static final String TRUNK_ENDPOINT_CONTEXT = "inbound";
    private static final Pattern F_OPTION = Pattern.compile("F\\(([^)]*)\\)");
    private static final Duration CONVERSATION_WHEN_SOLVED = Duration.ofSeconds(30);

    private final Dialplan dialplan;
    private final PbxSettings settings;
    private final Map<String, String> globals;
    private final Map<String, String> database;
    private final ExecutorService executor;
    private final AtomicLong channelSequence;
    private final AtomicLong uniqueSequence;
    private final AtomicLong localSequence = new AtomicLong();
    private final Map<String, ConsultantPersona> consultants = new ConcurrentHashMap<>();
    private final Map<String, CallerPersona> callees = new ConcurrentHashMap<>();
    private final List<OriginatedCall> finished = new CopyOnWriteArrayList<>();
    private volatile AmiServer server;
    private final java.util.concurrent.atomic.AtomicInteger dropsPending = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger dropped = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger dropsAfterQueueing = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger dropsMidConversation = new java.util.concurrent.atomic.AtomicInteger();
    /** Channels that exist now, in creation order: what CoreShowChannels lists. */
    private final Map<String, AmiChannel> live = Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    AmiCalls(Dialplan dialplan, PbxSettings settings, Map<String, String> globals, Map<String, String> database,
             ExecutorService executor, AtomicLong channelSequence, AtomicLong uniqueSequence) {
        this.dialplan = dialplan;
        this.settings = settings;
        this.globals = globals;
        this.database = database;
        this.executor = executor;
        this.channelSequence = channelSequence;
        this.uniqueSequence = uniqueSequence;
    }

    void attach(AmiServer amiServer) {
        this.server = amiServer;
    }

    void consultant(ConsultantPersona persona) {
        consultants.put(persona.endpoint(), persona);
    }

    void callee(String number, CallerPersona persona) {
        callees.put(number, persona);
    }

    void dropOnNextOriginates(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        dropsPending.set(count);
    }

    /** Whether this Originate is lost with its connection (see SimulatedPbx#dropAmiOnNextOriginates). */
    boolean dropThisOriginate(AmiMessage m) {
        if (dropsPending.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            dropped.incrementAndGet();
            LOG.info("AMI connection dropped as Originate {} (ActionID {}) arrived: never read, no call placed",
                    m.get("Channel"), m.get("ActionID"));
            return true;
        }
        return false;
    }

    void dropAfterQueueingNextOriginates(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        dropsAfterQueueing.set(count);
    }

    /** Whether this Originate is queued and then its connection dies before the response is written. */
    boolean dropAfterQueueing(AmiMessage m) {
        if (dropsAfterQueueing.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            dropped.incrementAndGet();
            LOG.info("AMI connection dropped right after Originate {} (ActionID {}) was queued: the call goes on",
                    m.get("Channel"), m.get("ActionID"));
            return true;
        }
        return false;
    }

    int droppedOriginates() {
        return dropped.get();
    }

    void dropDuringNextConversations(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        dropsMidConversation.set(count);
    }

    /** The channels alive right now (CoreShowChannels). */
    List<AmiChannel> liveChannels() {
        synchronized (live) {
            return List.copyOf(live.values());
        }
    }

    List<OriginatedCall> finished() {
        return Collections.unmodifiableList(finished);
    }

    void sleep(Duration d) {
        DialplanRunner.sleepScaled(settings, d);
    }

    private void publish(AmiEvent.Builder event) {
        AmiServer s = server;
        if (s != null) {
            s.publish(event.build());
        }
    }

    /** The parsed Originate action. */
    private record Originate(String actionId, String channel, String tech, String resource, String context,
                             String exten, String application, String data, String cidNum, String cidName,
                             long timeoutMs, boolean async, List<String[]> variables) {
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
        Originate o = new Originate(m.get("ActionID"), channel, channel.substring(0, slash), channel.substring(slash + 1),
                context, exten, application, m.get("Data"), cid[0], cid[1],
                timeout == null || timeout.isBlank() ? 30_000 : Long.parseLong(timeout.trim()), async, variables);
        if (o.tech().equalsIgnoreCase("Local") && application == null) {
            // Not needed by Callback Desk; only the captured failing Local originate is simulated.
            reply.accept("Error", "Local channel originates into the dialplan are not simulated by pbx-sim");
            return;
        }
        if (async) {
            reply.accept("Success", "Originate successfully queued");
            executor.submit(() -> run(o, null));
        } else {
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
    }

    /** {@code "Name" <number>} / {@code Name <number>} / {@code number}. */
    private static String[] parseCallerId(String callerId) {
        if (callerId == null || callerId.isBlank()) {
            return new String[] {null, null};
        }
        Matcher m = Pattern.compile("\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*").matcher(callerId);
        if (m.matches()) {
            return new String[] {m.group(2), m.group(1).isEmpty() ? null : m.group(1)};
        }
        return new String[] {callerId.trim(), null};
    }

    /** One call's bookkeeping while it runs. */
    private final class Call {
        final Originate o;
        final BiConsumer<String, String> syncReply;
        AmiChannel consultant;
        AmiChannel customer;
        String customerNumber;
        CallerPersona callee;
        ConsultantPersona consultantPersona;
        boolean responded;
        int reason;
        boolean customerHungUpFirst;
        boolean surveyed;
        /** The AMI is down for this conversation (SimulatedPbx#dropAmiDuringNextConversations). */
        boolean amiOutage;
        final List<AgiExchange> consultantExchanges = new CopyOnWriteArrayList<>();
        final List<AgiExchange> surveyExchanges = new CopyOnWriteArrayList<>();
        final List<String> steps = Collections.synchronizedList(new ArrayList<>());

        Call(Originate o, BiConsumer<String, String> syncReply) {
            this.o = o;
            this.syncReply = syncReply;
        }

        /** OriginateResponse (async) or the action's response (sync), once. */
        void respond(boolean success, int why) {
            if (responded) {
                return;
            }
            responded = true;
            reason = why;
            if (syncReply != null) {
                syncReply.accept(success ? "Success" : "Error", success ? "Originate successfully queued" : "Originate failed");
                return;
            }
            AmiEvent.Builder e = AmiEvent.of("OriginateResponse", "call");
            if (o.actionId() != null) {
                e.add("ActionID", o.actionId());
            }
            e.add("Response", success ? "Success" : "Failure").add("Channel", o.channel());
            if (o.application() != null) {
                e.add("Application", o.application()).add("Data", o.data() == null ? "" : o.data());
            } else {
                e.add("Context", o.context()).add("Exten", o.exten());
            }
            e.add("Reason", why)
                    .add("Uniqueid", success && consultant != null ? consultant.uniqueId : "<unknown>")
                    .add("CallerIDNum", o.cidNum() == null ? "<unknown>" : o.cidNum())
                    .add("CallerIDName", o.cidName() == null ? "<unknown>" : o.cidName());
            publish(e);
        }

        /** Brings the AMI back if this call took it down; the client may log in again from now on. */
        void endAmiOutage() {
            if (!amiOutage) {
                return;
            }
            amiOutage = false;
            AmiServer s = server;
            if (s != null) {
                s.endOutage();
            }
        }

        OriginatedCall record() {
            String callbackId = o.variables().stream().filter(v -> v[0].replaceFirst("^_+", "").equals("CALLBACK_ID"))
                    .map(v -> v[1]).findFirst().orElse(null);
            return new OriginatedCall(o.actionId(), o.channel(), callbackId, reason,
                    consultant == null ? null : consultant.name, customer == null ? null : customer.name,
                    consultant == null ? null : consultant.sim.variables.get("DIALSTATUS"),
                    callee == null ? null : callee.outcome(), customerHungUpFirst, surveyed,
                    List.copyOf(surveyExchanges), List.copyOf(steps));
        }
    }

    private void run(Originate o, BiConsumer<String, String> syncReply) {
        Call call = new Call(o, syncReply);
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

    // ---------------------------------------------------------------- channels and their events

    private String newUniqueId() {
        return System.currentTimeMillis() / 1000 + "." + uniqueSequence.getAndIncrement();
    }

    private AmiChannel newChannel(String name, String linkedId, CallerPersona persona, String context,
                                  String callerId, String callerIdName) {
        String uid = newUniqueId();
        ChannelIdentity id = new ChannelIdentity(name, name.substring(0, name.indexOf('/')), uid, persona.language(),
                callerId, callerIdName, null, "", 140_509_327_000_000L + channelSequence.get());
        SimulatedChannel sim = new SimulatedChannel(id, persona, globals);
        sim.context = context;
        sim.exten = "s";
        sim.priority = 1;
        AmiChannel ch = new AmiChannel(name, uid, linkedId == null ? uid : linkedId, sim);
        sim.events = eventsOf(ch);
        live.put(uid, ch);
        return ch;
    }

    private SimulatedChannel.ChannelEvents eventsOf(AmiChannel ch) {
        return new SimulatedChannel.ChannelEvents() {
            @Override
            public void newExten(SimulatedChannel channel, String application, String appData) {
                ch.application = application;
                ch.applicationData = appData;
                publish(AmiEvent.of("Newexten", "dialplan").channel(ch).add("Extension", channel.exten)
                        .add("Application", application).add("AppData", appData));
            }

            @Override
            public void varSet(SimulatedChannel channel, String name, String value) {
                publish(AmiEvent.of("VarSet", "dialplan").channel(ch).add("Variable", name).add("Value", value));
            }

            @Override
            public void agiExecStart(SimulatedChannel channel, String command, int commandId) {
                publish(AmiEvent.of("AGIExecStart", "agi").channel(ch).add("CommandId", commandId).add("Command", command));
            }

            @Override
            public void agiExecEnd(SimulatedChannel channel, String command, int commandId, String reply) {
                String code = reply.length() >= 3 ? reply.substring(0, 3) : "200";
                publish(AmiEvent.of("AGIExecEnd", "agi").channel(ch).add("CommandId", commandId).add("Command", command)
                        .add("ResultCode", code).add("Result", code.equals("200") ? "Success" : "Failure"));
            }

            @Override
            public void dtmf(SimulatedChannel channel, char digit) {
                publish(AmiEvent.of("DTMFBegin", "dtmf").channel(ch).add("Digit", digit).add("Direction", "Received"));
                publish(AmiEvent.of("DTMFEnd", "dtmf").channel(ch).add("Digit", digit).add("DurationMs", 100)
                        .add("Direction", "Received"));
            }

            @Override
            public void softHangupRequest(SimulatedChannel channel, int cause) {
                publish(AmiEvent.of("SoftHangupRequest", "call").channel(ch).add("Cause", cause));
            }
        };
    }

    private void newState(AmiChannel ch, int state) {
        ch.state = state;
        publish(AmiEvent.of("Newstate", "call").channel(ch));
    }

    private void deviceState(AmiChannel ch, String state) {
        String device = ch.name.substring(0, ch.name.lastIndexOf('-'));
        publish(AmiEvent.of("DeviceStateChange", "call").add("Device", device).add("State", state));
    }

    static String causeText(int cause) {
        return switch (cause) {
            case 16 -> "Normal Clearing";
            case 17 -> "User busy";
            case 18 -> "No user responding";
            case 19 -> "User alerting, no answer";
            case 21 -> "Call Rejected";
            case 34 -> "Circuit/channel congestion";
            default -> "Unknown";
        };
    }

    private void hangup(AmiChannel ch, int cause) {
        if (ch.gone) {
            return;
        }
        ch.gone = true;
        ch.sim.hungUp = true;
        live.remove(ch.uniqueId);
        publish(AmiEvent.of("Hangup", "call").channel(ch).add("Cause", cause).add("Cause-txt", causeText(cause)));
        if (ch.name.startsWith("PJSIP/")) {
            deviceState(ch, "NOT_INUSE");
        }
    }

    private void bridgeEvent(String event, String bridgeId, int channels, AmiChannel ch) {
        AmiEvent.Builder e = AmiEvent.of(event, "call").add("BridgeUniqueid", bridgeId).add("BridgeType", "basic")
                .add("BridgeTechnology", "simple_bridge").add("BridgeCreator", "<unknown>").add("BridgeName", "<unknown>")
                .add("BridgeNumChannels", channels).add("BridgeVideoSourceMode", "none");
        if (ch != null) {
            e.channel(ch);
            if (event.equals("BridgeEnter")) {
                ch.bridgeId = bridgeId;
            } else if (event.equals("BridgeLeave")) {
                ch.bridgeId = "";
            }
        }
        publish(e);
    }

    // ---------------------------------------------------------------- the captured Local failure

    /**
     * Originate of {@code Local/<exten>@<context>} where the extension does not exist, exactly as
     * captured (TEST 4): the failure is reported first, then the Local pair appears and dies.
     */
    private void failingLocal(Call call) {
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
        AmiChannel one = newChannel(base + ";1", null, nobody, context, null, null);
        AmiChannel two = newChannel(base + ";2", one.uniqueId, nobody, context, null, null);
        one.sim.exten = exten;
        two.sim.exten = exten;
        two.state = AmiChannel.RING;
        publish(AmiEvent.of("Newchannel", "call").channel(one));
        publish(AmiEvent.of("Newchannel", "call").channel(two));
        publish(AmiEvent.of("Newexten", "dialplan").channel(one).add("Extension", exten)
                .add("Application", "AppDial2").add("AppData", "(Outgoing Line)"));
        hangup(two, 0);
        hangup(one, 0);
        publish(AmiEvent.of("DeviceStateChange", "call").add("Device", "Local/" + o.resource()).add("State", "INVALID"));
        publish(AmiEvent.of("DeviceStateChange", "call").add("Device", "Local/" + o.resource()).add("State", "INVALID"));
    }

    // ---------------------------------------------------------------- consultant and customer

    private void consultantLeg(Call call) {
        Originate o = call.o;
        ConsultantPersona persona = consultants.get(o.resource());
        if (persona == null) {
            // chan_pjsip cannot create a channel for an unknown endpoint: no channel, Reason 0.
            LOG.warn("Originate to {}: no such endpoint (no consultant persona registered)", o.channel());
            call.respond(false, 0);
            return;
        }
        call.consultantPersona = persona;
        String name = String.format("PJSIP/%s-%08x", o.resource(), channelSequence.getAndIncrement());
        AmiChannel c = newChannel(name, null, CallerPersona.named(persona.endpoint()).build(), CONSULTANT_ENDPOINT_CONTEXT,
                o.cidNum(), o.cidName());
        c.application = "AppDial2";   // Originate rings through the dial API, which sets these while ringing
        c.applicationData = "(Outgoing Line)";
        call.consultant = c;
        publish(AmiEvent.of("Newchannel", "call").channel(c));
        o.variables().forEach(v -> c.sim.set(v[0], v[1]));
        if (o.cidNum() != null || o.cidName() != null) {
            c.callerIdNum = o.cidNum();
            c.callerIdName = o.cidName();
            publish(AmiEvent.of("NewCallerid", "call").channel(c).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
            c.connectedLineNum = o.cidNum();
            c.connectedLineName = o.cidName();
            publish(AmiEvent.of("NewConnectedLine", "call").channel(c));
        }
        publish(AmiEvent.of("DialBegin", "call").channel(c, "Dest").add("DialString", o.resource()));
        Duration timeout = Duration.ofMillis(o.timeoutMs());
        if (persona.pickup() instanceof Pickup.Busy) {
            sleep(Duration.ofMillis(300));
            publish(AmiEvent.of("DialEnd", "call").channel(c, "Dest").add("DialStatus", "BUSY"));
            call.respond(false, 5);
            hangup(c, 17);
            return;
        }
        if (persona.pickup() instanceof Pickup.Congestion) {
            sleep(Duration.ofMillis(300));
            publish(AmiEvent.of("DialEnd", "call").channel(c, "Dest").add("DialStatus", "CONGESTION"));
            call.respond(false, 8);
            hangup(c, 34);
            return;
        }
        newState(c, AmiChannel.RINGING);
        deviceState(c, "RINGING");
        Duration ringing = persona.pickup() instanceof Pickup.AnswersAfter a ? a.after() : null;
        if (ringing == null || ringing.compareTo(timeout) >= 0) {
            sleep(timeout);
            publish(AmiEvent.of("DialEnd", "call").channel(c, "Dest").add("DialStatus", "NOANSWER"));
            call.respond(false, 3);
            hangup(c, 0);
            return;
        }
        sleep(ringing);
        newState(c, AmiChannel.UP);
        publish(AmiEvent.of("DialEnd", "call").channel(c, "Dest").add("DialStatus", "ANSWER"));
        deviceState(c, "INUSE");
        if (o.application() != null) {
            // Callback Desk originates into the dialplan; an application originate just answers and ends.
            call.respond(true, 4);
            hangup(c, 16);
            return;
        }
        String endedBy = new DialplanRunner(dialplan, settings, database, (ch, args) -> dial(call, ch, args))
                .run(c.sim, o.context(), o.exten(), call.consultantExchanges, call.steps);
        LOG.debug("consultant leg {} ended: {}", c.name, endedBy);
        call.respond(true, 4);
        hangup(c, 16);
        call.endAmiOutage();   // when the customer hung up first, the consultant's hang-up is the last one lost
    }

    /** Dial(PJSIP/<number>@<endpoint>,<timeout>,<options>) run by the consultant's channel. */
    private boolean dial(Call call, SimulatedChannel caller, List<String> args) {
        AmiChannel c = call.consultant;
        String target = args.isEmpty() ? "" : args.get(0);
        Matcher t = Pattern.compile("PJSIP/([^@&]+)@([^&]+)").matcher(target);
        if (!t.matches()) {
            LOG.warn("Dial({}) is not simulated: only PJSIP/<number>@<endpoint>", target);
            caller.set("DIALSTATUS", "CHANUNAVAIL");
            return false;
        }
        String number = t.group(1);
        String endpoint = t.group(2);
        Duration timeout = args.size() > 1 && !args.get(1).isBlank() ? Duration.ofSeconds(Long.parseLong(args.get(1).trim()))
                : Duration.ofDays(1);
        Matcher f = F_OPTION.matcher(args.size() > 2 ? args.get(2) : "");
        String[] transfer = f.find() ? f.group(1).split("\\^") : null;
        CallerPersona callee = callees.get(number);
        if (callee == null) {
            LOG.warn("Dial to {}: no callee persona registered for this number; it rings unanswered", number);
            callee = CallerPersona.named("unknown " + number).noAnswer().build();
        }
        call.callee = callee;
        call.customerNumber = number;
        String name = String.format("PJSIP/%s-%08x", endpoint, channelSequence.getAndIncrement());
        AmiChannel cust = newChannel(name, c.linkedId, callee, TRUNK_ENDPOINT_CONTEXT, number, c.callerIdName);
        cust.application = "AppDial2";   // what app_dial sets on the channel it dials
        cust.applicationData = "(Outgoing Line)";
        call.customer = cust;
        publish(AmiEvent.of("Newchannel", "call").channel(cust));
        caller.inheritInto(cust.sim);
        cust.sim.inheritable.keySet().forEach(v -> cust.sim.events.varSet(cust.sim, v, cust.sim.variables.get(v)));
        // app_dial: the called channel shows the dialled number and the caller's name; its connected line is the caller.
        cust.sim.exten = caller.exten;
        cust.callerIdNum = caller.exten;
        cust.callerIdName = c.callerIdName;
        cust.connectedLineNum = c.callerIdNum;
        cust.connectedLineName = c.callerIdName;
        publish(AmiEvent.of("NewCallerid", "call").channel(cust).add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
        publish(AmiEvent.of("NewConnectedLine", "call").channel(cust));
        publish(AmiEvent.of("DialBegin", "call").channel(c).channel(cust, "Dest").add("DialString", number + "@" + endpoint));
        // Asterisk's originate thread reports success while the dialplan already runs: after the first DialBegin.
        call.respond(true, 4);

        if (callee.pickup() instanceof Pickup.Busy) {
            sleep(Duration.ofSeconds(1));
            caller.set("DIALSTATUS", "BUSY");
            publish(AmiEvent.of("DialEnd", "call").channel(c).channel(cust, "Dest").add("DialStatus", "BUSY"));
            hangup(cust, 17);
            return false;
        }
        if (callee.pickup() instanceof Pickup.Congestion) {
            sleep(Duration.ofMillis(300));
            caller.set("DIALSTATUS", "CONGESTION");
            publish(AmiEvent.of("DialEnd", "call").channel(c).channel(cust, "Dest").add("DialStatus", "CONGESTION"));
            hangup(cust, 34);
            return false;
        }
        newState(cust, AmiChannel.RINGING);
        deviceState(cust, "RINGING");
        Duration ringing = callee.pickup() instanceof Pickup.AnswersAfter a ? a.after() : null;
        if (ringing == null || ringing.compareTo(timeout) >= 0) {
            sleep(timeout);
            caller.set("DIALSTATUS", "NOANSWER");
            publish(AmiEvent.of("DialEnd", "call").channel(c).channel(cust, "Dest").add("DialStatus", "NOANSWER"));
            hangup(cust, 19);
            return false;
        }
        sleep(ringing);
        newState(cust, AmiChannel.UP);
        deviceState(cust, "INUSE");
        caller.set("DIALSTATUS", "ANSWER");
        caller.set("DIALEDPEERNAME", cust.name);
        caller.set("DIALEDPEERNUMBER", number + "@" + endpoint);
        publish(AmiEvent.of("DialEnd", "call").channel(c).channel(cust, "Dest").add("DialStatus", "ANSWER"));

        String bridge = UUID.randomUUID().toString();
        bridgeEvent("BridgeCreate", bridge, 0, null);
        bridgeEvent("BridgeEnter", bridge, 1, cust);
        bridgeEvent("BridgeEnter", bridge, 2, c);
        if (dropsMidConversation.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            AmiServer s = server;
            if (s != null) {
                call.amiOutage = true;
                LOG.info("AMI connection dropped mid-conversation (ActionID {}): the hang-ups that follow reach nobody",
                        call.o.actionId());
                s.startOutage();
            }
        }
        Duration consultantTalk = call.consultantPersona.talksFor();
        if ("solved-already".equals(callee.outcome()) && consultantTalk.compareTo(CONVERSATION_WHEN_SOLVED) > 0) {
            consultantTalk = CONVERSATION_WHEN_SOLVED;
        }
        Duration customerTalk = callee.talksFor();
        if (customerTalk != null && customerTalk.compareTo(consultantTalk) < 0) {
            // The customer ends the conversation: Dial returns, the consultant's dialplan carries on.
            sleep(customerTalk);
            call.customerHungUpFirst = true;
            publish(AmiEvent.of("HangupRequest", "call").channel(cust).add("Cause", 16));
            bridgeEvent("BridgeLeave", bridge, 1, cust);
            hangup(cust, 16);
            bridgeEvent("BridgeLeave", bridge, 0, c);
            bridgeEvent("BridgeDestroy", bridge, 0, null);
            return false;
        }
        sleep(consultantTalk);
        // The consultant hangs up: their channel leaves; F() sends the customer on instead of hanging up.
        publish(AmiEvent.of("HangupRequest", "call").channel(c).add("Cause", 16));
        bridgeEvent("BridgeLeave", bridge, 1, c);
        hangup(c, 16);
        bridgeEvent("BridgeLeave", bridge, 0, cust);
        bridgeEvent("BridgeDestroy", bridge, 0, null);
        if (transfer == null || callee.hangsUpBeforeSurvey()) {
            publish(AmiEvent.of("HangupRequest", "call").channel(cust).add("Cause", 16));
            hangup(cust, 16);
            call.endAmiOutage();
            return true;
        }
        // The AMI comes back as the customer enters the survey: the client that logs in again finds
        // the customer's leg alive there, and the consultant's Hangup gone for good.
        call.endAmiOutage();
        call.surveyed = true;
        String context = transfer[0];
        String exten = transfer.length > 1 ? transfer[1] : "s";
        String how = new DialplanRunner(dialplan, settings, database)
                .run(cust.sim, context, exten, call.surveyExchanges, call.steps);
        LOG.debug("customer {} left the survey: {}", cust.name, how);
        if (!cust.gone) {
            publish(AmiEvent.of("SoftHangupRequest", "call").channel(cust).add("Cause", 16));
            hangup(cust, 16);
        }
        return true;
    }

}
