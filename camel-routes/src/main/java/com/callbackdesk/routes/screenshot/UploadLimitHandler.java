package com.callbackdesk.routes.screenshot;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import org.apache.camel.component.undertow.CamelUndertowHttpHandler;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * In front of the upload route (camel-undertow's {@code handlers} option, outside its form
 * parser): a POST announcing a body larger than the upload limit plus room for the multipart
 * framing is answered 413 before it is read, so an oversized upload never reaches the disk; a
 * body without a length is capped at the same size by Undertow. Uploads between the limit and
 * that cap are refused by {@link ScreenshotPages} with the caller's language.
 */
final class UploadLimitHandler implements CamelUndertowHttpHandler {

    private static final Logger LOG = LogManager.getLogger(UploadLimitHandler.class);
    /** Multipart headers, boundaries and a form field or two. */
    static final long FRAMING = 64 * 1024;

    private final long maxBody;
    private final String page;
    private HttpHandler next;

    UploadLimitHandler(long maxUploadBytes, String page) {
        this.maxBody = maxUploadBytes + FRAMING;
        this.page = page;
    }

    @Override
    public void setNext(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (Methods.POST.equals(exchange.getRequestMethod())) {
            long length = exchange.getRequestContentLength();
            if (length > maxBody) {
                LOG.warn("upload of {} bytes to {} refused before reading: over the limit", length,
                        exchange.getRequestPath().replaceAll("/s/([A-Za-z0-9_-]{4})[A-Za-z0-9_-]*", "/s/$1…"));
                exchange.setStatusCode(413);
                exchange.setPersistent(false);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=UTF-8");
                exchange.getResponseSender().send(page);
                return;
            }
            exchange.setMaxEntitySize(maxBody);
        }
        next.handleRequest(exchange);
    }
}
