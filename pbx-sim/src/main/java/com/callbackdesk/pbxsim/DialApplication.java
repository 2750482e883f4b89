package com.callbackdesk.pbxsim;

import java.util.List;

/**
 * Dial(): what it does depends on who is behind the PBX — nobody on inbound calls
 * ({@link Handler#UNAVAILABLE}), the customer persona on an originated callback ({@link CustomerDial}).
 */
final class DialApplication implements DialplanApplication {

    /**
     * What Dial() does. Sets DIALSTATUS (and whatever else) on the channel; returns true when the
     * channel running Dial is gone afterwards (it hung up, or Dial's F() moved the other party on).
     */
    interface Handler {
        /** No endpoints behind the simulated PBX: the dialled party is unavailable. */
        Handler UNAVAILABLE = (channel, args) -> {
            channel.set("DIALSTATUS", "CHANUNAVAIL");
            return false;
        };

        boolean dial(SimulatedChannel channel, List<String> args);
    }

    private final Handler handler;

    DialApplication(Handler handler) {
        this.handler = handler;
    }

    @Override
    public String name() {
        return "Dial";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        return handler.dial(channel, args) ? "caller-hangup" : null;
    }
}
