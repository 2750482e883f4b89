package com.callbackdesk.http.pages;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.routes.screenshot.ScreenshotSettings;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotRequests;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.screenshot.StoredFile;
import jakarta.activation.DataHandler;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The caller's side of the screenshot step behind {@code /s/<token>}: which upload page they see,
 * the upload itself (a browser's multipart form, or the raw image as the body; PNG/JPEG/GIF/WebP
 * by magic bytes, at most {@link ScreenshotSettings#maxUploadBytes()}), and the decline. The
 * steps are recorded through {@link ScreenshotRequests}, audited on the callback as the caller.
 */
final class ScreenshotUploads {

    private static final Logger LOG = LogManager.getLogger(ScreenshotUploads.class);

    private final ScreenshotSettings settings;
    private final ScreenshotRequests requests;
    private final ScreenshotFiles files;
    private final CallerPages pages;

    ScreenshotUploads(ScreenshotSettings settings, ScreenshotRequests requests, ScreenshotFiles files,
                      CallerPages pages) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.files = Objects.requireNonNull(files, "files");
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    /** {@code GET /s/<token>}: the form, or the thank-you once the screenshot is in. */
    PageResponse page(LinkTarget t) {
        ScreenshotState state = t.request().state();
        if (state == ScreenshotState.RECEIVED) {
            return pages.alreadyHaveIt(t);
        }
        if (state == ScreenshotState.FAILED) {
            return pages.notFound();
        }
        return pages.uploadForm(t, state == ScreenshotState.DECLINED);
    }

    /** {@code POST /s/<token>}: stores the image and records it RECEIVED, or says why not. */
    PageResponse upload(LinkTarget t, Exchange exchange) {
        ScreenshotRequest r = t.request();
        long callbackId = t.callback().id();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            if (r.state() == ScreenshotState.RECEIVED) {
                return pages.alreadyReceived(t);
            }
            if (r.state() == ScreenshotState.FAILED) {
                return pages.notFound();
            }
            byte[] bytes;
            try {
                bytes = uploadedBytes(exchange);
            } catch (TooLarge e) {
                LOG.warn("screenshot upload for callback {} refused: larger than {} bytes", callbackId,
                        settings.maxUploadBytes());
                return pages.tooLarge(t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (bytes == null || bytes.length == 0) {
                return pages.noFile(t);
            }
            Optional<ScreenshotFiles.ImageType> type = ScreenshotFiles.detect(bytes);
            if (type.isEmpty()) {
                LOG.warn("screenshot upload for callback {} refused: not a PNG/JPEG/GIF/WebP image ({} bytes)",
                        callbackId, bytes.length);
                return pages.notImage(t);
            }
            store(t, bytes, type.get());
            return pages.received(t);
        }
    }

    /** Writes the file, then records it; a file the database did not take is removed again. */
    private void store(LinkTarget t, byte[] bytes, ScreenshotFiles.ImageType type) {
        ScreenshotRequest r = t.request();
        StoredFile file = files.store(t.callback().id(), r.id(), bytes, type);
        try {
            requests.markReceived(r.token(), file, Actor.caller(t.callback().callbackNumber()));
        } catch (RuntimeException e) {
            files.delete(file);
            throw e;
        }
        LOG.info("screenshot for callback {} received: {} ({}, {} bytes)", t.callback().id(), file.path(),
                file.contentType(), file.sizeBytes());
    }

    /** {@code POST /s/<token>/decline}: the caller will not send one; the step is DECLINED (again is fine). */
    PageResponse decline(LinkTarget t) {
        ScreenshotRequest r = t.request();
        long callbackId = t.callback().id();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            if (r.state() == ScreenshotState.RECEIVED) {
                return pages.alreadyReceived(t);
            }
            if (!r.state().canMoveTo(ScreenshotState.DECLINED) && r.state() != ScreenshotState.DECLINED) {
                return pages.notFound();
            }
            requests.markDeclined(r.token(), Actor.caller(t.callback().callbackNumber()));
            LOG.info("caller declined the screenshot for callback {}", callbackId);
            return pages.declined(t);
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
}
