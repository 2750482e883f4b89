package com.callbackdesk.routes.screenshot;

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

/** A real local SMS gateway (the JDK's HTTP server on an ephemeral port) that records every form POSTed to it. */
final class SmsGateway implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    SmsGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sms", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(parse(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                byte[] reply = "queued".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, reply.length);
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

    List<Map<String, String>> received() {
        return received;
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
        server.stop(0);
    }
}
