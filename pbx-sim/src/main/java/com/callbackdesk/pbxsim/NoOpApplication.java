package com.callbackdesk.pbxsim;

import java.util.List;

/**
 * Applications whose effect the simulation does not model (NoOp, Playback, Progress, Ringing,
 * Verbose, Log): they run, show in Newexten and CoreShowChannels, and change nothing.
 */
record NoOpApplication(String name) implements DialplanApplication {

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        return null;
    }
}
