package com.callbackdesk.routes.dialer;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.response.ManagerResponse;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dialer's connection to Asterisk's Manager Interface, on Asterisk-Java's
 * {@link ManagerConnection} (typed actions and events): logs in (Challenge + MD5 key), checks the
 * connection with Ping every {@link AmiSettings#pingInterval()}, and gets it back when it drops —
 * Asterisk-Java reconnects a session that was logged in; when a login never succeeded (the PBX was
 * down at start-up) or the connection gave up, the ping task logs in again. Events go to one
 * listener, which must hand them off at once (the reader thread must not block: the dialer puts
 * them on a {@code seda:} queue).
 */
public final class AmiClient implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(AmiClient.class);

    private final AmiSettings settings;
    private final ManagerConnection connection;
    private final ScheduledExecutorService pinger;
    /** One more at every login and every drop: names the connection an answer came on. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean closed;

    public AmiClient(AmiSettings settings, ManagerEventListener events) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(events, "events");
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(),
                settings.secret()).createManagerConnection();
        connection.addEventListener(event -> {
            if (event instanceof DisconnectEvent) {
                epoch.incrementAndGet();
                LOG.warn("{}: connection lost; Asterisk-Java reconnects, in-flight dials are left to the watchdog"
                        + " (never re-sent), conversations are checked against the live channels once back", settings);
            } else if (event instanceof ConnectEvent) {
                LOG.info("{}: connected ({}), connection epoch {}", settings, connection.getProtocolIdentifier(),
                        epoch.incrementAndGet());
            }
            events.onManagerEvent(event);
        });
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ami-ping");
            t.setDaemon(true);
            return t;
        });
    }

    /** Logs in (once; a failure is logged and retried by the ping task) and starts pinging. */
    public AmiClient start() {
        tryLogin();
        long every = settings.pingInterval().toMillis();
        pinger.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether actions can be sent now. */
    public boolean connected() {
        return connection.getState() == ManagerConnectionState.CONNECTED;
    }

    /**
     * Counts logins and drops (0 before the first login): an action sent and answered with the
     * same epoch before and after was answered by the PBX this connection is logged in to.
     */
    public long epoch() {
        return epoch.get();
    }

    public ManagerConnectionState state() {
        return connection.getState();
    }

    /**
     * Sends an action once; the future completes with Asterisk's response. An I/O failure
     * completes it exceptionally; a response that never comes (the connection dropped) leaves it
     * to the caller's timeout. Never retried here: an Originate must not be sent twice.
     */
    public CompletableFuture<ManagerResponse> send(ManagerAction action) {
        CompletableFuture<ManagerResponse> response = new CompletableFuture<>();
        try {
            connection.sendAction(action, response::complete);
        } catch (Exception | Error e) {
            response.completeExceptionally(e);
        }
        return response;
    }

    /**
     * Sends an action Asterisk answers with a list of events (CoreShowChannels) and waits, up to
     * {@link AmiSettings#responseTimeout()}, for the whole list. Blocks: never call it on
     * Asterisk-Java's threads (the event listener).
     */
    public ResponseEvents list(EventGeneratingAction action) throws Exception {
        return connection.sendEventGeneratingAction(action, settings.responseTimeout().toMillis());
    }

    private synchronized void tryLogin() {
        if (closed) {
            return;
        }
        ManagerConnectionState s = connection.getState();
        if (s == ManagerConnectionState.CONNECTED || s == ManagerConnectionState.RECONNECTING
                || s == ManagerConnectionState.CONNECTING) {
            return;
        }
        try {
            connection.login();
            LOG.info("{}: logged in, Asterisk {}", settings, connection.getVersion());
        } catch (Exception e) {
            LOG.warn("{}: login failed ({}); retrying every {}", settings, e.toString(), settings.pingInterval());
        }
    }

    private void check() {
        try {
            if (connected()) {
                ManagerResponse pong = connection.sendAction(new PingAction(), settings.responseTimeout().toMillis());
                LOG.debug("{}: ping {}", settings, pong.getResponse());
            } else {
                tryLogin();
            }
        } catch (Exception e) {
            LOG.warn("{}: ping failed ({}), state {}", settings, e.toString(), connection.getState());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        pinger.shutdownNow();
        ManagerConnectionState s = connection.getState();
        if (s == ManagerConnectionState.CONNECTED || s == ManagerConnectionState.RECONNECTING) {
            try {
                connection.logoff();
            } catch (RuntimeException e) {
                LOG.debug("{}: logoff: {}", settings, e.toString());
            }
        }
    }
}
