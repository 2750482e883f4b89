package com.callbackdesk.http.pages;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.routes.screenshot.ScreenshotSettings;
import com.callbackdesk.routes.screenshot.ScreenshotTexts;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.screenshot.StoredFile;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
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
 * An unknown token, or one whose callback is closed, gets a 404 page. This class holds the routes
 * and the headers every answer carries; {@link ScreenshotUploads} and {@link CancelLinks} decide what
 * a caller's request does, {@link CallerPages} renders the answer from the templates under
 * {@code pages/}.
 */
public final class ScreenshotPages extends RouteBuilder {

    private static final Logger LOG = LogManager.getLogger(ScreenshotPages.class);
    private static final String PAGE = "direct:screenshot-";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern UPLOAD = Pattern.compile("/s/([^/]+)(/decline)?/?");
    private static final Pattern CANCEL = Pattern.compile("/c/([^/]+)/?");
    private static final Pattern IMAGE = Pattern.compile("/screenshots/([0-9]{1,18})/?");

    private final ScreenshotRequests requests;
    private final CallbackStore store;
    private final ScreenshotFiles files;
    private final CallerPages pages;
    private final ScreenshotUploads uploads;
    private final CancelLinks cancelLinks;
    /** Runs before the image is served; answers 401/403 and stops the route when the viewer is not signed in. */
    private Processor imageGuard;

    public ScreenshotPages(HttpSettings http, ScreenshotSettings settings, ScreenshotRequests requests,
                           CallbackStore store, AttemptPlanning planning) {
        Objects.requireNonNull(http, "http");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.store = Objects.requireNonNull(store, "store");
        this.files = new ScreenshotFiles(settings.storeDir());
        this.pages = new CallerPages(settings, ScreenshotTexts.loadDefault(), new PageTemplates());
        this.uploads = new ScreenshotUploads(settings, requests, files, pages);
        this.cancelLinks = new CancelLinks(Objects.requireNonNull(planning, "planning"), pages);
    }

    /**
     * Callers reach the upload and cancel pages by their secret token; the stored image is for
     * consultants only, so the app puts the API's login check in front of it.
     */
    public ScreenshotPages guardImagesWith(Processor guard) {
        this.imageGuard = Objects.requireNonNull(guard, "guard");
        return this;
    }

    public ScreenshotFiles files() {
        return files;
    }

    @Override
    public void configure() {
        rest("/s").description("screenshot upload pages")
                .get("/{token}").to(PAGE + "upload-page")
                .post("/{token}").to(PAGE + "upload")
                .post("/{token}/decline").to(PAGE + "decline");
        rest("/c").description("cancel link")
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

    void handle(Exchange exchange) {
        Message in = exchange.getMessage();
        String method = String.valueOf(in.getHeader(Exchange.HTTP_METHOD, String.class)).toUpperCase(Locale.ROOT);
        String path = pathOf(in);
        // A language picked on the page (?lang=) is remembered for the caller's next pages.
        Optional<String> picked = PageLanguage.chosen(in);
        PageResponse r;
        try {
            r = route(method, path, exchange);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed: {}", method, redact(path), e.toString(), e);
            r = pages.error();
        }
        in = exchange.getMessage();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        in.setHeader(Exchange.CONTENT_TYPE, r.contentType());
        in.setHeader("Cache-Control", "no-store");
        in.setHeader("X-Content-Type-Options", "nosniff");
        in.setHeader("Referrer-Policy", "no-referrer");
        picked.ifPresent(lang -> exchange.getMessage().setHeader("Set-Cookie", PageLanguage.cookie(lang)));
        in.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'");
        in.setBody(r.body());
    }

    private PageResponse route(String method, String path, Exchange exchange) {
        Matcher m;
        if ((m = UPLOAD.matcher(path)).matches()) {
            boolean decline = m.group(2) != null;
            Optional<LinkTarget> target = target(m.group(1), exchange.getMessage());
            if (target.isEmpty()) {
                return pages.notFound();
            }
            if (decline) {
                return "POST".equals(method) ? uploads.decline(target.get()) : pages.methodNotAllowed("POST");
            }
            return switch (method) {
                case "GET", "HEAD" -> uploads.page(target.get());
                case "POST" -> uploads.upload(target.get(), exchange);
                default -> pages.methodNotAllowed("GET, POST");
            };
        }
        if ((m = CANCEL.matcher(path)).matches()) {
            Optional<LinkTarget> target = target(m.group(1), exchange.getMessage());
            if (target.isEmpty()) {
                return pages.notFound();
            }
            return switch (method) {
                case "GET", "HEAD" -> cancelLinks.page(target.get());
                case "POST" -> cancelLinks.cancel(target.get());
                default -> pages.methodNotAllowed("GET, POST");
            };
        }
        if ((m = IMAGE.matcher(path)).matches() && ("GET".equals(method) || "HEAD".equals(method))) {
            return image(Long.parseLong(m.group(1)));
        }
        return pages.notFound();
    }

    /** A token's request and its callback, when the token is known and the callback still open; the page's language. */
    private Optional<LinkTarget> target(String token, Message in) {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return requests.findByToken(token).flatMap(r -> store.find(r.callbackId())
                .filter(Callback::isOpen).map(c -> new LinkTarget(r, c, PageLanguage.of(in, c.language()))));
    }

    /** The latest received screenshot of a callback, for the console. */
    private PageResponse image(long callbackId) {
        List<ScreenshotRequest> received = requests.forCallback(callbackId).stream()
                .filter(r -> r.state() == ScreenshotState.RECEIVED && r.file() != null)
                .sorted(Comparator.comparing(ScreenshotRequest::receivedAt)).toList();
        if (received.isEmpty()) {
            return pages.notFound();
        }
        StoredFile file = received.get(received.size() - 1).file();
        try {
            return new PageResponse(200, file.contentType(), Files.readAllBytes(files.resolve(file)));
        } catch (IOException e) {
            LOG.error("screenshot of callback {} is recorded at {} but cannot be read: {}", callbackId, file.path(),
                    e.toString());
            return pages.notFound();
        }
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
