package com.callbackdesk.pbxsim;

import java.io.IOException;
import java.time.Instant;

/** Ping: Pong, with the PBX's time in seconds and microseconds. */
final class PingAction implements AmiAction {

    @Override
    public String name() {
        return "Ping";
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) throws IOException {
        Instant now = Instant.now();
        session.write(AmiSession.start(m, "Success") + "Ping: Pong\r\nTimestamp: " + now.getEpochSecond() + "."
                + String.format("%06d", now.getNano() / 1000) + "\r\n\r\n");
        return true;
    }
}
