package com.callbackdesk.routes.screenshot;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.routes.http.HttpSettings;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.screenshot.StoredFile;
import jakarta.activation.DataHandler;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caller's pages on the shared HTTP listener (plain {@code undertow:} routes built from
 * {@link HttpSettings#undertowUri}, no REST DSL):
 * <ul>
 *   <li>{@code GET /s/<token>} the upload page; {@code POST /s/<token>} the upload (a browser's
 *       multipart form, or the raw image as the body), PNG/JPEG/GIF/WebP by magic bytes, at most
 *       {@link ScreenshotSettings#maxUploadBytes()} (else 413); stored under
 *       {@link ScreenshotSettings#storeDir()} and recorded RECEIVED (audited on the callback);
 *   <li>{@code POST /s/<token>/decline} the caller will not send one: the step is DECLINED;
 *   <li>{@code GET /c/<token>} asks to confirm; {@code POST /c/<token>} cancels the callback through
 *       the same audited transition as the IVR's self-cancel ({@link AttemptPlanning#cancel}), which
 *       also unschedules its attempt;
 *   <li>{@code GET /screenshots/<callbackId>} the received image, for the console (to be put behind
 *       the console's login when it has one).
 * </ul>
 * An unknown token, or one whose callback is closed, gets a 404 page.
 */
public final class ScreenshotPages extends RouteBuilder {

    private static final Logger LOG = LogManager.getLogger(ScreenshotPages.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern UPLOAD = Pattern.compile("/s/([^/]+)(/decline)?/?");
    private static final Pattern CANCEL = Pattern.compile("/c/([^/]+)/?");
    private static final Pattern IMAGE = Pattern.compile("/screenshots/([0-9]{1,18})/?");
    private static final Set<CallbackState> CANCELLABLE = Set.of(CallbackState.PENDING, CallbackState.SCHEDULED,
            CallbackState.QUEUED);

    private final HttpSettings http;
    private final ScreenshotSettings settings;
    private final ScreenshotRequests requests;
    private final CallbackStore store;
    private final AttemptPlanning planning;
    private final ScreenshotFiles files;

    public ScreenshotPages(HttpSettings http, ScreenshotSettings settings, ScreenshotRequests requests,
                           CallbackStore store, AttemptPlanning planning) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.store = Objects.requireNonNull(store, "store");
        this.planning = Objects.requireNonNull(planning, "planning");
        this.files = new ScreenshotFiles(settings.storeDir());
    }

    public ScreenshotFiles files() {
        return files;
    }

    @Override
    public void configure() {
        from(http.undertowUri("/s?matchOnUriPrefix=true")).routeId("screenshot-upload-page").process(this::handle);
        from(http.undertowUri("/c?matchOnUriPrefix=true")).routeId("screenshot-cancel-page").process(this::handle);
        from(http.undertowUri("/screenshots?matchOnUriPrefix=true")).routeId("screenshot-image").process(this::handle);
    }

    /** A response: status, content type, body. */
    private record Response(int status, String contentType, Object body) {
        static Response html(int status, String title, String bodyHtml) {
            return new Response(status, "text/html; charset=UTF-8", page(title, bodyHtml));
        }
    }

    void handle(Exchange exchange) {
        Message in = exchange.getMessage();
        String method = String.valueOf(in.getHeader(Exchange.HTTP_METHOD, String.class)).toUpperCase(Locale.ROOT);
        String path = pathOf(in);
        Response r;
        try {
            r = route(method, path, exchange);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed: {}", method, redact(path), e.toString(), e);
            r = Response.html(500, "Something went wrong", "<p>Sorry, something went wrong on our side. Nothing you"
                    + " sent was lost that we had already confirmed; please try again in a minute.</p>");
        }
        if (in instanceof AttachmentMessage am && am.hasAttachments()) {
            am.getAttachments().clear();
        }
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        in.setHeader(Exchange.CONTENT_TYPE, r.contentType());
        in.setHeader("Cache-Control", "no-store");
        in.setHeader("X-Content-Type-Options", "nosniff");
        in.setHeader("Referrer-Policy", "no-referrer");
        in.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'");
        in.setBody(r.body());
    }

    private Response route(String method, String path, Exchange exchange) {
        Matcher m;
        if ((m = UPLOAD.matcher(path)).matches()) {
            boolean decline = m.group(2) != null;
            Optional<Target> target = target(m.group(1));
            if (target.isEmpty()) {
                return notFound();
            }
            if (decline) {
                return "POST".equals(method) ? decline(target.get()) : methodNotAllowed("POST");
            }
            return switch (method) {
                case "GET", "HEAD" -> uploadPage(target.get());
                case "POST" -> upload(target.get(), exchange);
                default -> methodNotAllowed("GET, POST");
            };
        }
        if ((m = CANCEL.matcher(path)).matches()) {
            Optional<Target> target = target(m.group(1));
            if (target.isEmpty()) {
                return notFound();
            }
            return switch (method) {
                case "GET", "HEAD" -> cancelPage(target.get());
                case "POST" -> cancel(target.get());
                default -> methodNotAllowed("GET, POST");
            };
        }
        if ((m = IMAGE.matcher(path)).matches() && ("GET".equals(method) || "HEAD".equals(method))) {
            return image(Long.parseLong(m.group(1)));
        }
        return notFound();
    }

    /** A token's request and its callback, when the token is known and the callback still open. */
    private record Target(ScreenshotRequest request, Callback callback) {
    }

    private Optional<Target> target(String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return requests.findByToken(token).flatMap(r -> store.find(r.callbackId())
                .filter(Callback::isOpen).map(c -> new Target(r, c)));
    }

    // ------------------------------------------------------------------ upload

    private Response uploadPage(Target t) {
        ScreenshotRequest r = t.request();
        if (r.state() == ScreenshotState.RECEIVED) {
            return Response.html(200, "Screenshot received", "<p>Thank you — we have your screenshot for callback #"
                    + t.callback().id() + ". The consultant will see it before calling you.</p>" + cancelLinkHtml(r));
        }
        if (r.state() == ScreenshotState.FAILED) {
            return notFound();
        }
        String declined = r.state() == ScreenshotState.DECLINED
                ? "<p role=\"status\">You told us you cannot send a screenshot. You can still upload one here.</p>" : "";
        String upload = esc(settings.uploadLink(r.token()));
        return Response.html(200, "Send us a screenshot", declined
                + "<p>Callback #" + t.callback().id() + ": so that our consultant can see the problem before calling"
                + " you, please send a screenshot of your screen (PNG, JPEG, GIF or WebP, at most "
                + human(settings.maxUploadBytes()) + ").</p>"
                + "<form method=\"post\" action=\"" + upload + "\" enctype=\"multipart/form-data\">"
                + "<p><label for=\"screenshot\">Screenshot file</label><br>"
                + "<input id=\"screenshot\" name=\"screenshot\" type=\"file\" required"
                + " accept=\"image/png,image/jpeg,image/gif,image/webp\" aria-describedby=\"limits\"></p>"
                + "<p id=\"limits\">PNG, JPEG, GIF or WebP; at most " + human(settings.maxUploadBytes()) + ".</p>"
                + "<p><button type=\"submit\">Upload screenshot</button></p></form>"
                + "<form method=\"post\" action=\"" + upload + "/decline\">"
                + "<p><button type=\"submit\">I cannot send a screenshot</button></p></form>"
                + cancelLinkHtml(r));
    }

    private Response upload(Target t, Exchange exchange) {
        ScreenshotRequest r = t.request();
        long callbackId = t.callback().id();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            if (r.state() == ScreenshotState.RECEIVED) {
                return Response.html(409, "Already received", "<p>We already have a screenshot for callback #"
                        + callbackId + ". Thank you.</p>");
            }
            if (r.state() == ScreenshotState.FAILED) {
                return notFound();
            }
            byte[] bytes;
            try {
                bytes = uploadedBytes(exchange);
            } catch (TooLarge e) {
                LOG.warn("screenshot upload for callback {} refused: larger than {} bytes", callbackId,
                        settings.maxUploadBytes());
                return Response.html(413, "File too large", "<p>The file is larger than the limit of "
                        + human(settings.maxUploadBytes()) + ". Please send a smaller screenshot (for example only"
                        + " the window with the problem).</p>" + backLink(r));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (bytes == null || bytes.length == 0) {
                return Response.html(400, "No file", "<p>No file arrived. Please choose a screenshot file and"
                        + " upload it.</p>" + backLink(r));
            }
            Optional<ScreenshotFiles.ImageType> type = ScreenshotFiles.detect(bytes);
            if (type.isEmpty()) {
                LOG.warn("screenshot upload for callback {} refused: not a PNG/JPEG/GIF/WebP image ({} bytes)",
                        callbackId, bytes.length);
                return Response.html(415, "Not an image", "<p>That file is not a PNG, JPEG, GIF or WebP image."
                        + " Please send a screenshot in one of those formats.</p>" + backLink(r));
            }
            StoredFile file = files.store(callbackId, r.id(), bytes, type.get());
            try {
                requests.markReceived(r.token(), file, Actor.caller(t.callback().callbackNumber()));
            } catch (RuntimeException e) {
                files.delete(file);
                throw e;
            }
            LOG.info("screenshot for callback {} received: {} ({}, {} bytes)", callbackId, file.path(),
                    file.contentType(), file.sizeBytes());
            return Response.html(200, "Screenshot received", "<p role=\"status\">Thank you — we have your screenshot"
                    + " for callback #" + callbackId + ". The consultant will see it before calling you.</p>"
                    + cancelLinkHtml(r));
        }
    }

    /** The upload's bytes: the file part of a multipart form, else the raw body. */
    private byte[] uploadedBytes(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String contentType = String.valueOf(in.getHeader(Exchange.CONTENT_TYPE, String.class)).toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            AttachmentMessage am = exchange.getMessage(AttachmentMessage.class);
            if (am == null || !am.hasAttachments()) {
                return null;
            }
            Map<String, DataHandler> parts = am.getAttachments();
            DataHandler first = parts.containsKey("screenshot") ? parts.get("screenshot")
                    : parts.values().iterator().next();
            try (InputStream s = first.getInputStream()) {
                return readAtMost(s, settings.maxUploadBytes());
            }
        }
        byte[] body = in.getBody(byte[].class);
        if (body != null && body.length > settings.maxUploadBytes()) {
            throw new TooLarge();
        }
        return body;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("upload larger than the limit");
        }
    }

    private static byte[] readAtMost(InputStream s, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = s.read(buf)) > 0) {
            total += n;
            if (total > max) {
                throw new TooLarge();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private Response decline(Target t) {
        ScreenshotRequest r = t.request();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback",
                Long.toString(t.callback().id()))) {
            if (r.state() == ScreenshotState.RECEIVED) {
                return Response.html(409, "Already received", "<p>We already have your screenshot for callback #"
                        + t.callback().id() + "; nothing to decline.</p>");
            }
            if (!r.state().canMoveTo(ScreenshotState.DECLINED) && r.state() != ScreenshotState.DECLINED) {
                return notFound();
            }
            requests.markDeclined(r.token(), Actor.caller(t.callback().callbackNumber()));
            LOG.info("caller declined the screenshot for callback {}", t.callback().id());
            return Response.html(200, "No screenshot", "<p role=\"status\">Understood — the consultant will call you"
                    + " without a screenshot (callback #" + t.callback().id() + ").</p>"
                    + "<p><a href=\"" + esc(settings.uploadLink(r.token())) + "\">Upload one after all</a></p>"
                    + cancelLinkHtml(r));
        }
    }

    // ------------------------------------------------------------------ cancel

    private Response cancelPage(Target t) {
        Callback cb = t.callback();
        if (!CANCELLABLE.contains(cb.state())) {
            return Response.html(409, "Being handled", "<p>A consultant is handling callback #" + cb.id()
                    + " right now, so it can no longer be cancelled here.</p>");
        }
        return Response.html(200, "Cancel your callback?", "<p>Has the problem been solved? Then you can cancel"
                + " callback #" + cb.id() + " (" + esc(cb.product()) + ", " + esc(cb.category()) + ").</p>"
                + "<form method=\"post\" action=\"" + esc(settings.cancelLink(t.request().token())) + "\">"
                + "<p><button type=\"submit\">Yes, cancel my callback</button></p></form>"
                + "<p>Keep it? Just close this page; we will call you.</p>");
    }

    private Response cancel(Target t) {
        Callback cb = t.callback();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(cb.id()))) {
            boolean cancelled = CANCELLABLE.contains(cb.state()) && planning.cancel(cb.id(),
                    Actor.caller(cb.callbackNumber()), "caller cancelled with the link sent by "
                            + t.request().channel());
            if (!cancelled) {
                return Response.html(409, "Being handled", "<p>A consultant is handling callback #" + cb.id()
                        + " right now, so it can no longer be cancelled here.</p>");
            }
            return Response.html(200, "Callback cancelled", "<p role=\"status\">Callback #" + cb.id()
                    + " is cancelled. We will not call you. Glad it is solved!</p>");
        }
    }

    // ------------------------------------------------------------------ console

    private Response image(long callbackId) {
        List<ScreenshotRequest> received = requests.forCallback(callbackId).stream()
                .filter(r -> r.state() == ScreenshotState.RECEIVED && r.file() != null)
                .sorted(Comparator.comparing(ScreenshotRequest::receivedAt)).toList();
        if (received.isEmpty()) {
            return notFound();
        }
        StoredFile file = received.get(received.size() - 1).file();
        try {
            return new Response(200, file.contentType(), Files.readAllBytes(files.resolve(file)));
        } catch (IOException e) {
            LOG.error("screenshot of callback {} is recorded at {} but cannot be read: {}", callbackId, file.path(),
                    e.toString());
            return notFound();
        }
    }

    // ------------------------------------------------------------------ html

    private static Response notFound() {
        return Response.html(404, "Link not found", "<p>This link is unknown or has expired (the callback it belongs"
                + " to is closed). If you still need help, please call us again.</p>");
    }

    private static Response methodNotAllowed(String allowed) {
        return Response.html(405, "Not allowed", "<p>This page accepts " + esc(allowed) + " only.</p>");
    }

    private String cancelLinkHtml(ScreenshotRequest r) {
        return "<p>Solved already? <a href=\"" + esc(settings.cancelLink(r.token())) + "\">Cancel the callback</a></p>";
    }

    private String backLink(ScreenshotRequest r) {
        return "<p><a href=\"" + esc(settings.uploadLink(r.token())) + "\">Back to the upload page</a></p>";
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " — Callback Desk</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
                + "line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}"
                + ":focus{outline:3px solid #1a5fb4;outline-offset:2px}</style></head>"
                + "<body><main><h1>" + esc(title) + "</h1>" + body + "</main></body></html>\n";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String human(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return (bytes / (1024 * 1024)) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes / 1024) + " KB";
        }
        return bytes + " bytes";
    }

    private static String pathOf(Message in) {
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            return "/";
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return path;
    }

    /** The path with any token cut short, for logs (a token is the caller's secret). */
    private static String redact(String path) {
        return path.replaceAll("/(s|c)/([A-Za-z0-9_-]{4})[A-Za-z0-9_-]*", "/$1/$2…");
    }
}
