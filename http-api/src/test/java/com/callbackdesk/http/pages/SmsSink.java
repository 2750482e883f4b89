package com.callbackdesk.http.pages;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local SMS gateway for tests (the JDK's HTTP server on an ephemeral port): records every POST. */
final class SmsSink implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();
    private volatile int status = 200;
    private volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

    /** Hold every POST until {@link #release()} (a slow gateway). */
    void hold() {
        gate = new java.util.concurrent.CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    SmsSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sms", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                String form = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                posts.incrementAndGet();
                try {
                    gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int answer = status;
                if (answer == 200) {
                    received.add(parse(form));
                }
                byte[] reply = (answer == 200 ? "queued" : "gateway unavailable").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, reply.length);
                exchange.getResponseBody().write(reply);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The Camel endpoint URI of this gateway. */
    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
    }

    /** Answer every POST with this status from now on (503: the gateway is down). */
    void answer(int status) {
        this.status = status;
    }

    List<Map<String, String>> received() {
        return received;
    }

    int posts() {
        return posts.get();
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
