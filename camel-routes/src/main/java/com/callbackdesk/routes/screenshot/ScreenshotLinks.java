package com.callbackdesk.routes.screenshot;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotRequests;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the screenshot link step decides: which committed callbacks get a link,
 * by which channel, to whom, with what text — and records what became of the send. The route
 * ({@link ScreenshotRoute}) only moves the messages.
 *
 * <p>The caller's choice at intake decides the channel; a caller who chose e-mail but has no
 * address on file ({@link CallerContacts}) gets the SMS instead, and the request says why.
 * A callback gets one request: a merged repeat call that already has one gets none.
 */
public final class ScreenshotLinks {

    /** Products and categories as the caller reads them, in their language (the desk's label table). */
    private static final com.callbackdesk.planning.labels.Labels LABELS = com.callbackdesk.planning.labels.Labels.loadDefault();

    private static final Logger LOG = LogManager.getLogger(ScreenshotLinks.class);
    static final Actor LINK_SENDER = Actor.system("screenshot-link");

    private final CallbackStore store;
    private final ScreenshotRequests requests;
    private final CallerContacts contacts;
    private final ScreenshotSettings settings;
    private final ScreenshotTexts texts = ScreenshotTexts.loadDefault();

    public ScreenshotLinks(CallbackStore store, ScreenshotRequests requests, CallerContacts contacts,
                           ScreenshotSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ScreenshotSettings settings() {
        return settings;
    }

    /** What callers read, in their language (the pages use the same texts). */
    public ScreenshotTexts texts() {
        return texts;
    }

    /** An intake committed ({@code seda:intake-committed}): the link to send, or null when none is due. */
    public LinkMessage onCommitted(IntakeDecision decision) {
        long callbackId;
        if (decision instanceof IntakeDecision.Accepted a) {
            callbackId = a.callbackId();
        } else if (decision instanceof IntakeDecision.Merged m) {
            callbackId = m.callbackId();
        } else {
            return null;
        }
        return requestFor(callbackId).orElse(null);
    }

    /**
     * Creates the callback's screenshot request if the caller chose a link and it has none yet,
     * and returns the message to send.
     */
    public Optional<LinkMessage> requestFor(long callbackId) {
        return create(callbackId, LINK_SENDER, false);
    }

    /**
     * A new link for a callback whose last one FAILED (the gateway is back, the address was
     * corrected); empty when its newest request did not fail.
     */
    public Optional<LinkMessage> resendFailed(long callbackId, Actor who) {
        return create(callbackId, who, true);
    }

    private Optional<LinkMessage> create(long callbackId, Actor who, boolean afterFailure) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            Optional<Callback> found = store.find(callbackId);
            if (found.isEmpty() || !found.get().isOpen()) {
                return Optional.empty();
            }
            Callback cb = found.get();
            ctx.put("call", cb.callUniqueId());
            if (cb.screenshotChoice() != ScreenshotChoice.SMS && cb.screenshotChoice() != ScreenshotChoice.EMAIL) {
                return Optional.empty();
            }
            ScreenshotChannel channel = ScreenshotChannel.valueOf(cb.screenshotChoice().name());
            String note = null;
            if (channel == ScreenshotChannel.EMAIL && contacts.emailOf(cb.callbackNumber()).isEmpty()) {
                channel = ScreenshotChannel.SMS;
                note = "caller chose e-mail but no address is on file for " + cb.callbackNumber()
                        + "; link sent by SMS instead";
                LOG.info("callback {}: {}", callbackId, note);
            }
            // Decided under a lock on the callback: a racing node, sweep or second click creates none twice.
            Optional<ScreenshotRequest> created = afterFailure
                    ? requests.requestAgainIfFailed(callbackId, channel, who, note)
                    : requests.requestIfNone(callbackId, channel, who, note);
            if (created.isEmpty()) {
                LOG.debug("callback {}: no new screenshot request ({})", callbackId,
                        afterFailure ? "the last one did not fail" : "it has one");
            }
            return created.map(r -> message(r, cb));
        }
    }

    /** The message for an existing request (the start-up sweep re-sends REQUESTED ones). */
    public LinkMessage message(ScreenshotRequest request, Callback cb) {
        String upload = settings.uploadLink(request.token());
        String cancel = settings.cancelLink(request.token());
        ScreenshotTexts.Texts t = texts.in(cb.language());
        if (request.channel() == ScreenshotChannel.EMAIL) {
            String to = contacts.emailOf(cb.callbackNumber()).orElseThrow(() -> new IllegalStateException(
                    "callback " + cb.id() + ": no e-mail address on file for " + cb.callbackNumber()));
            return new LinkMessage(request.token(), cb.id(), request.channel(), to, t.get("mail.subject", cb.id()),
                    t.get("mail.body", cb.id(), LABELS.label("product", cb.product(), t.language()),
                            LABELS.label("category", cb.category(), t.language()), upload, cancel));
        }
        return new LinkMessage(request.token(), cb.id(), request.channel(), cb.callbackNumber(), null,
                t.get("sms.text", cb.id(), upload, cancel));
    }

    /** The gateway or mail server took the message. */
    public void sent(LinkMessage message) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback",
                Long.toString(message.callbackId()))) {
            requests.markSent(message.token(), message.to(), LINK_SENDER);
            LOG.info("screenshot link for callback {} sent via {} to {}", message.callbackId(), message.channel(),
                    message.to());
        }
    }

    /** Every try failed: the request is FAILED with the reason, on the callback for the consultant to see. */
    public void failed(LinkMessage message, Throwable cause, int tries) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback",
                Long.toString(message.callbackId()))) {
            String reason = (cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": "
                    + cause.getMessage()) + " (" + tries + " tries, " + message.channel() + " to " + message.to() + ")";
            requests.markFailed(message.token(), reason, LINK_SENDER);
            LOG.error("screenshot link for callback {} could not be sent: {}", message.callbackId(), reason);
        }
    }

    /**
     * Start-up sweep: links committed but never sent (a crash between the commit and the send) —
     * open callbacks whose caller chose a link and that have no request, and REQUESTED requests.
     */
    public List<LinkMessage> unsent() {
        List<LinkMessage> out = new ArrayList<>();
        for (long id : requests.callbacksWithoutRequest()) {
            try {
                requestFor(id).ifPresent(out::add);
            } catch (RuntimeException e) {
                LOG.error("callback {}: screenshot request not created at start-up: {}", id, e.toString(), e);
            }
        }
        for (ScreenshotRequest r : requests.awaitingSend()) {
            if (out.stream().anyMatch(m -> m.token().equals(r.token()))) {
                continue;
            }
            try {
                out.add(message(r, store.find(r.callbackId()).orElseThrow()));
            } catch (RuntimeException e) {
                requests.markFailed(r.token(), e.getMessage(), LINK_SENDER);
                LOG.error("callback {}: screenshot link cannot be sent: {}", r.callbackId(), e.getMessage());
            }
        }
        return out;
    }
}
