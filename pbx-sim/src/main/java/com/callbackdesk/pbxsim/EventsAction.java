package com.callbackdesk.pbxsim;

import java.io.IOException;
import java.util.Set;

/** Events: sets which event classes the session receives (EventMask on / off / a list). */
final class EventsAction implements AmiAction {

    @Override
    public String name() {
        return "Events";
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) throws IOException {
        Set<String> filter = AmiSession.parseEvents(m.get("EventMask"));
        session.filterEvents(filter);
        session.write(AmiSession.start(m, "Success") + "Events: " + (filter != null && filter.isEmpty() ? "Off" : "On")
                + "\r\n\r\n");
        return true;
    }
}
