package com.callbackdesk.pbxsim;

import java.util.List;

/** Answer(): the channel is up. */
final class AnswerApplication implements DialplanApplication {

    @Override
    public String name() {
        return "Answer";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        channel.answered = true;
        return null;
    }
}
