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
