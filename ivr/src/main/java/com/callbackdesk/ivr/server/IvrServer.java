package com.callbackdesk.ivr.server;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The FastAGI server Asterisk's {@code AGI(agi://host:4573/<script>)} connects to, on
 * Asterisk-Java's {@link DefaultAgiServer}. Scripts are registered by name before
 * {@link #start()}; adding one ({@code survey}, {@code pending}) is one {@link #register} call.
 *
 * <pre>
 *   IvrServer ivr = new IvrServer(IvrSettings.defaults())
 *           .register("intake", new IntakeScript(desk, catalogue, settings, metrics));
 *   ivr.start();   // returns once listening
 *   ...
 *   ivr.stop();
 * </pre>
 */
public final class IvrServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(IvrServer.class);
    private static final long START_TIMEOUT_SECONDS = 10;

    private final IvrSettings settings;
    private final ScriptRegistry scripts = new ScriptRegistry();
    private final CompletableFuture<Integer> listening = new CompletableFuture<>();
    private Server server;
    private Thread acceptor;

    public IvrServer(IvrSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Serves {@code AGI(agi://host/<name>)} with {@code script}. Before {@link #start()} only. */
    public synchronized IvrServer register(String name, AgiScript script) {
        if (server != null) {
            throw new IllegalStateException("register scripts before start()");
        }
        scripts.register(name, script);
        return this;
    }

    public Set<String> scriptNames() {
        return scripts.names();
    }

    /**
     * Binds and starts accepting calls on a thread of its own; returns once the socket listens.
     *
     * @throws UncheckedIOException if the address/port cannot be bound
     */
    public synchronized IvrServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = new Server(scripts);
        server.setAddress(settings.bindAddress());
        server.setPort(settings.port());
        // Core first: Asterisk-Java refuses a maximum below the current core size.
        server.setPoolSize(settings.corePoolSize());
        server.setMaximumPoolSize(settings.maxPoolSize());
        acceptor = new Thread(this::acceptCalls, "fastagi-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            int port = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("FastAGI listening on {}:{} with scripts {}", settings.bindAddress().getHostAddress(), port, scripts.names());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting FastAGI server", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io
                    ? new UncheckedIOException("cannot listen on " + settings.bindAddress().getHostAddress() + ":" + settings.port(), io)
                    : new IllegalStateException("FastAGI server failed to start", cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("FastAGI server did not start listening within " + START_TIMEOUT_SECONDS + " s");
        }
        return this;
    }

    private void acceptCalls() {
        try {
            server.startup();   // blocks: the accept loop, until shutdown()
        } catch (IOException | RuntimeException e) {
            listening.completeExceptionally(e);
        }
    }

    /** The port actually listened on (the chosen one when configured as 0). */
    public int port() {
        if (!listening.isDone() || listening.isCompletedExceptionally()) {
            throw new IllegalStateException("not listening");
        }
        return listening.join();
    }

    /** Stops accepting calls; calls in progress finish on their threads. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("FastAGI server stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /** DefaultAgiServer that reports when (and on which port) it listens. */
    private final class Server extends DefaultAgiServer {

        Server(ScriptRegistry registry) {
            super(registry);
        }

        @Override
        protected ServerSocketFacade createServerSocket() throws IOException {
            ServerSocketFacade socket = super.createServerSocket();
            int port = boundPort(socket);
            // Report "listening" from the first accept(), not here: DefaultAgiServer stores the
            // socket only after this returns, and a stop() before that could not close it.
            return new ServerSocketFacade() {
                @Override
                public SocketConnectionFacade accept() throws IOException {
                    listening.complete(port);
                    return socket.accept();
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }

                @Override
                public void setSocketReadTimeout(int timeout) {
                    socket.setSocketReadTimeout(timeout);
                }
            };
        }

        /**
         * DefaultAgiServer binds a ServerSocket it keeps private and has no getter for the bound
         * port, which matters for port 0 (tests, several servers on one host). Read it from
         * Asterisk-Java's facade (version pinned in the parent pom); configured port otherwise.
         */
        private int boundPort(ServerSocketFacade facade) {
            try {
                Field field = facade.getClass().getDeclaredField("serverSocket");
                field.setAccessible(true);
                return ((ServerSocket) field.get(facade)).getLocalPort();
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (settings.port() == 0) {
                    throw new IllegalStateException("cannot learn the ephemeral port from Asterisk-Java; configure a fixed port", e);
                }
                return settings.port();
            }
        }
    }
}
