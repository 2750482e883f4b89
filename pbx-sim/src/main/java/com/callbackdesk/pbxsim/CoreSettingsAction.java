package com.callbackdesk.pbxsim;

import java.io.IOException;
import java.util.Set;

/** CoreSettings: the versions and core limits, as an Asterisk 22 with default asterisk.conf reports them. */
final class CoreSettingsAction implements AmiAction {

    @Override
    public String name() {
        return "CoreSettings";
    }

    @Override
    public Set<String> permittedBy() {
        return Set.of("system", "reporting");
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) throws IOException {
        session.write(AmiSession.start(m, "Success")
                + "AMIversion: " + AmiServer.AMI_VERSION + "\r\n"
                + "AsteriskVersion: " + SimulatedPbx.ASTERISK_VERSION + "\r\n"
                + "SystemName: \r\n"
                + "CoreMaxCalls: 0\r\n"
                + "CoreMaxLoadAvg: 0.000000\r\n"
                + "CoreRunUser: asterisk\r\n"
                + "CoreRunGroup: asterisk\r\n"
                + "CoreMaxFilehandles: 0\r\n"
                + "CoreRealTimeEnabled: No\r\n"
                + "CoreCDRenabled: No\r\n"
                + "CoreHTTPenabled: No\r\n"
                + "SoundsSearchCustomDir: No\r\n"
                + "\r\n");
        return true;
    }
}
