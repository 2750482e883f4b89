package com.callbackdesk.pbxsim;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One manager connection: the banner, then actions read (headers up to a blank line) and answered
 * by the {@link AmiAction} of that name, and the events its user may read written in between.
 */
final class AmiSession implements Runnable {

    private static final Logger LOG = LogManager.getLogger(AmiSession.class);

    private final Socket socket;
    private final OutputStream out;
    private final Map<String, AmiAction> actions;
    private final Consumer<AmiSession> onEnd;
    private final String sessionId = "0x" + Long.toHexString(0x7f0000000000L + ThreadLocalRandom.current().nextLong(0x10000000000L));
    private volatile ManagerConf.User user;
    private volatile Set<String> eventFilter;   // null = all the user may read; empty = Events: off
    private String challenge;

    /** @param actions by lower-case name; {@code onEnd} forgets the session when it ends */
    AmiSession(Socket socket, Map<String, AmiAction> actions, Consumer<AmiSession> onEnd) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.actions = actions;
        this.onEnd = onEnd;
    }

    @Override
    public void run() {
        try (socket) {
            write(AmiServer.BANNER);
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
            onEnd.accept(this);
        }
    }

    /** Returns false when the session is over (Logoff, failed login). */
    private boolean handle(AmiMessage m) throws IOException {
        String name = m.get("Action");
        if (name == null) {
            send(m, "Error", "Missing action in request");
            return true;
        }
        AmiAction action = actions.get(name.toLowerCase(Locale.ROOT));
        if (user == null && (action == null || action.needsLogin())) {
            send(m, "Error", "Authentication Required");
            return true;
        }
        if (action == null) {
            send(m, "Error", "Invalid/unknown command");
            return true;
        }
        ManagerConf.User u = user;
        if (u != null && !u.mayWrite(action.permittedBy())) {
            send(m, "Error", "Permission denied");
            return true;
        }
        return action.handle(this, m);
    }

    /** Events: / EventMask: null (all the user may read), empty (off), or the classes listed. */
    static Set<String> parseEvents(String events) {
        if (events == null || events.isBlank() || events.equalsIgnoreCase("on")) {
            return null;
        }
        if (events.equalsIgnoreCase("off")) {
            return Set.of();
        }
        Set<String> classes = new HashSet<>();
        for (String c : events.split(",")) {
            classes.add(c.trim().toLowerCase(Locale.ROOT));
        }
        return classes;
    }

    void filterEvents(Set<String> filter) {
        eventFilter = filter;
    }

    void loggedIn(ManagerConf.User who) {
        user = who;
    }

    boolean isLoggedIn() {
        return user != null;
    }

    /** The session's MD5 challenge, issued on the first Challenge and kept for the session. */
    String challenge() {
        if (challenge == null) {
            challenge = Integer.toString(ThreadLocalRandom.current().nextInt(100_000_000, Integer.MAX_VALUE));
        }
        return challenge;
    }

    /** The challenge issued so far, or null when the client never asked for one. */
    String issuedChallenge() {
        return challenge;
    }

    String id() {
        return sessionId;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    int remotePort() {
        return socket.getPort();
    }

    SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
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

    /** Response line, then ActionID if the action had one, as astman_send_response_full writes them. */
    static String start(AmiMessage m, String response) {
        String id = m.get("ActionID");
        return "Response: " + response + "\r\n" + (id == null ? "" : "ActionID: " + id + "\r\n");
    }

    void send(AmiMessage m, String response, String message) throws IOException {
        write(start(m, response) + "Message: " + message + "\r\n\r\n");
    }

    void write(String text) throws IOException {
        synchronized (out) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    void close() {
        onEnd.accept(this);
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing AMI session: {}", e.toString());
        }
    }
}
