package com.callbackdesk.pbxsim;

import java.util.List;

/** Set(NAME=value): the value may itself hold commas, so the arguments are joined back first. */
final class SetApplication implements DialplanApplication {

    @Override
    public String name() {
        return "Set";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        String assignment = String.join(",", args);
        int eq = assignment.indexOf('=');
        if (eq > 0) {
            channel.set(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        return null;
    }
}
