package com.callbackdesk.pbxsim;

import java.util.List;

/**
 * One dialplan application as pbx-sim runs it (what an app_*.c module registers with pbx.c).
 * The {@link DialplanRunner} finds it by name, substitutes its arguments and reports Newexten;
 * the application does the rest.
 */
interface DialplanApplication {

    /** The name it is registered under in the dialplan, e.g. {@code Dial}. */
    String name();

    /**
     * Runs on {@code channel}.
     *
     * @return null to go on with the next priority, or how the call ended ({@code dialplan-hangup},
     *         {@code caller-hangup}); the runner then runs the {@code h} extension as pbx.c does
     */
    String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame);
}
