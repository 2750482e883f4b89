package com.callbackdesk.pbxsim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The channels the AMI side of the PBX has created and the events their lives produce
 * (Newchannel's siblings: Newstate, DeviceStateChange, Hangup, the bridge events, and what a
 * channel reports while it runs the dialplan), published to whichever {@link AmiServer} is attached.
 */
final class AmiChannels {

    private final Map<String, String> globals;
    private final AtomicLong channelSequence;
    private final AtomicLong uniqueSequence;
    /** Channels that exist now, in creation order: what CoreShowChannels lists. */
    private final Map<String, AmiChannel> live = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile AmiServer server;

    AmiChannels(Map<String, String> globals, AtomicLong channelSequence, AtomicLong uniqueSequence) {
        this.globals = globals;
        this.channelSequence = channelSequence;
        this.uniqueSequence = uniqueSequence;
    }

    void attach(AmiServer amiServer) {
        this.server = amiServer;
    }

    /** The AMI server events go to now; null before one is started. */
    AmiServer server() {
        return server;
    }

    /** The channels alive right now (CoreShowChannels). */
    List<AmiChannel> live() {
        synchronized (live) {
            return List.copyOf(live.values());
        }
    }

    /** {@code PJSIP/<endpoint>-0000001f}: the next channel name on an endpoint. */
    String nextName(String endpoint) {
        return String.format("PJSIP/%s-%08x", endpoint, channelSequence.getAndIncrement());
    }

    void publish(AmiEvent.Builder event) {
        AmiServer s = server;
        if (s != null) {
            s.publish(event.build());
        }
    }

    private String newUniqueId() {
        return System.currentTimeMillis() / 1000 + "." + uniqueSequence.getAndIncrement();
    }

    AmiChannel create(String name, String linkedId, CallerPersona persona, String context,
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
            public void callerId(SimulatedChannel channel, String number, String name) {
                if (number != null) {
                    ch.callerIdNum = number;
                }
                if (name != null) {
                    ch.callerIdName = name;
                }
                publish(AmiEvent.of("NewCallerid", "call").channel(ch)
                        .add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
            }

            @Override
            public void softHangupRequest(SimulatedChannel channel, int cause) {
                publish(AmiEvent.of("SoftHangupRequest", "call").channel(ch).add("Cause", cause));
            }
        };
    }

    void newState(AmiChannel ch, int state) {
        ch.state = state;
        publish(AmiEvent.of("Newstate", "call").channel(ch));
    }

    void deviceState(AmiChannel ch, String state) {
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

    void hangup(AmiChannel ch, int cause) {
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

    /**
     * The PBX process is replaced (a restart): every channel is gone at once, with no Hangup event
     * for the ones still up — the new process simply does not have them.
     */
    void vanishAll() {
        synchronized (live) {
            live.values().forEach(ch -> {
                ch.gone = true;
                ch.sim.hungUp = true;
            });
            live.clear();
        }
    }

    void bridgeEvent(String event, String bridgeId, int channels, AmiChannel ch) {
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
}
