package com.callbackdesk.pbxsim;

import java.util.List;

/** GotoIf(condition?iftrue:iffalse) with the condition already substituted: "" and "0" are false. */
final class GotoIfApplication implements DialplanApplication {

    private final GotoApplication jumps;

    GotoIfApplication(GotoApplication jumps) {
        this.jumps = jumps;
    }

    @Override
    public String name() {
        return "GotoIf";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        String data = String.join(",", args);
        int q = data.indexOf('?');
        if (q < 0) {
            return null;
        }
        String condition = data.substring(0, q).trim().replaceAll("^\\$\\[(.*)]$", "$1").trim();
        String[] branches = data.substring(q + 1).split(":", 2);
        boolean truth = !(condition.isEmpty() || condition.equals("0"));
        String branch = truth ? branches[0] : (branches.length > 1 ? branches[1] : "");
        if (!branch.isBlank()) {
            jumps.jump(channel, branch.split(","));
        }
        return null;
    }
}
