package com.callbackdesk.pbxsim;

import java.io.IOException;

/** Challenge: hands out the session's MD5 challenge for a Login with a Key instead of a Secret. */
final class ChallengeAction implements AmiAction {

    @Override
    public String name() {
        return "Challenge";
    }

    @Override
    public boolean needsLogin() {
        return false;
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) throws IOException {
        if (!"md5".equalsIgnoreCase(m.get("AuthType"))) {
            session.send(m, "Error", "Must specify AuthType");
            return true;
        }
        session.write(AmiSession.start(m, "Success") + "Challenge: " + session.challenge() + "\r\n\r\n");
        return true;
    }
}
