package com.callbackdesk.pbxsim;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Login against manager.conf (plain Secret, or the Challenge's MD5 Key): on success the session's
 * FullyBooted and everyone's SuccessfulAuth; on failure a second's pause, the error, and the end.
 */
final class LoginAction implements AmiAction {

    private static final Logger LOG = LogManager.getLogger(LoginAction.class);
    private static final DateTimeFormatter EVENT_TV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final ManagerConf users;
    private final java.util.function.LongSupplier bootMillis;
    private final Consumer<Duration> pause;
    private final Consumer<AmiEvent> publish;

    LoginAction(ManagerConf users, java.util.function.LongSupplier bootMillis, Consumer<Duration> pause, Consumer<AmiEvent> publish) {
        this.users = users;
        this.bootMillis = bootMillis;
        this.pause = pause;
        this.publish = publish;
    }

    @Override
    public String name() {
        return "Login";
    }

    @Override
    public boolean needsLogin() {
        return false;
    }

    @Override
    public boolean handle(AmiSession session, AmiMessage m) throws IOException {
        ManagerConf.User candidate = users.user(m.get("Username")).orElse(null);
        if (!authenticates(candidate, m, session.issuedChallenge())) {
            // manager.c: sleep(1) before answering, then the session ends.
            pause.accept(Duration.ofSeconds(1));
            session.send(m, "Error", "Authentication failed");
            LOG.info("AMI login failed for '{}' from {}", m.get("Username"), session.remoteAddress());
            return false;
        }
        session.filterEvents(AmiSession.parseEvents(m.get("Events")));
        session.send(m, "Success", "Authentication accepted");
        long uptime = (System.currentTimeMillis() - bootMillis.getAsLong()) / 1000;
        // FullyBooted is written to the new session directly, whatever its read classes.
        session.write("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: " + uptime + "\r\nLastReload: " + uptime
                + "\r\nStatus: Fully Booted\r\n\r\n");
        session.loggedIn(candidate);
        String tv = EVENT_TV.format(Instant.now());
        AmiEvent auth = AmiEvent.of("SuccessfulAuth", "security")
                .add("EventTV", tv).add("Severity", "Informational").add("Service", "AMI").add("EventVersion", 1)
                .add("AccountID", candidate.name()).add("SessionID", session.id())
                .add("LocalAddress", "IPV4/TCP/127.0.0.1/" + session.localPort())
                .add("RemoteAddress", "IPV4/TCP/127.0.0.1/" + session.remotePort())
                .add("UsingPassword", 0).add("SessionTV", tv).build();
        publish.accept(auth);
        LOG.debug("AMI login of {} (read {})", candidate.name(), candidate.read());
        return true;
    }

    private static boolean authenticates(ManagerConf.User candidate, AmiMessage m, String challenge) {
        if (candidate == null) {
            return false;
        }
        String key = m.get("Key");
        if ("md5".equalsIgnoreCase(m.get("AuthType")) && key != null && challenge != null) {
            return md5(challenge + candidate.secret()).equalsIgnoreCase(key);
        }
        return candidate.secret().equals(m.get("Secret"));
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
