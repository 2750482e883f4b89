package com.callbackdesk.pbxsim;

/**
 * A channel as AMI reports it: the standard block (Channel, ChannelState, ChannelStateDesc,
 * CallerIDNum ... Uniqueid, Linkedid) in Asterisk's order, where it is in the dialplan coming from
 * the {@link SimulatedChannel} that runs it.
 */
final class AmiChannel {

    static final int DOWN = 0;
    static final int RING = 4;
    static final int RINGING = 5;
    static final int UP = 6;

    final String name;
    final String uniqueId;
    final String linkedId;
    final SimulatedChannel sim;
    volatile int state = DOWN;
    volatile String callerIdNum;
    volatile String callerIdName;
    volatile String connectedLineNum;
    volatile String connectedLineName;
    volatile boolean gone;
    /** The application running now and its arguments, as CoreShowChannels reports them. */
    volatile String application = "";
    volatile String applicationData = "";
    /** The bridge the channel is in, "" when none. */
    volatile String bridgeId = "";
    /** When the channel was created: CoreShowChannels' Duration counts from here (wall clock, as Asterisk does). */
    final long createdMillis = System.currentTimeMillis();

    AmiChannel(String name, String uniqueId, String linkedId, SimulatedChannel sim) {
        this.name = name;
        this.uniqueId = uniqueId;
        this.linkedId = linkedId;
        this.sim = sim;
    }

    static String stateDesc(int state) {
        return switch (state) {
            case DOWN -> "Down";
            case 1 -> "Rsrvd";
            case 2 -> "OffHook";
            case 3 -> "Dialing";
            case RING -> "Ring";
            case RINGING -> "Ringing";
            case UP -> "Up";
            case 7 -> "Busy";
            default -> "Unknown";
        };
    }

    /** CoreShowChannels' Duration: HH:MM:SS since the channel was created. */
    String duration(long nowMillis) {
        long seconds = Math.max(0, (nowMillis - createdMillis) / 1000);
        return String.format("%02d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }

    private static String orUnknown(String s) {
        return s == null || s.isEmpty() ? "<unknown>" : s;
    }

    void appendFields(AmiEvent.Builder b, String prefix) {
        b.add(prefix + "Channel", name)
                .add(prefix + "ChannelState", state)
                .add(prefix + "ChannelStateDesc", stateDesc(state))
                .add(prefix + "CallerIDNum", orUnknown(callerIdNum))
                .add(prefix + "CallerIDName", orUnknown(callerIdName))
                .add(prefix + "ConnectedLineNum", orUnknown(connectedLineNum))
                .add(prefix + "ConnectedLineName", orUnknown(connectedLineName))
                .add(prefix + "Language", sim.language)
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", sim.context)
                .add(prefix + "Exten", sim.exten)
                .add(prefix + "Priority", sim.currentPriority())
                .add(prefix + "Uniqueid", uniqueId)
                .add(prefix + "Linkedid", linkedId);
    }
}
