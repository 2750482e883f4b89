package com.callbackdesk.pbxsim;

import java.time.Duration;
import java.util.List;

/** Wait(seconds): the call's time passes (and real time, scaled, when the PBX runs in real time). */
final class WaitApplication implements DialplanApplication {

    private final PbxSettings settings;

    WaitApplication(PbxSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "Wait";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        Duration d = Duration.ofMillis((long) (Double.parseDouble(args.isEmpty() ? "0" : args.get(0)) * 1000));
        channel.advance(d);
        DialplanRunner.sleepScaled(settings, d);
        return null;
    }
}
