package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.dialplan.Extension;
import com.callbackdesk.dialplan.Priority;

import java.util.List;

/** Goto(context,exten,priority) / Goto(exten,priority) / Goto(priority); a priority may be a label. */
final class GotoApplication implements DialplanApplication {

    private final Dialplan dialplan;

    GotoApplication(Dialplan dialplan) {
        this.dialplan = dialplan;
    }

    @Override
    public String name() {
        return "Goto";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        jump(channel, args.toArray(String[]::new));
        return null;
    }

    /** Moves the channel to the target; an unknown label leaves it on priority -1, where the extension ends. */
    void jump(SimulatedChannel channel, String[] target) {
        String ctx = channel.context;
        String ext = channel.exten;
        String prio;
        if (target.length >= 3) {
            ctx = target[0].trim();
            ext = target[1].trim();
            prio = target[2].trim();
        } else if (target.length == 2) {
            ext = target[0].trim();
            prio = target[1].trim();
        } else {
            prio = target[0].trim();
        }
        channel.context = ctx;
        channel.exten = ext;
        if (prio.matches("\\d+")) {
            channel.priority = Integer.parseInt(prio);
        } else {
            String label = prio;
            String context = ctx;
            String exten = ext;
            channel.priority = dialplan.context(context).flatMap(c -> c.match(exten))
                    .flatMap((Extension e) -> e.label(label)).map(Priority::number).orElse(-1);
        }
    }
}
