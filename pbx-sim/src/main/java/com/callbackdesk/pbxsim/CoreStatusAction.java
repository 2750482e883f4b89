package com.callbackdesk.pbxsim;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * CoreStatus (manager.c action_corestatus): when the running Asterisk process started and was last
 * reloaded, and how many calls it has. A client that sees the startup change between two logins
 * knows the PBX restarted in between, and that every channel it knew is gone.
 */
final class CoreStatusAction implements AmiAction {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final LongSupplier bootMillis;
    private final IntSupplier currentCalls;

    CoreStatusAction(LongSupplier bootMillis, IntSupplier currentCalls) {
        this.bootMillis = bootMillis;
        this.currentCalls = currentCalls;
    }

    @Override
    public String name() {
        return "CoreStatus";
    }

    @Override
    public Set<String> permittedBy() {
        return Set.of("system", "reporting");
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) throws IOException {
        Instant boot = Instant.ofEpochMilli(bootMillis.getAsLong());
        session.write(AmiSession.start(m, "Success")
                + "CoreStartupDate: " + DATE.format(boot) + "\r\n"
                + "CoreStartupTime: " + TIME.format(boot) + "\r\n"
                + "CoreReloadDate: " + DATE.format(boot) + "\r\n"
                + "CoreReloadTime: " + TIME.format(boot) + "\r\n"
                + "CoreCurrentCalls: " + currentCalls.getAsInt() + "\r\n"
                + "\r\n");
        return true;
    }
}
