package com.callbackdesk.routes.dialer;

import com.callbackdesk.desk.Desk;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.asteriskjava.manager.event.ConnectEvent;

import java.time.Clock;
import java.util.Objects;

/**
 * Issue 4's dialer, wired: the AMI client, {@code direct:dial}, {@code seda:ami-events}, the
 * watchdog and the reconciliation of conversations against the live channels (after every AMI
 * connect and from the watchdog). Start after the Camel context; close before it.
 */
public final class AmiDialer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(AmiDialer.class);

    private final AmiSettings settings;
    private final CamelContext camel;
    private final DialTracking dials;
    private final Dialer dialer;
    private final CallProgress progress;
    private final AfterConversation afterConversation;
    private final ChannelReconciler reconciler;
    private final DialWatchdog watchdog;
    private final AmiClient ami;
    private final ProducerTemplate events;

    /** @param desk the desk's use cases (dialing, outcomes) and services, built once */
    public AmiDialer(AmiSettings settings, CamelContext camel, Desk desk) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.camel = Objects.requireNonNull(camel, "camel");
        this.dials = new DialTracking(desk.database());
        Clock clock = desk.clock();
        this.events = camel.createProducerTemplate();
        this.ami = new AmiClient(settings, e -> {
            // A (re-)connect goes in line with the call events: the reconciliation it triggers sees
            // every event received before the connection dropped applied.
            // A drop or a Shutdown goes in line too: it decides consultant legs the PBX itself hung up.
            if (CallProgress.relevant(e) || e instanceof ConnectEvent) {
                events.sendBody(DialerRoutes.AMI_EVENTS, e);
            }
        });
        this.afterConversation = new AfterConversation(dials, desk.outcomes(), desk.consultants(),
                desk.surveyResults(), settings.surveyGrace(), clock);
        this.progress = new CallProgress(dials, desk.outcomes(), desk.store(), desk.consultants(), afterConversation,
                settings.restartGrace(), clock);
        this.reconciler = new ChannelReconciler(settings, ami, dials, desk.store(), afterConversation, progress,
                clock);
        this.dialer = new Dialer(settings, ami, reconciler::pbxStartupKnown, desk.dialing(), desk.outcomes(), dials,
                clock);
        this.watchdog = new DialWatchdog(settings, dials, desk.store(), desk.outcomes(), reconciler, progress, clock);
    }

    /** Adds the routes, logs in to AMI (retried in the background if the PBX is not up yet), starts the watchdog. */
    public AmiDialer start() throws Exception {
        camel.addRoutes(new DialerRoutes(dialer, progress, reconciler));
        ami.start();
        watchdog.start();
        LOG.info("Dialer started: {} ({}), Originate {} → [{}], watchdog every {}, conversations checked against the"
                + " live channels every {} and on each re-connect; customers see caller ID {}{}", settings, ami.state(),
                settings.endpointPattern(), settings.context(), settings.watchdogInterval(),
                settings.reconcileInterval(), settings.callerId(), settings.callerIdByCategory().isEmpty() ? ""
                        : " (per category: " + settings.callerIdByCategory() + ")");
        if (AmiSettings.DEFAULT_CALLER_ID.equals(settings.callerId())) {
            LOG.warn("customers called back see the placeholder caller ID {}: set ami.callerId to the desk's"
                    + " public number", settings.callerId());
        }
        return this;
    }

    /** Whether dials can be placed: AMI connected and the PBX's startup time (CoreStatus) known. */
    public boolean connected() {
        return ami.connected() && reconciler.pbxStartupKnown();
    }

    public DialTracking dials() {
        return dials;
    }

    public DialWatchdog watchdog() {
        return watchdog;
    }

    public ChannelReconciler reconciler() {
        return reconciler;
    }

    public AmiSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        watchdog.close();
        ami.close();
        afterConversation.close();
        try {
            events.close();
        } catch (Exception e) {
            LOG.debug("closing the event producer: {}", e.toString());
        }
    }
}
