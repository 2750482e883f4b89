package com.callbackdesk.http;

/**
 * The one HTTP port the app serves everything on (REST API, console, screenshot upload pages):
 * every HTTP route builds its consumer URI here so they all share one Undertow listener.
 * Port 0 is refused by Undertow's shared listener, so tests pick a free port with {@link #freePort()}.
 *
 * @param secureCookies whether cookies the desk sets carry {@code Secure} (browsers reach it over
 *                      HTTPS, e.g. through a TLS-terminating proxy); off by default because the
 *                      listener itself serves plain HTTP and a browser would drop such a cookie there
 */
public record HttpSettings(String host, int port, boolean secureCookies) {

    public HttpSettings {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("http.host is required");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("http.port must be 1-65535, was " + port);
    }

    /** Plain-HTTP cookies (no {@code Secure}). */
    public HttpSettings(String host, int port) {
        this(host, port, false);
    }

    /** A Camel consumer URI for {@code path} (which starts with '/') on the shared listener. */
    public String undertowUri(String path) {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("path must start with '/': " + path);
        return "undertow:http://" + host + ":" + port + path;
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
