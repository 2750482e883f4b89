package com.callbackdesk.pbxsim;

import java.util.List;

/** Hangup(): the dialplan ends the call (a soft hang-up request, cause 16). */
final class HangupApplication implements DialplanApplication {

    @Override
    public String name() {
        return "Hangup";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        channel.events.softHangupRequest(channel, 16);
        return "dialplan-hangup";
    }
}
