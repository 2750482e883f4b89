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
 * What the screenshot link step decides (MISSION story 7): which committed callbacks get a link,
 * by which channel, to whom, with what text — and records what became of the send. The route
 * ({@link ScreenshotRoute}) only moves the messages.
 *
 * <p>The caller's choice at intake decides the channel; a caller who chose e-mail but has no
 * address on file ({@link CallerContacts}) gets the SMS instead, and the request says why.
 * A callback gets one request: a merged repeat call that already has one gets none.
 */
public final class ScreenshotLinks {

    private static final Logger LOG = LogManager.getLogger(ScreenshotLinks.class);
    static final Actor LINK_SENDER = Actor.system("screenshot-link");

    private final CallbackStore store;
    private final ScreenshotRequests requests;
    private final CallerContacts contacts;
    private final ScreenshotSettings settings;

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
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            Optional<Callback> found = store.find(callbackId);
            if (found.isEmpty() || !found.get().isOpen()) {
                return Optional.empty();
            }
            Callback cb = found.get();
            if (cb.screenshotChoice() != ScreenshotChoice.SMS && cb.screenshotChoice() != ScreenshotChoice.EMAIL) {
                return Optional.empty();
            }
            if (!requests.forCallback(callbackId).isEmpty()) {
                LOG.debug("callback {} already has a screenshot request", callbackId);
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
            ScreenshotRequest request = requests.request(callbackId, channel, LINK_SENDER, note);
            return Optional.of(message(request, cb));
        }
    }

    /** The message for an existing request (the start-up sweep re-sends REQUESTED ones). */
    public LinkMessage message(ScreenshotRequest request, Callback cb) {
        String upload = settings.uploadLink(request.token());
        String cancel = settings.cancelLink(request.token());
        if (request.channel() == ScreenshotChannel.EMAIL) {
            String to = contacts.emailOf(cb.callbackNumber()).orElseThrow(() -> new IllegalStateException(
                    "callback " + cb.id() + ": no e-mail address on file for " + cb.callbackNumber()));
            String text = "Hello,\n\n"
                    + "You asked Callback Desk to call you back (request #" + cb.id() + ", " + cb.product() + ", "
                    + cb.category() + ").\n"
                    + "So that our consultant can see the problem before calling, please upload a screenshot:\n\n"
                    + "  " + upload + "\n\n"
                    + "If you cannot send one, the same page lets you say so.\n\n"
                    + "Solved it already? Cancel the callback here:\n\n"
                    + "  " + cancel + "\n\n"
                    + "Callback Desk\n";
            return new LinkMessage(request.token(), cb.id(), request.channel(), to,
                    "Your callback #" + cb.id() + ": please send a screenshot", text);
        }
        String text = "Callback Desk #" + cb.id() + ": please upload a screenshot of the problem: " + upload
                + " Solved already? Cancel the callback: " + cancel;
        return new LinkMessage(request.token(), cb.id(), request.channel(), cb.callbackNumber(), null, text);
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
