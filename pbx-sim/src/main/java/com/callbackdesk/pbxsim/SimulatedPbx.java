package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A simulated Asterisk 22: places calls from caller personas into the real dialplan (the
 * {@code [inbound]} context of asterisk-config's extensions.conf, unless configured otherwise),
 * and speaks FastAGI to the server the dialplan's {@code AGI()} names, as Asterisk does.
 */
public final class SimulatedPbx implements AutoCloseable {

    static final String ASTERISK_VERSION = "22.10.1";

    private static final Logger LOG = LogManager.getLogger(SimulatedPbx.class);

    private final Dialplan dialplan;
    private final PbxSettings settings;
    private final Map<String, String> globals;
    private final Map<String, String> astDb = new ConcurrentHashMap<>();
    private final ExecutorService calls;
    private final AtomicLong channelSequence = new AtomicLong();
    private final AtomicLong uniqueSequence = new AtomicLong();
    private final long bootEpochSecond = System.currentTimeMillis() / 1000;
    private final AmiCalls amiCalls;
    private final List<AmiServer> amiServers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SimulatedPbx(Dialplan dialplan, PbxSettings settings) {
        this.dialplan = dialplan;
        this.settings = settings;
        Map<String, String> g = new HashMap<>(dialplan.globals());
        g.putAll(settings.globalOverrides());
        this.globals = Collections.unmodifiableMap(g);
        dialplan.requireContext(settings.inboundContext());
        // A thread per call, like Asterisk's channel threads; cached so 500 concurrent calls are fine.
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pbx-sim-call");
            t.setDaemon(true);
            return t;
        });
        this.amiCalls = new AmiCalls(dialplan, settings, globals, astDb, calls, channelSequence, uniqueSequence);
    }

    /** A consultant's phone on {@code PJSIP/<endpoint>}, for AMI Originates. */
    public SimulatedPbx consultant(ConsultantPersona persona) {
        amiCalls.consultant(persona);
        return this;
    }

    /** Who answers when the dialplan Dials {@code PJSIP/<number>@trunk} (a customer called back). */
    public SimulatedPbx callee(String number, CallerPersona persona) {
        amiCalls.callee(number, persona);
        return this;
    }

    /** Starts an AMI server on 127.0.0.1:{@code port} (0 = any free port) with asterisk-config's manager.conf users. */
    public AmiServer startAmi(int port) {
        return startAmi(port, ManagerConf.loadDefault());
    }

    /** Starts an AMI server on 127.0.0.1:{@code port} (0 = any free port) for {@code users}. */
    public AmiServer startAmi(int port, ManagerConf users) {
        AmiServer server = new AmiServer(users, amiCalls, port, bootEpochSecond * 1000);
        amiCalls.attach(server);
        amiServers.add(server);
        return server;
    }

    /**
     * The AMI connection drops mid-originate: the next {@code count} Originate actions arrive as
     * the manager session's TCP connection dies, so Asterisk never reads them — no response, no
     * OriginateResponse, no call — and the client sees the socket close. The server keeps
     * listening, so the client can log in again. (A dialer must then neither re-send the
     * Originate nor lose the attempt.)
     */
    public SimulatedPbx dropAmiOnNextOriginates(int count) {
        amiCalls.faults().dropOnNextOriginates(count);
        return this;
    }

    /**
     * The other way an AMI connection drops mid-originate: Asterisk has read and queued the next
     * {@code count} Originates, then the session dies before the response is written. The calls go
     * on; their events reach only sessions logged in at the time (none, until the client is back).
     */
    public SimulatedPbx dropAmiAfterQueueingNextOriginates(int count) {
        amiCalls.faults().dropAfterQueueingNextOriginates(count);
        return this;
    }

    /**
     * The AMI connection drops mid-conversation: in each of the next {@code count} conversations,
     * as the customer and the consultant are bridged, every manager session's connection dies and
     * the AMI refuses connections until the consultant has hung up and the customer has either hung
     * up too or been transferred into the survey. Those Hangup events reach nobody — a reconnecting
     * client must learn from the live channels (CoreShowChannels) that the conversation is over.
     */
    public SimulatedPbx dropAmiDuringNextConversations(int count) {
        amiCalls.faults().dropDuringNextConversations(count);
        return this;
    }

    /**
     * The PBX restarts ({@code core restart now}) while each of the next {@code count} consultants'
     * phones rings for an Originate, as Asterisk 22 does it: the ringing leg is hung up by the PBX
     * itself (the dial's DialEnd CANCEL, Hangup with cause 0, OriginateResponse Failure Reason 1),
     * the {@code Shutdown} event goes to sessions that read {@code system}, every manager connection
     * drops, every channel is gone, and the AMI listens again a moment later (a fresh process: no
     * channels).
     */
    public SimulatedPbx restartWhileNextConsultantsRing(int count) {
        amiCalls.faults().restartWhileNextConsultantsRing(count);
        return this;
    }

    /**
     * The PBX is killed ({@code kill -9}) and started again while each of the next {@code count}
     * consultants' phones rings: no event at all — no Hangup, no OriginateResponse, no Shutdown —
     * the manager connections drop, every channel is gone, and the new process (a later
     * {@code CoreStatus} startup) listens again a moment later.
     */
    public SimulatedPbx crashWhileNextConsultantsRing(int count) {
        amiCalls.faults().crashWhileNextConsultantsRing(count);
        return this;
    }

    /** Originate actions whose connection dropped ({@link #dropAmiOnNextOriginates}, {@link #dropAmiAfterQueueingNextOriginates}). */
    public int droppedOriginates() {
        return amiCalls.faults().droppedOriginates();
    }

    /** Every call placed over AMI that has ended, in the order they ended. */
    public List<OriginatedCall> originatedCalls() {
        return amiCalls.finished();
    }

    /** Places one call and returns when it has ended. */
    public CallRecord call(CallerPersona persona) {
        return call(persona, e -> { });
    }

    /**
     * Places one call and returns when it has ended; {@code onExchange} sees every AGI command
     * and its reply as it happens (on the call's thread), for tests that watch a call in flight.
     */
    public CallRecord call(CallerPersona persona, Consumer<AgiExchange> onExchange) {
        long seq = channelSequence.incrementAndGet();
        ChannelIdentity id = new ChannelIdentity(
                String.format("PJSIP/trunk-%08x", seq), "PJSIP",
                bootEpochSecond + "." + uniqueSequence.incrementAndGet(),
                persona.language(), persona.callerId(), persona.callerIdName(), persona.dnid(), "",
                140_509_327_000_000L + seq);
        SimulatedChannel channel = new SimulatedChannel(id, persona, globals);
        List<AgiExchange> exchanges = new CopyOnWriteArrayList<>() {
            @Override
            public boolean add(AgiExchange e) {
                boolean added = super.add(e);
                onExchange.accept(e);
                return added;
            }
        };
        List<String> steps = new ArrayList<>();
        String exten = persona.dnid() == null ? "s" : persona.dnid();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call", id.uniqueId())) {
            LOG.debug("call from {} ({}) into [{}]", id.callerIdOrUnknown(), persona.name(), settings.inboundContext());
            String endedBy = new DialplanRunner(dialplan, settings, astDb)
                    .run(channel, settings.inboundContext(), exten, exchanges, steps);
            LOG.debug("call ended: {}", endedBy);
            return new CallRecord(id.uniqueId(), id.channel(), persona.name(), List.copyOf(exchanges),
                    endedBy.equals("caller-hangup"), List.copyOf(steps), Map.copyOf(channel.snapshot()),
                    channel.elapsed, endedBy, channel.reactions.size(), channel.unscriptedInputs,
                    List.copyOf(channel.missingSounds));
        }
    }

    public CompletableFuture<CallRecord> callAsync(CallerPersona persona) {
        return CompletableFuture.supplyAsync(() -> call(persona), calls);
    }

    public CompletableFuture<CallRecord> callAsync(CallerPersona persona, Consumer<AgiExchange> onExchange) {
        return CompletableFuture.supplyAsync(() -> call(persona, onExchange), calls);
    }

    public PbxSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        amiServers.forEach(AmiServer::close);
        calls.shutdown();
        try {
            if (!calls.awaitTermination(30, TimeUnit.SECONDS)) {
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            calls.shutdownNow();
        }
    }
}
