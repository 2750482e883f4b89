package com.callbackdesk.http;

import java.time.Duration;

/**
 * The one HTTP listener the app serves everything on (REST API, console, screenshot upload pages),
 * and the limits every request on it shares — set here once, applied by {@link HttpListener}.
 *
 * @param secureCookies   whether cookies the desk sets carry {@code Secure} (browsers reach it over
 *                        HTTPS, e.g. through a TLS-terminating proxy); off by default because the
 *                        listener itself serves plain HTTP and a browser would drop such a cookie there
 * @param maxRequestBytes the largest request body the listener reads; larger ones are answered 413
 *                        before any route sees them. It must leave room for the largest screenshot
 *                        upload, whose own (smaller) limit the upload page enforces with a readable page
 * @param requestTimeout  how long one request may take, reading its body included; a slower one is
 *                        answered 503 so a stalled client or a stuck handler cannot hold a worker
 */
public record HttpSettings(String host, int port, boolean secureCookies, long maxRequestBytes,
                           Duration requestTimeout) {

    /** 16 MiB: room for a 10 MiB screenshot upload and its multipart framing. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    /** Long enough for a what-if run on the console, short enough to free a stalled worker. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);

    public HttpSettings {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("http.host is required");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("http.port must be 1-65535, was " + port);
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("http.maxRequestBytes must be at least 1024, was " + maxRequestBytes);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("http.requestTimeout must be a positive duration, was " + requestTimeout);
        }
    }

    /** Plain-HTTP cookies (no {@code Secure}), the default limits. */
    public HttpSettings(String host, int port) {
        this(host, port, false);
    }

    /** The default limits. */
    public HttpSettings(String host, int port, boolean secureCookies) {
        this(host, port, secureCookies, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_REQUEST_TIMEOUT);
    }

    /** The same listener with room for request bodies of at least {@code bytes}. */
    public HttpSettings withRoomFor(long bytes) {
        return bytes <= maxRequestBytes ? this
                : new HttpSettings(host, port, secureCookies, bytes, requestTimeout);
    }

    /** The base URL a browser on this machine uses. */
    public String baseUrl() {
        String h = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        return "http://" + h + ":" + port;
    }

    /** A free TCP port on loopback, for tests and for the demo when the configured one is taken. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
