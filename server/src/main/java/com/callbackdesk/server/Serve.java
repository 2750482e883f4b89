package com.callbackdesk.server;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: Callback Desk for a real Asterisk, until the process is stopped. */
public final class Serve {

    private Serve() {
    }

    public static int run(AppConfig config) throws Exception {
        CallbackDesk desk = CallbackDesk.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            desk.close();
            stopped.countDown();
        }, "shutdown"));
        System.out.printf("Callback Desk serving: FastAGI on %s:%d (AGI(agi://<this host>:%d/intake)), database %s%n",
                config.fastagi.bindAddress, desk.fastAgiPort(), desk.fastAgiPort(), config.database.settings().jdbcUrl());
        System.out.printf("REST API (docs/API.md) on %s/api, web console on %s/console/ (accounts: callback-desk account ...)%n",
                desk.http().baseUrl(), desk.http().baseUrl());
        System.out.println("Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }
}
