package com.callbackdesk.pbxsim;

import java.io.IOException;

/** Logoff: says goodbye as manager.c does, and the session ends. */
final class LogoffAction implements AmiAction {

    @Override
    public String name() {
        return "Logoff";
    }

    @Override
    public boolean needsLogin() {
        return false;
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) throws IOException {
        session.send(m, "Goodbye", "Thanks for all the fish.");
        return false;
    }
}
