package com.callbackdesk.ivr.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Where the FastAGI server listens and how many calls it can serve at once.
 *
 * @param bindAddress  address to listen on; loopback unless Asterisk runs on another host
 * @param port         TCP port (Asterisk's default 4573); 0 picks a free port, see {@link IvrServer#port()}
 * @param corePoolSize call threads kept even when idle
 * @param maxPoolSize  the most concurrent calls in scripts. Asterisk-Java hands each connection
 *                     to a pool on a SynchronousQueue: a call beyond this is not queued but
 *                     refused (socket closed, the dialplan continues after AGI with
 *                     AGISTATUS=FAILURE). Size it to the trunk's channels plus headroom.
 */
public record IvrSettings(InetAddress bindAddress, int port, int corePoolSize, int maxPoolSize) {

    public static final int FASTAGI_PORT = 4573;

    public IvrSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (corePoolSize < 1 || maxPoolSize < corePoolSize) {
            throw new IllegalArgumentException("need 1 <= corePoolSize <= maxPoolSize, got " + corePoolSize + "/" + maxPoolSize);
        }
    }

    /** Loopback, port 4573, 20 threads kept, up to 600 concurrent calls (the 500-call goal plus headroom). */
    public static IvrSettings defaults() {
        return new IvrSettings(InetAddress.getLoopbackAddress(), FASTAGI_PORT, 20, 600);
    }

    public IvrSettings withPort(int newPort) {
        return new IvrSettings(bindAddress, newPort, corePoolSize, maxPoolSize);
    }

    public IvrSettings withBindAddress(String host) {
        try {
            return new IvrSettings(InetAddress.getByName(host), port, corePoolSize, maxPoolSize);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown bind address " + host, e);
        }
    }

    public IvrSettings withPool(int core, int max) {
        return new IvrSettings(bindAddress, port, core, max);
    }
}
