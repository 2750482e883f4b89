package com.callbackdesk.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * {@code serve}: Callback Desk for a real Asterisk, until the process is stopped. Says what it
 * listens on and where it logs when it is up; a port already taken is refused as a configuration
 * error naming its key before anything starts.
 */
public final class Serve {

    private Serve() {
    }

    public static int run(AppConfig config) throws Exception {
        return run(config, System.out);
    }

    public static int run(AppConfig config, PrintStream out) throws Exception {
        config.validate();
        refuseTakenPorts(config);
        CallbackDesk desk;
        try {
            desk = CallbackDesk.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            throw refusedAtStart(config, e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            desk.close();
            stopped.countDown();
        }, "shutdown"));
        printListeners(config, desk, out);
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return 0;
    }

    /** What the desk listens on, whom it calls and where it logs: the first thing an operator checks. */
    static void printListeners(AppConfig config, CallbackDesk desk, PrintStream out) {
        String base = desk.http().baseUrl();
        out.printf("Callback Desk serving (configuration: %s)%n", config.source());
        out.printf("  FastAGI   %s:%d  (Asterisk: AGI(agi://<this host>:%d/intake) and .../survey)%n",
                config.fastagi.bindAddress, desk.fastAgiPort(), desk.fastAgiPort());
        out.printf("  HTTP      %s/console/ (web console), %s/api (REST API), %s/s/... (caller pages)%n", base, base, base);
        if (config.ami.enabled) {
            out.printf("  AMI       dialer logs in to %s:%d as %s (manager.conf)%n", config.ami.host, config.ami.port,
                    config.ami.username);
        } else {
            out.printf("  AMI       off (ami.enabled: false): no dialer, intake and survey only%n");
        }
        out.printf("  database  %s%n", withoutPassword(config.database.settings().jdbcUrl()));
        out.printf("  logs      %s%n", LogFiles.describe());
        out.printf("  accounts  callback-desk account ... (docs/DEPLOYMENT.md)%n");
    }

    /**
     * FastAGI's and HTTP's ports, tried before anything starts: one taken (another desk, or an old
     * one still running) is a configuration error naming the key, not a stack trace from deep in
     * the start-up.
     */
    static void refuseTakenPorts(AppConfig config) {
        refuseIfTaken(config, "fastagi.port", "fastagi.bindAddress", config.fastagi.bindAddress, config.fastagi.port);
        refuseIfTaken(config, "http.port", "http.host", config.http.host, config.http.port);
    }

    private static void refuseIfTaken(AppConfig config, String key, String hostKey, String host, int port) {
        if (port == 0) {
            return;   // a free port is chosen
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw ConfigurationException.at(config.source(), hostKey, "unknown host '" + host + "'");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(address, port), 1);
        } catch (IOException e) {
            throw ConfigurationException.at(config.source(), key, "port " + port + " on " + host
                    + " is already in use (another Callback Desk still running?) or not allowed here");
        }
    }

    /**
     * A start-up failure that is the configuration's: the database it names cannot be opened, or a
     * port was taken between the check and the start. Anything else is a failure, not a refusal.
     */
    private static RuntimeException refusedAtStart(AppConfig config, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return ConfigurationException.at(config.source(), "database.url", "cannot open "
                        + withoutPassword(config.database.settings().jdbcUrl()) + ": " + sql.getMessage()
                        + " (check database.url, database.user, database.password)");
            }
            if (t instanceof java.net.BindException bind) {
                return ConfigurationException.at(config.source(), "fastagi.port or http.port",
                        "a port is already in use (" + bind.getMessage() + ")");
            }
        }
        return e;
    }

    private static String withoutPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
