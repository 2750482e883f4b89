package com.callbackdesk.pbxsim;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

/**
 * AGI(agi://host[:port]/script,args…): opens a FastAGI connection and serves the script's commands
 * ({@link AgiChannelSession}); sets AGISTATUS, and follows a Goto the script asked for with EXEC.
 */
final class AgiApplication implements DialplanApplication {

    private static final Logger LOG = LogManager.getLogger(AgiApplication.class);

    private final PbxSettings settings;
    private final Map<String, String> database;
    private final GotoApplication jumps;

    AgiApplication(PbxSettings settings, Map<String, String> database, GotoApplication jumps) {
        this.settings = settings;
        this.database = database;
        this.jumps = jumps;
    }

    @Override
    public String name() {
        return "AGI";
    }

    @Override
    public String execute(SimulatedChannel channel, List<String> args, DialplanRunner.Frame frame) {
        AgiRequestLine request = AgiRequestLine.parse(args);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(request.host(), request.port()), 5_000);
            socket.setTcpNoDelay(true);
            new AgiChannelSession(socket, channel, request, settings, database, frame.exchanges()).run();
            channel.set("AGISTATUS", channel.hungUp ? "HANGUP" : "SUCCESS");
        } catch (IOException e) {
            // Asterisk carries on in the dialplan with AGISTATUS=FAILURE when the server is unreachable.
            LOG.warn("FastAGI {} failed: {}", request.url(), e.toString());
            channel.set("AGISTATUS", "FAILURE");
        }
        if (channel.hungUp && !frame.inHangupHandler()) {
            return "caller-hangup";
        }
        if (channel.pendingGoto != null) {
            String[] target = channel.pendingGoto;
            channel.pendingGoto = null;
            jumps.jump(channel, target);
        }
        return null;
    }
}
