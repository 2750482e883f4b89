package com.callbackdesk.http.pages;

import com.callbackdesk.routes.screenshot.ScreenshotSettings;
import com.callbackdesk.routes.screenshot.ScreenshotTexts;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.screenshot.StoredFile;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import jakarta.activation.DataHandler;

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
 * The caller's pages on the shared HTTP listener ({@code rest:} endpoints under the API's
 * {@code restConfiguration()} on the one platform-http listener):
 * <ul>
 *   <li>{@code GET /s/<token>} the upload page; {@code POST /s/<token>} the upload (a browser's
 *       multipart form, or the raw image as the body), PNG/JPEG/GIF/WebP by magic bytes, at most
 *       {@link ScreenshotSettings#maxUploadBytes()} (else 413); stored under
 *       {@link ScreenshotSettings#storeDir()} and recorded RECEIVED (audited on the callback);
 *   <li>{@code POST /s/<token>/decline} the caller will not send one: the step is DECLINED;
 *   <li>{@code GET /c/<token>} asks to confirm; {@code POST /c/<token>} cancels the callback through
 *       the same audited transition as the IVR's self-cancel ({@link AttemptPlanning#cancel}), which
 *       also unschedules its attempt;
 *   <li>{@code GET /screenshots/<callbackId>} the received image, for the console: behind the
 *       API's login when a guard is given ({@link #guardImagesWith}), as the app does.
 * </ul>
 * An unknown token, or one whose callback is closed, gets a 404 page.
 */
public final class ScreenshotPages extends RouteBuilder {

    private static final Logger LOG = LogManager.getLogger(ScreenshotPages.class);
    private static final String PAGE = "direct:screenshot-";

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
    private final ScreenshotTexts texts = ScreenshotTexts.loadDefault();
    /** Runs before the image is served; answers 401/403 and stops the route when the viewer is not signed in. */
    private org.apache.camel.Processor imageGuard;

    public ScreenshotPages(HttpSettings http, ScreenshotSettings settings, ScreenshotRequests requests,
                           CallbackStore store, AttemptPlanning planning) {
        this.http = Objects.requireNonNull(http, "http");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.store = Objects.requireNonNull(store, "store");
        this.planning = Objects.requireNonNull(planning, "planning");
        this.files = new ScreenshotFiles(settings.storeDir());
    }

    /**
     * Callers reach the upload and cancel pages by their secret token; the stored image is for
     * consultants only, so the app puts the API's login check in front of it.
     */
    public ScreenshotPages guardImagesWith(org.apache.camel.Processor guard) {
        this.imageGuard = Objects.requireNonNull(guard, "guard");
        return this;
    }

    public ScreenshotFiles files() {
        return files;
    }

    @Override
    public void configure() {
        rest("/s").description("screenshot upload pages (story 7)")
                .get("/{token}").to(PAGE + "upload-page")
                .post("/{token}").to(PAGE + "upload")
                .post("/{token}/decline").to(PAGE + "decline");
        rest("/c").description("cancel link (stories 2 and 7)")
                .get("/{token}").to(PAGE + "cancel-page")
                .post("/{token}").to(PAGE + "cancel");
        rest("/screenshots").description("the received image, for the console")
                .get("/{callbackId}").to(PAGE + "image");
        for (String page : new String[] {"upload-page", "upload", "decline", "cancel-page", "cancel"}) {
            from(PAGE + page).routeId("screenshot-" + page).process(this::handle);
        }
        if (imageGuard == null) {
            LOG.warn("GET /screenshots/<callbackId> has no login check (no guard given): do not expose it");
            from(PAGE + "image").routeId("screenshot-image").process(this::handle);
        } else {
            from(PAGE + "image").routeId("screenshot-image").process(imageGuard).process(this::handle);
        }
    }

    /** A response: status, content type, body. */
    private record Response(int status, String contentType, Object body) {
        static Response html(int status, ScreenshotTexts.Texts t, String titleKey, String bodyHtml) {
            return new Response(status, "text/html; charset=UTF-8",
                    page(t.get("html.lang"), t.get(titleKey) + " — " + t.get("brand"), esc(t.get(titleKey)), bodyHtml));
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
            r = new Response(500, "text/html; charset=UTF-8", page("en", "Something went wrong — Callback Desk",
                    "Something went wrong / 系統發生錯誤", "<p>Sorry, something went wrong on our side; please try again"
                            + " in a minute.</p><p lang=\"zh-Hant-TW\">抱歉，系統發生錯誤，請稍後再試。</p>"));
        }
        in = exchange.getMessage();
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
        ScreenshotTexts.Texts x = texts.in(t.callback().language());
        if (r.state() == ScreenshotState.RECEIVED) {
            return Response.html(200, x, "received.title", p(x.get("received.text", t.callback().id()))
                    + cancelLinkHtml(x, r));
        }
        if (r.state() == ScreenshotState.FAILED) {
            return notFound();
        }
        String declined = r.state() == ScreenshotState.DECLINED
                ? "<p role=\"status\">" + esc(x.get("upload.declinedNote")) + "</p>" : "";
        String upload = esc(settings.uploadLink(r.token()));
        String limit = human(settings.maxUploadBytes());
        return Response.html(200, x, "upload.title", declined
                + p(x.get("upload.intro", t.callback().id(), limit))
                + "<form method=\"post\" action=\"" + upload + "\" enctype=\"multipart/form-data\">"
                + "<p><label for=\"screenshot\">" + esc(x.get("upload.label")) + "</label><br>"
                + "<input id=\"screenshot\" name=\"screenshot\" type=\"file\" required"
                + " accept=\"image/png,image/jpeg,image/gif,image/webp\" aria-describedby=\"limits\"></p>"
                + "<p id=\"limits\">" + esc(x.get("upload.limits", limit)) + "</p>"
                + "<p><button type=\"submit\">" + esc(x.get("upload.button")) + "</button></p></form>"
                + "<form method=\"post\" action=\"" + upload + "/decline\">"
                + "<p><button type=\"submit\">" + esc(x.get("decline.button")) + "</button></p></form>"
                + cancelLinkHtml(x, r));
    }

    private Response upload(Target t, Exchange exchange) {
        ScreenshotRequest r = t.request();
        ScreenshotTexts.Texts x = texts.in(t.callback().language());
        long callbackId = t.callback().id();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            if (r.state() == ScreenshotState.RECEIVED) {
                return Response.html(409, x, "already.title", p(x.get("already.text", callbackId)));
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
                return Response.html(413, x, "tooLarge.title", p(x.get("tooLarge.text",
                        human(settings.maxUploadBytes()))) + backLink(x, r));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (bytes == null || bytes.length == 0) {
                return Response.html(400, x, "noFile.title", p(x.get("noFile.text")) + backLink(x, r));
            }
            Optional<ScreenshotFiles.ImageType> type = ScreenshotFiles.detect(bytes);
            if (type.isEmpty()) {
                LOG.warn("screenshot upload for callback {} refused: not a PNG/JPEG/GIF/WebP image ({} bytes)",
                        callbackId, bytes.length);
                return Response.html(415, x, "notImage.title", p(x.get("notImage.text")) + backLink(x, r));
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
            return Response.html(200, x, "received.title", "<p role=\"status\">"
                    + esc(x.get("received.text", callbackId)) + "</p>" + cancelLinkHtml(x, r));
        }
    }

    /**
     * The upload's bytes: the file a browser's multipart form sends (taken apart by the HTTP
     * component, which hands the file parts over as attachments — the one named {@code screenshot},
     * else the first), or else the raw body.
     */
    private byte[] uploadedBytes(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String contentType = String.valueOf(in.getHeader(Exchange.CONTENT_TYPE, String.class));
        if (contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            AttachmentMessage form = exchange.getMessage(AttachmentMessage.class);
            if (form == null || !form.hasAttachments()) {
                return null;
            }
            DataHandler file = form.getAttachment("screenshot");
            if (file == null) {
                file = form.getAttachments().values().iterator().next();
            }
            try (InputStream content = file.getInputStream()) {
                return readAtMost(content, settings.maxUploadBytes());
            }
        }
        byte[] body = in.getBody(byte[].class);
        if (body != null && body.length > settings.maxUploadBytes()) {
            throw new TooLarge();
        }
        return body;
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new TooLarge();
        }
        return bytes;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("upload larger than the limit");
        }
    }

    private Response decline(Target t) {
        ScreenshotRequest r = t.request();
        ScreenshotTexts.Texts x = texts.in(t.callback().language());
        long callbackId = t.callback().id();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            if (r.state() == ScreenshotState.RECEIVED) {
                return Response.html(409, x, "already.title", p(x.get("already.text", callbackId)));
            }
            if (!r.state().canMoveTo(ScreenshotState.DECLINED) && r.state() != ScreenshotState.DECLINED) {
                return notFound();
            }
            requests.markDeclined(r.token(), Actor.caller(t.callback().callbackNumber()));
            LOG.info("caller declined the screenshot for callback {}", callbackId);
            return Response.html(200, x, "declined.title", "<p role=\"status\">"
                    + esc(x.get("declined.text", callbackId)) + "</p>"
                    + "<p><a href=\"" + esc(settings.uploadLink(r.token())) + "\">"
                    + esc(x.get("declined.uploadAnyway")) + "</a></p>" + cancelLinkHtml(x, r));
        }
    }

    // ------------------------------------------------------------------ cancel

    private Response cancelPage(Target t) {
        Callback cb = t.callback();
        ScreenshotTexts.Texts x = texts.in(cb.language());
        if (!CANCELLABLE.contains(cb.state())) {
            return Response.html(409, x, "handled.title", p(x.get("handled.text", cb.id())));
        }
        return Response.html(200, x, "cancel.title", p(x.get("cancel.text", cb.id(), cb.product(), cb.category()))
                + "<form method=\"post\" action=\"" + esc(settings.cancelLink(t.request().token())) + "\">"
                + "<p><button type=\"submit\">" + esc(x.get("cancel.button")) + "</button></p></form>"
                + p(x.get("cancel.keep")));
    }

    private Response cancel(Target t) {
        Callback cb = t.callback();
        ScreenshotTexts.Texts x = texts.in(cb.language());
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(cb.id()))) {
            boolean cancelled = CANCELLABLE.contains(cb.state()) && planning.cancel(cb.id(),
                    Actor.caller(cb.callbackNumber()), "caller cancelled with the link sent by "
                            + t.request().channel());
            if (!cancelled) {
                return Response.html(409, x, "handled.title", p(x.get("handled.text", cb.id())));
            }
            return Response.html(200, x, "cancelled.title", "<p role=\"status\">"
                    + esc(x.get("cancelled.text", cb.id())) + "</p>");
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
        return new Response(404, "text/html; charset=UTF-8", page("en", "Link not found — Callback Desk",
                "Link not found / 找不到連結", "<p>This link is unknown or has expired (the callback it belongs to is"
                        + " closed). If you still need help, please call us again.</p><p lang=\"zh-Hant-TW\">"
                        + "此連結無效或已過期（所屬的回電已結束）。如仍需協助，請再次來電。</p>"));
    }

    private static Response methodNotAllowed(String allowed) {
        return new Response(405, "text/html; charset=UTF-8", page("en", "Not allowed — Callback Desk", "Not allowed",
                "<p>This page accepts " + esc(allowed) + " only.</p>"));
    }

    private String cancelLinkHtml(ScreenshotTexts.Texts x, ScreenshotRequest r) {
        return "<p>" + esc(x.get("cancel.question")) + " <a href=\"" + esc(settings.cancelLink(r.token())) + "\">"
                + esc(x.get("cancel.linkText")) + "</a></p>";
    }

    private String backLink(ScreenshotTexts.Texts x, ScreenshotRequest r) {
        return "<p><a href=\"" + esc(settings.uploadLink(r.token())) + "\">" + esc(x.get("back.linkText")) + "</a></p>";
    }

    private static String p(String text) {
        return "<p>" + esc(text) + "</p>";
    }

    /** A whole page: {@code title} plain text, {@code heading} and {@code body} already HTML. */
    static String page(String lang, String title, String heading, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + esc(lang) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;"
                + "line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}"
                + ":focus{outline:3px solid #1a5fb4;outline-offset:2px}</style></head>"
                + "<body><main><h1>" + heading + "</h1>" + body + "</main></body></html>\n";
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
