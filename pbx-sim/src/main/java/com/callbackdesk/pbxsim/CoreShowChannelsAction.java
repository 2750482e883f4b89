package com.callbackdesk.pbxsim;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * CoreShowChannels (action_coreshowchannels): the list ack, one CoreShowChannel per live channel
 * (ActionID, the channel-state block, then BridgeId, Application, ApplicationData, Duration), then
 * CoreShowChannelsComplete with the count — written as one piece, as only this session gets it.
 */
final class CoreShowChannelsAction implements AmiAction {

    private final Supplier<List<AmiChannel>> liveChannels;

    CoreShowChannelsAction(Supplier<List<AmiChannel>> liveChannels) {
        this.liveChannels = liveChannels;
    }

    @Override
    public String name() {
        return "CoreShowChannels";
    }

    /** manager.c registers it with EVENT_FLAG_SYSTEM | EVENT_FLAG_REPORTING. */
    @Override
    public Set<String> permittedBy() {
        return Set.of("system", "reporting");
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) throws IOException {
        String id = m.get("ActionID");
        StringBuilder sb = new StringBuilder(AmiSession.start(m, "Success"))
                .append("EventList: start\r\nMessage: Channels will follow\r\n\r\n");
        List<AmiChannel> channels = liveChannels.get();
        long now = System.currentTimeMillis();
        for (AmiChannel ch : channels) {
            AmiEvent.Builder e = AmiEvent.listItem("CoreShowChannel");
            if (id != null) {
                e.add("ActionID", id);
            }
            e.channel(ch).add("BridgeId", ch.bridgeId).add("Application", ch.application)
                    .add("ApplicationData", ch.applicationData).add("Duration", ch.duration(now));
            sb.append(e.build().wire());
        }
        AmiEvent.Builder done = AmiEvent.listItem("CoreShowChannelsComplete");
        if (id != null) {
            done.add("ActionID", id);
        }
        done.add("EventList", "Complete").add("ListItems", channels.size());
        session.write(sb.append(done.build().wire()).toString());
        return true;
    }
}
