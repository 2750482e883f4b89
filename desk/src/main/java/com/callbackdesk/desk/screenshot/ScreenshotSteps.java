package com.callbackdesk.desk.screenshot;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.queue.HolderCheck;
import com.callbackdesk.screenshot.ResendTooSoonException;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotCompletion;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotRequests;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The use case "the screenshot step, handled by desk staff on the phone": the consultant holding
 * the callback (or a supervisor) records that the caller sent the screenshot another way or
 * declined on the phone, with a reason — after which the callback may be closed as resolved — or
 * sends the upload link again, by SMS or e-mail, through the same sender as the first link
 * ({@link LinkSending}), at most once per {@link #RESEND_INTERVAL}. Each is one audited
 * transaction of {@link ScreenshotRequests} (the holder check and the rate limit inside it).
 */
public final class ScreenshotSteps {

    private static final Logger LOG = LogManager.getLogger(ScreenshotSteps.class);

    /** The shortest time between two links to one callback's caller. */
    public static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);

    private final CallbackStore store;
    private final ScreenshotRequests requests;
    private final CallerContacts contacts;
    private final Set<String> categoriesNeedingScreen;

    public ScreenshotSteps(CallbackStore store, ScreenshotRequests requests, CallerContacts contacts,
                           Set<String> categoriesNeedingScreen) {
        this.store = Objects.requireNonNull(store, "store");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.categoriesNeedingScreen = Set.copyOf(categoriesNeedingScreen);
    }

    /**
     * Records the step as received by other means or declined on the phone.
     *
     * @throws InvalidFieldException  ("reason") when the reason is missing, blank or too long
     * @throws NoSuchElementException when there is no such callback
     * @throws IllegalStateException  when the callback is closed or its category needs no screenshot
     * @throws com.callbackdesk.queue.ClaimRefusedException when {@code who} is a consultant not holding it
     */
    public ScreenshotCompletion complete(long callbackId, Actor who, ScreenshotCompletion.Kind kind, String reason) {
        Objects.requireNonNull(who, "who");
        if (kind == null) {
            throw new InvalidFieldException("outcome", "required: RECEIVED_OTHER_MEANS or DECLINED_ON_PHONE");
        }
        try (CloseableThreadContext.Instance ctx = context(callbackId)) {
            Callback cb = needingScreen(callbackId);
            ctx.put("call", cb.callUniqueId());
            ScreenshotCompletion done = requests.complete(callbackId, kind, reason, who,
                    c -> HolderCheck.requireHolderOrSupervisor(c, callbackId, who, "handle the screenshot step of"));
            LOG.info("callback {}: screenshot step {} recorded by {}", callbackId, kind.words(), who);
            return done;
        }
    }

    /**
     * Sends the upload link again: by {@code channel}, or the caller's choice at intake when null;
     * by e-mail to {@code email} (validated and kept on file for the caller's number, audited) or
     * the address on file.
     *
     * @return the new request, queued for sending
     * @throws InvalidFieldException  ("channel" or "email") when the channel or address is missing or wrong
     * @throws ResendTooSoonException when the last link went less than {@link #RESEND_INTERVAL} ago
     * @throws IllegalStateException  when the callback is closed, needs no screenshot or has one already
     */
    public ScreenshotRequest resend(long callbackId, Actor who, ScreenshotChannel channel, String email,
                                    LinkSending sender) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(sender, "sender");
        try (CloseableThreadContext.Instance ctx = context(callbackId)) {
            Callback cb = needingScreen(callbackId);
            ctx.put("call", cb.callUniqueId());
            ScreenshotChannel via = channel != null ? channel : chosenChannel(cb);
            String address = null;
            if (email != null && !email.isBlank()) {
                if (via != ScreenshotChannel.EMAIL) {
                    throw new InvalidFieldException("email", "only with channel EMAIL");
                }
                try {
                    address = CallerContacts.requireEmail(email);
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("email", e.getMessage());
                }
            } else if (via == ScreenshotChannel.EMAIL && contacts.emailOf(cb.callbackNumber()).isEmpty()) {
                throw new InvalidFieldException("email", "required: no e-mail address is on file for "
                        + cb.callbackNumber() + "; give the caller's address or send by SMS");
            }
            ScreenshotRequest request = requests.requestAgain(callbackId, via, who, "sent again from the desk",
                    RESEND_INTERVAL,
                    c -> HolderCheck.requireHolderOrSupervisor(c, callbackId, who, "send the screenshot link of"));
            if (address != null && !contacts.emailOf(cb.callbackNumber()).filter(address::equals).isPresent()) {
                contacts.setEmail(cb.callbackNumber(), address, who, "given for the screenshot link");
            }
            sender.send(request, cb);
            LOG.info("callback {}: screenshot link sent again via {} by {}", callbackId, via, who);
            return request;
        }
    }

    private ScreenshotChannel chosenChannel(Callback cb) {
        if (cb.screenshotChoice() == ScreenshotChoice.SMS) {
            return ScreenshotChannel.SMS;
        }
        if (cb.screenshotChoice() == ScreenshotChoice.EMAIL) {
            return ScreenshotChannel.EMAIL;
        }
        throw new InvalidFieldException("channel", "required: the caller chose no link at intake; pick SMS or EMAIL");
    }

    private Callback needingScreen(long callbackId) {
        Callback cb = store.find(callbackId).orElseThrow(() -> new NoSuchElementException("No callback " + callbackId));
        if (!categoriesNeedingScreen.contains(cb.category())) {
            throw new IllegalStateException("Callback " + callbackId + " is about '" + cb.category()
                    + "', which needs no screenshot");
        }
        return cb;
    }

    private static CloseableThreadContext.Instance context(long callbackId) {
        return CloseableThreadContext.put("callback", Long.toString(callbackId));
    }
}
