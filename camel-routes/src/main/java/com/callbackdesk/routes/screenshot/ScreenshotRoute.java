package com.callbackdesk.routes.screenshot;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.desk.screenshot.LinkSending;
import com.callbackdesk.desk.screenshot.ScreenshotSteps;
import com.callbackdesk.routes.intake.IntakeRoute;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotChannel;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends the screenshot link after an intake is committed: it listens on
 * {@link IntakeRoute#COMMITTED} (a wire tap, so the caller's acknowledgement never waits for
 * it), creates the request and queues the message on {@link #SEND}, which leaves by e-mail
 * (camel-mail, {@link ScreenshotSettings#mailUri()}) or by an HTTP POST to the SMS gateway
 * ({@link ScreenshotSettings#smsGatewayUri()}; form fields {@code to}, {@code text},
 * {@code reference}). A failed send is retried with exponential backoff; after
 * {@link ScreenshotSettings#maxRedeliveries()} the request is FAILED with the reason.
 * {@link #sweep} queues, at start-up, what a crash left unsent. Desk staff's "send the link
 * again" ({@link #RESEND}) goes through the desk's {@link ScreenshotSteps} and out the same way.
 */
public final class ScreenshotRoute extends RouteBuilder {

    private static final Logger LOG = LogManager.getLogger(ScreenshotRoute.class);

    /** Body: a {@link LinkMessage}. In memory; what is lost in a crash is REQUESTED in the database, and swept. */
    public static final String SEND = "seda:screenshot-send";
    /**
     * A mail or SMS URI that sends nothing: the message is logged and kept in {@link #outbox()}
     * (the demo, and development without a mail server or gateway).
     */
    public static final String OUTBOX = "outbox";
    private static final String LINK = "screenshotLink";
    private static final String TRIES = "screenshotTries";

    /**
     * Body: a {@link ResendLink}; reply: the new {@link ScreenshotRequest}, its message queued on
     * {@link #SEND} like the first link's. Refusals (bad channel or address, too soon, not the
     * holder) come back as the desk's exceptions. Only when built with the desk's {@link ScreenshotSteps}.
     */
    public static final String RESEND = "direct:screenshot-resend";

    private final ScreenshotLinks links;
    private final ScreenshotSteps steps;
    private volatile ProducerTemplate template;
    private final java.util.Deque<LinkMessage> outbox = new java.util.concurrent.ConcurrentLinkedDeque<>();

    public ScreenshotRoute(ScreenshotLinks links) {
        this(links, null);
    }

    /** With the desk's screenshot steps: also serves {@link #RESEND}. */
    public ScreenshotRoute(ScreenshotLinks links, ScreenshotSteps steps) {
        this.links = Objects.requireNonNull(links, "links");
        this.steps = steps;
    }

    @Override
    public void configure() {
        ScreenshotSettings settings = links.settings();
        countTriesOnlyHere();
        addressMailFromHeaders(settings.mailUri());

        from(IntakeRoute.COMMITTED).routeId("screenshot-link")
                .bean(links, "onCommitted")
                .filter(body().isNotNull())
                    .to(SEND);

        if (steps != null) {
            from(RESEND).routeId("screenshot-resend")
                    .errorHandler(noErrorHandler())   // refusals go back to the asker as they are, not logged as failures
                    .process(exchange -> {
                        ResendLink ask = exchange.getMessage().getMandatoryBody(ResendLink.class);
                        exchange.getMessage().setBody(steps.resend(ask.callbackId(), ask.who(), ask.channel(),
                                ask.email(), this::queue));
                    });
        }

        from(SEND + "?concurrentConsumers=2").routeId("screenshot-send")
                .onException(Exception.class)
                    .maximumRedeliveries(settings.maxRedeliveries())
                    .redeliveryDelay(Math.max(1, settings.redeliveryDelay().toMillis()))
                    .useExponentialBackOff().backOffMultiplier(2)
                    .asyncDelayedRedelivery()   // a gateway down for minutes must not hold the consumers
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .handled(true)
                    .process(ScreenshotRoute.this::failed)
                .end()
                .setProperty(LINK, body())
                .removeHeaders("*")
                .choice()
                    .when(exchange -> link(exchange).channel() == ScreenshotChannel.EMAIL)
                        .process(exchange -> asMail(exchange, settings.mailFrom()))
                        .process(exchange -> deliver(exchange, settings.mailUri()))
                    .otherwise()
                        .process(ScreenshotRoute::asSms)
                        .process(exchange -> deliver(exchange, settings.smsGatewayUri()))
                .end()
                .process(exchange -> links.sent(link(exchange)));
    }

    /**
     * The route's redelivery counts the gateway's tries (the request's failure says how many), so
     * camel-http must not retry a 503 or 429 on its own as Apache HttpClient does by default.
     */
    private void countTriesOnlyHere() {
        for (String scheme : new String[] {"http", "https"}) {
            getContext().getComponent(scheme, org.apache.camel.component.http.HttpComponent.class)
                    .setAutomaticRetriesDisabled(true);
        }
    }

    /**
     * camel-mail (since 4.21) ignores To/From/Subject headers unless told to use them, against
     * header injection from inbound messages; ours are set by {@link #asMail} from the desk's own
     * data after every incoming header is removed, so the mail component takes them.
     */
    private void addressMailFromHeaders(String mailUri) {
        int colon = mailUri.indexOf(':');
        if (colon <= 0 || OUTBOX.equals(mailUri)) {
            return;
        }
        if (getContext().getComponent(mailUri.substring(0, colon)) instanceof org.apache.camel.component.mail.MailComponent mail) {
            mail.getConfiguration().setUseHeaderRecipients(true);
            mail.getConfiguration().setUseHeaderFrom(true);
            mail.getConfiguration().setUseHeaderSubject(true);
        }
    }

    /** The desk's {@link LinkSending}: the new request's message goes the way the first link went. */
    private void queue(ScreenshotRequest request, Callback callback) {
        LinkMessage message = links.message(request, callback);
        producer().sendBody(SEND, message);
    }

    private ProducerTemplate producer() {
        if (template == null) {
            template = getContext().createProducerTemplate();
        }
        return template;
    }

    /** The messages "sent" to {@link #OUTBOX}, oldest first (at most the last 100). */
    public List<LinkMessage> outbox() {
        return List.copyOf(outbox);
    }

    /** Queues every link a crash left unsent (see {@link ScreenshotLinks#unsent()}); returns how many. */
    public static int sweep(ScreenshotLinks links, ProducerTemplate template) {
        List<LinkMessage> unsent = links.unsent();
        unsent.forEach(m -> template.sendBody(SEND, m));
        if (!unsent.isEmpty()) {
            LOG.info("start-up sweep: {} screenshot link(s) committed but never sent, sending now", unsent.size());
        }
        return unsent.size();
    }

    /**
     * Sends the prepared message to {@code uri} on an exchange of its own and rethrows its failure.
     * The HTTP producer replaces the message it sends with the gateway's answer, which would drop
     * the redelivery counter Camel keeps in a header (and retry forever); here it stays on ours.
     */
    private void deliver(Exchange exchange, String uri) throws Exception {
        ProducerTemplate template = producer();
        exchange.setProperty(TRIES, exchange.getProperty(TRIES, 0, Integer.class) + 1);
        if (OUTBOX.equals(uri)) {
            LinkMessage m = link(exchange);
            outbox.addLast(m);
            while (outbox.size() > 100) {
                outbox.pollFirst();
            }
            LOG.info("screenshot link for callback {} not sent ({} is '{}'), kept in the outbox: to {}: {}",
                    m.callbackId(), m.channel() == ScreenshotChannel.EMAIL ? "mailUri" : "smsGatewayUri", OUTBOX,
                    m.to(), m.text());
            return;
        }
        Exchange sent = template.send(gatewayEndpoint(uri), out -> {
            // header by header: the message's own map matches names case-insensitively, as camel-mail expects
            exchange.getMessage().getHeaders().forEach(out.getMessage()::setHeader);
            out.getMessage().setBody(exchange.getMessage().getBody());
        });
        if (sent.getException() != null) {
            throw sent.getException();
        }
    }

    /**
     * The endpoint to send to: configurations written for camel-undertow name the gateway
     * {@code undertow:https://…}; camel-http serves the same URL as {@code https://…}.
     */
    static String gatewayEndpoint(String uri) {
        return uri.startsWith("undertow:http") ? uri.substring("undertow:".length()) : uri;
    }

    /**
     * Sends a new link for a callback whose last one FAILED (a consultant's or supervisor's
     * "send again" once the gateway is back); false when its newest request did not fail.
     */
    public static boolean resendFailed(ScreenshotLinks links, ProducerTemplate template, long callbackId,
                                       com.callbackdesk.callback.Actor who) {
        Optional<LinkMessage> m = links.resendFailed(callbackId, who);
        m.ifPresent(message -> template.sendBody(SEND, message));
        return m.isPresent();
    }

    private static LinkMessage link(Exchange exchange) {
        return exchange.getProperty(LINK, LinkMessage.class);
    }

    private static void asMail(Exchange exchange, String from) {
        LinkMessage m = link(exchange);
        exchange.getMessage().setHeader("From", from);
        exchange.getMessage().setHeader("To", m.to());
        exchange.getMessage().setHeader("Subject", m.subject());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        exchange.getMessage().setBody(m.text());
    }

    private static void asSms(Exchange exchange) {
        LinkMessage m = link(exchange);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=UTF-8");
        exchange.getMessage().setBody("to=" + enc(m.to()) + "&text=" + enc(m.text()) + "&reference=callback-"
                + m.callbackId());
    }

    private void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LinkMessage m = link(exchange);
        if (m == null) {
            LOG.error("screenshot send failed before the message was known: {}", String.valueOf(cause));
            return;
        }
        links.failed(m, cause, exchange.getProperty(TRIES, 0, Integer.class));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
