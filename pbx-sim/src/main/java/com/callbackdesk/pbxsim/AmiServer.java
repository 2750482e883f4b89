package com.callbackdesk.pbxsim;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated PBX's Asterisk Manager Interface (main/manager.c): a TCP server on loopback that
 * greets with {@code Asterisk Call Manager/11.0.0}, authenticates against manager.conf users
 * (plain Secret or Challenge + MD5 Key), answers Ping, CoreSettings, CoreShowChannels, Originate
 * and Logoff (one {@link AmiAction} each, run by the connection's {@link AmiSession}), and sends every session the events its user's {@code read=} classes allow. Lines end
 * in CRLF and every message in a blank line, as Asterisk writes them. An outage
 * ({@link #startOutage()}) drops every session and refuses connections until it ends, so the
 * events in between reach nobody — as when the network between the desk and the PBX fails.
 */
public final class AmiServer implements AutoCloseable {

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    static final String AMI_VERSION = "11.0.0";
    private static final Logger LOG = LogManager.getLogger(AmiServer.class);

    private final Map<String, AmiAction> actions;
    /** When the (simulated) Asterisk process started: a restart starts a new one. */
    private final java.util.concurrent.atomic.AtomicLong bootMillis = new java.util.concurrent.atomic.AtomicLong();
    private volatile ServerSocket server;
    private final int port;
    private final Object outageLock = new Object();
    private boolean outage;
    private final List<AmiSession> sessions = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    AmiServer(ManagerConf users, AmiCalls calls, int port, long bootMillis) {
        this.bootMillis.set(bootMillis);
        this.actions = actions(List.of(new LoginAction(users, this.bootMillis::get, calls::sleep, this::publish),
                new ChallengeAction(), new LogoffAction(), new PingAction(), new CoreSettingsAction(),
                new CoreStatusAction(this.bootMillis::get, () -> calls.liveChannels().size()),
                new CoreShowChannelsAction(calls::liveChannels), new EventsAction(), new OriginateAction(calls)));
        this.server = listen(port);
        this.port = server.getLocalPort();
        acceptor = new Thread(this::accept, "pbx-sim-ami-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("AMI listening on 127.0.0.1:{} for users {}", port(), users.userNames());
    }

    private static Map<String, AmiAction> actions(List<AmiAction> all) {
        Map<String, AmiAction> byName = new HashMap<>();
        all.forEach(a -> byName.put(a.name().toLowerCase(Locale.ROOT), a));
        return Map.copyOf(byName);
    }

    public int port() {
        return port;
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("AMI cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /**
     * The network to the PBX fails: every session's connection drops and new ones are refused
     * until {@link #endOutage()}; the calls go on and their events reach nobody meanwhile.
     */
    void startOutage() {
        synchronized (outageLock) {
            outage = true;
            try {
                server.close();
            } catch (IOException e) {
                LOG.debug("closing AMI socket for the outage: {}", e.toString());
            }
        }
        sessions.forEach(AmiSession::close);
        LOG.info("AMI outage: sessions dropped, 127.0.0.1:{} refuses connections", port);
    }

    /**
     * The PBX restarts ({@code core restart now}): the manager sessions close and the port refuses
     * connections for {@code down}, then listens again, as the new Asterisk process comes up.
     */
    void restart(java.time.Duration down) {
        startOutage();
        // The new process starts now — at least a second after the old one (CoreStatus reports seconds).
        bootMillis.updateAndGet(old -> Math.max(System.currentTimeMillis(), old + 1000));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(down.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            endOutage();
        }, "pbx-sim-restart");
        t.setDaemon(true);
        t.start();
    }

    /** The network is back: the port listens again and clients may log in. */
    void endOutage() {
        synchronized (outageLock) {
            if (!outage) {
                return;
            }
            outage = false;
            outageLock.notifyAll();
        }
        LOG.info("AMI outage over: 127.0.0.1:{} accepts connections again", port);
    }

    /** Sessions logged in right now. */
    public int authenticatedSessions() {
        return (int) sessions.stream().filter(AmiSession::isLoggedIn).count();
    }

    /** Sends {@code event} to every logged-in session allowed to read its class. */
    void publish(AmiEvent event) {
        String wire = event.wire();
        for (AmiSession s : sessions) {
            s.deliver(event.eventClass(), wire);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                if (server.isClosed() && !awaitEndOfOutage()) {
                    return;
                }
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                AmiSession session = new AmiSession(socket, actions, sessions::remove);
                sessions.add(session);
                Thread t = new Thread(session, "pbx-sim-ami-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed && !server.isClosed()) {
                    LOG.warn("AMI accept failed: {}", e.toString());
                }
            }
        }
    }

    /** Waits out an outage, then listens on the same port again; false when the server closed meanwhile. */
    private boolean awaitEndOfOutage() {
        synchronized (outageLock) {
            while (outage && !closed) {
                try {
                    outageLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (closed) {
                return false;
            }
            server = listen(port);
            return true;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (outageLock) {
            outageLock.notifyAll();
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing AMI socket: {}", e.toString());
        }
        sessions.forEach(AmiSession::close);
    }
}
