package com.callbackdesk.routes.dialer;

import org.apache.camel.builder.RouteBuilder;
import org.asteriskjava.manager.event.ConnectEvent;

/**
 * The dialer's routes: {@code direct:dial} (request-reply, {@link DialRequest} → {@link DialResult})
 * and {@code seda:ami-events}, where Asterisk-Java's reader thread drops the call events and one
 * consumer applies them in arrival order ({@link CallProgress}); an AMI (re-)connect in that line
 * runs the {@link ChannelReconciler}.
 */
public final class DialerRoutes extends RouteBuilder {

    /** AMI call events, one consumer so a call's events are applied in order. */
    public static final String AMI_EVENTS = "seda:ami-events";

    private final Dialer dialer;
    private final CallProgress progress;
    private final ChannelReconciler reconciler;

    public DialerRoutes(Dialer dialer, CallProgress progress, ChannelReconciler reconciler) {
        this.dialer = dialer;
        this.progress = progress;
        this.reconciler = reconciler;
    }

    @Override
    public void configure() {
        from(DialRequest.ENDPOINT).routeId("dial")
                .bean(dialer, "dial");
        from(AMI_EVENTS + "?concurrentConsumers=1&size=10000").routeId("ami-events")
                .choice()
                    .when(body().isInstanceOf(ConnectEvent.class)).bean(reconciler, "afterConnect")
                    .otherwise().bean(progress, "onEvent")
                .end();
    }
}
