package com.callbackdesk.pbxsim;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The simulated PBX's Asterisk Manager Interface (main/manager.c): a TCP server on loopback that
 * greets with {@code Asterisk Call Manager/11.0.0}, authenticates against manager.conf users
 * (plain Secret or Challenge + MD5 Key), answers Ping, CoreSettings, CoreShowChannels, Originate
 * and Logoff, and sends every session the events its user's {@code read=} classes allow. Lines end
 * in CRLF and every message in a blank line, as Asterisk writes them. An outage
 * ({@link #startOutage()}) drops every session and refuses connections until it ends, so the
 * events in between reach nobody — as when the network between the desk and the PBX fails.
 */
public final class AmiServer implements AutoCloseable {

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    static final String AMI_VERSION = "11.0.0";
    private static final Logger LOG = LogManager.getLogger(AmiServer.class);
    private static final DateTimeFormatter EVENT_TV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final ManagerConf users;
    private final AmiCalls calls;
    private volatile ServerSocket server;
    private final int port;
    private final Object outageLock = new Object();
    private boolean outage;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final long bootMillis;
    private final Thread acceptor;
    private volatile boolean closed;

    AmiServer(ManagerConf users, AmiCalls calls, int port, long bootMillis) {
        this.users = users;
        this.calls = calls;
        this.bootMillis = bootMillis;
        this.server = listen(port);
        this.port = server.getLocalPort();
        acceptor = new Thread(this::accept, "pbx-sim-ami-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("AMI listening on 127.0.0.1:{} for users {}", port(), users.userNames());
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
        sessions.forEach(Session::close);
        LOG.info("AMI outage: sessions dropped, 127.0.0.1:{} refuses connections", port);
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
        return (int) sessions.stream().filter(s -> s.user != null).count();
    }

    /** Sends {@code event} to every logged-in session allowed to read its class. */
    void publish(AmiEvent event) {
        String wire = event.wire();
        for (Session s : sessions) {
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
                Session session = new Session(socket);
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
        sessions.forEach(Session::close);
    }

    private final class Session implements Runnable {
        private final Socket socket;
        private final OutputStream out;
        private final String sessionId = "0x" + Long.toHexString(0x7f0000000000L + ThreadLocalRandom.current().nextLong(0x10000000000L));
        private volatile ManagerConf.User user;
        private volatile Set<String> eventFilter;   // null = all the user may read; empty = Events: off
        private String challenge;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        @Override
        public void run() {
            try (socket) {
                write(BANNER);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                List<String[]> headers = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
                        }
                        continue;
                    }
                    if (headers.isEmpty()) {
                        continue;
                    }
                    AmiMessage action = new AmiMessage(List.copyOf(headers));
                    headers.clear();
                    if (!handle(action)) {
                        return;
                    }
                }
            } catch (SocketException e) {
                LOG.debug("AMI session ended: {}", e.toString());
            } catch (IOException e) {
                LOG.debug("AMI session failed: {}", e.toString());
            } finally {
                sessions.remove(this);
            }
        }

        /** Returns false when the session is over (Logoff, failed login). */
        private boolean handle(AmiMessage m) throws IOException {
            String action = m.get("Action");
            if (action == null) {
                send(m, "Error", "Missing action in request");
                return true;
            }
            String a = action.toLowerCase(Locale.ROOT);
            if (user == null && !a.equals("login") && !a.equals("challenge") && !a.equals("logoff")) {
                send(m, "Error", "Authentication Required");
                return true;
            }
            switch (a) {
                case "challenge" -> {
                    if (!"md5".equalsIgnoreCase(m.get("AuthType"))) {
                        send(m, "Error", "Must specify AuthType");
                        return true;
                    }
                    if (challenge == null) {
                        challenge = Integer.toString(ThreadLocalRandom.current().nextInt(100_000_000, Integer.MAX_VALUE));
                    }
                    write(start(m, "Success") + "Challenge: " + challenge + "\r\n\r\n");
                    return true;
                }
                case "login" -> {
                    return login(m);
                }
                case "logoff" -> {
                    send(m, "Goodbye", "Thanks for all the fish.");
                    return false;
                }
                case "ping" -> {
                    Instant now = Instant.now();
                    write(start(m, "Success") + "Ping: Pong\r\nTimestamp: " + now.getEpochSecond() + "."
                            + String.format("%06d", now.getNano() / 1000) + "\r\n\r\n");
                    return true;
                }
                case "coresettings" -> {
                    if (!user.mayWrite(Set.of("system", "reporting"))) {
                        send(m, "Error", "Permission denied");
                        return true;
                    }
                    write(start(m, "Success")
                            + "AMIversion: " + AMI_VERSION + "\r\n"
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
                case "coreshowchannels" -> {
                    // manager.c registers it with EVENT_FLAG_SYSTEM | EVENT_FLAG_REPORTING.
                    if (!user.mayWrite(Set.of("system", "reporting"))) {
                        send(m, "Error", "Permission denied");
                        return true;
                    }
                    write(coreShowChannels(m));
                    return true;
                }
                case "events" -> {
                    String mask = m.get("EventMask");
                    eventFilter = parseEvents(mask);
                    write(start(m, "Success") + "Events: " + (eventFilter != null && eventFilter.isEmpty() ? "Off" : "On")
                            + "\r\n\r\n");
                    return true;
                }
                case "originate" -> {
                    if (!user.mayWrite(Set.of("originate"))) {
                        send(m, "Error", "Permission denied");
                        return true;
                    }
                    if (calls.dropThisOriginate(m)) {
                        close();
                        return false;
                    }
                    if (calls.dropAfterQueueing(m)) {
                        close();   // the response is never written; the events go to whoever is logged in
                        calls.originate(m, (response, message) -> { });
                        return false;
                    }
                    calls.originate(m, (response, message) -> {
                        try {
                            send(m, response, message);
                        } catch (IOException e) {
                            LOG.debug("Originate reply lost: {}", e.toString());
                        }
                    });
                    return true;
                }
                default -> {
                    send(m, "Error", "Invalid/unknown command");
                    return true;
                }
            }
        }

        private boolean login(AmiMessage m) throws IOException {
            ManagerConf.User candidate = users.user(m.get("Username")).orElse(null);
            boolean ok = false;
            if (candidate != null) {
                String key = m.get("Key");
                if ("md5".equalsIgnoreCase(m.get("AuthType")) && key != null && challenge != null) {
                    ok = md5(challenge + candidate.secret()).equalsIgnoreCase(key);
                } else {
                    ok = candidate.secret().equals(m.get("Secret"));
                }
            }
            if (!ok) {
                // manager.c: sleep(1) before answering, then the session ends.
                calls.sleep(java.time.Duration.ofSeconds(1));
                send(m, "Error", "Authentication failed");
                LOG.info("AMI login failed for '{}' from {}", m.get("Username"), socket.getRemoteSocketAddress());
                return false;
            }
            eventFilter = parseEvents(m.get("Events"));
            send(m, "Success", "Authentication accepted");
            long uptime = (System.currentTimeMillis() - bootMillis) / 1000;
            // FullyBooted is written to the new session directly, whatever its read classes.
            write("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: " + uptime + "\r\nLastReload: " + uptime
                    + "\r\nStatus: Fully Booted\r\n\r\n");
            user = candidate;
            String tv = EVENT_TV.format(Instant.now());
            AmiEvent auth = AmiEvent.of("SuccessfulAuth", "security")
                    .add("EventTV", tv).add("Severity", "Informational").add("Service", "AMI").add("EventVersion", 1)
                    .add("AccountID", candidate.name()).add("SessionID", sessionId)
                    .add("LocalAddress", "IPV4/TCP/127.0.0.1/" + socket.getLocalPort())
                    .add("RemoteAddress", "IPV4/TCP/127.0.0.1/" + socket.getPort())
                    .add("UsingPassword", 0).add("SessionTV", tv).build();
            publish(auth);
            LOG.debug("AMI login of {} (read {})", candidate.name(), candidate.read());
            return true;
        }

        private Set<String> parseEvents(String events) {
            if (events == null || events.isBlank() || events.equalsIgnoreCase("on")) {
                return null;
            }
            if (events.equalsIgnoreCase("off")) {
                return Set.of();
            }
            Set<String> classes = new java.util.HashSet<>();
            for (String c : events.split(",")) {
                classes.add(c.trim().toLowerCase(Locale.ROOT));
            }
            return classes;
        }

        void deliver(String eventClass, String wire) {
            ManagerConf.User u = user;
            Set<String> filter = eventFilter;
            if (u == null || !u.mayRead(eventClass)) {
                return;
            }
            if (filter != null && !(filter.contains(eventClass) || filter.contains("all"))) {
                return;
            }
            try {
                write(wire);
            } catch (IOException e) {
                LOG.debug("AMI client gone ({}); dropping the session, calls carry on", e.toString());
                close();
            }
        }

        /**
         * action_coreshowchannels: the list ack, one CoreShowChannel per live channel (ActionID,
         * the channel-state block, then BridgeId, Application, ApplicationData, Duration), then
         * CoreShowChannelsComplete with the count — written as one piece, as only this session gets it.
         */
        private String coreShowChannels(AmiMessage m) {
            String id = m.get("ActionID");
            StringBuilder sb = new StringBuilder(start(m, "Success"))
                    .append("EventList: start\r\nMessage: Channels will follow\r\n\r\n");
            List<AmiChannel> channels = calls.liveChannels();
            long now = System.currentTimeMillis();
            for (AmiChannel ch : channels) {
                AmiEvent.Builder e = AmiEvent.listItem("CoreShowChannel");
                if (id != null) {
                    e.add("ActionID", id);
                }
                e.channel(ch).add("BridgeId", ch.bridgeId).add("Application", ch.application)
                        .add("ApplicationData", ch.applicationData).add("Duration", ch.duration(now));
                sb.append(e.build().wire());
            }
            AmiEvent.Builder done = AmiEvent.listItem("CoreShowChannelsComplete");
            if (id != null) {
                done.add("ActionID", id);
            }
            done.add("EventList", "Complete").add("ListItems", channels.size());
            return sb.append(done.build().wire()).toString();
        }

        /** Response line, then ActionID if the action had one, as astman_send_response_full writes them. */
        private String start(AmiMessage m, String response) {
            String id = m.get("ActionID");
            return "Response: " + response + "\r\n" + (id == null ? "" : "ActionID: " + id + "\r\n");
        }

        private void send(AmiMessage m, String response, String message) throws IOException {
            write(start(m, response) + "Message: " + message + "\r\n\r\n");
        }

        private void write(String text) throws IOException {
            synchronized (out) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }

        void close() {
            sessions.remove(this);
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing AMI session: {}", e.toString());
            }
        }
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
