package com.callbackdesk.routes.intake;

import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.CapturedIntake.NumberSource;
import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.ivr.intake.CapturedIntake.Urgency;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.ivr.intake.PendingCallback;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.TestDatabases;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake routes as Camel sees them ({@link CamelTestSupport}, H2): what reaches
 * {@code direct:intake} is answered request-reply and every committed intake — and only a
 * committed one — is announced once on {@link IntakeRoute#COMMITTED}; the caller's waiting
 * callback and self-cancel go through their own request-reply routes. The black-box behaviour on
 * both databases is {@link IntakeRouteTest}.
 */
class IntakeRouteCamelTest extends CamelTestSupport {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");   // 10:00 Taipei, a Tuesday

    private Database database;
    private CallbackScheduler scheduler;
    private Desk desk;

    @Override
    protected void setupResources() throws Exception {
        database = Database.open(TestDatabases.h2());
        Clock clock = Clock.fixed(NOW, TAIPEI);
        desk = Desk.open(database, new DeskSettings(RetryPolicy.defaults(), BusinessCalendar.defaults(), Set.of(),
                DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        // Not started: these tests look at what intake plans, not at firing.
        scheduler = CallbackScheduler.create(database, SchedulerSettings.defaults().withInstanceId("intake-camel-test"),
                a -> { }, desk.planning(), clock);
        desk.planning().useScheduler(scheduler);
    }

    @Override
    protected void cleanupResources() {
        scheduler.close();
        database.close();
    }

    /** The intake routes, and a listener on the announcement beside the route's own consumer (multipleConsumers). */
    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {
            new IntakeRoute(new IntakeValidator(PromptCatalogue.loadDefault()), desk.intakes()),
            new RouteBuilder() {
                @Override
                public void configure() {
                    from(IntakeRoute.COMMITTED).routeId("committed-listener").to("mock:committed");
                }
            }
        };
    }

    @Test
    void aCommittedIntakeIsAnsweredAndAnnouncedOnce() throws Exception {
        NotifyBuilder announced = new NotifyBuilder(context).fromRoute("intake-committed").whenDone(1).create();
        MockEndpoint committed = getMockEndpoint("mock:committed");
        committed.expectedMessageCount(1);

        IntakeDecision decision = template.requestBody(IntakeRoute.INTAKE,
                intake("500.1", "+886223456701", "CANNOT_CONNECT"), IntakeDecision.class);

        assertThat(decision).isInstanceOf(IntakeDecision.Accepted.class);
        long id = ((IntakeDecision.Accepted) decision).callbackId();
        assertThat(announced.matches(5, TimeUnit.SECONDS)).as("announced on intake-committed").isTrue();
        committed.assertIsSatisfied();
        assertThat(committed.getExchanges().get(0).getMessage().getBody()).isEqualTo(decision);
        assertThat(desk.store().find(id).orElseThrow().state()).isEqualTo(CallbackState.SCHEDULED);
    }

    @Test
    void aRefusedIntakeIsAnsweredButNeitherCommittedNorAnnounced() {
        NotifyBuilder announced = new NotifyBuilder(context).fromRoute("intake-committed").whenDone(1).create();
        NotifyBuilder answered = new NotifyBuilder(context).fromRoute("intake").whenCompleted(1).create();

        IntakeDecision decision = template.requestBody(IntakeRoute.INTAKE,
                intake("500.2", "0223456789", "CANNOT_CONNECT"), IntakeDecision.class);

        assertThat(answered.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(decision).isInstanceOf(IntakeDecision.Rejected.class);
        assertThat(((IntakeDecision.Rejected) decision).reason()).isEqualTo("invalid-number");
        assertThat(announced.matches(500, TimeUnit.MILLISECONDS)).as("nothing announced").isFalse();
        assertThat(desk.store().count()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCallerFindsTheirWaitingCallbackAndCancelsItThroughTheRoutes() {
        long id = ((IntakeDecision.Accepted) template.requestBody(IntakeRoute.INTAKE,
                intake("500.3", "+886223456703", "CANNOT_CONNECT"), IntakeDecision.class)).callbackId();

        Optional<PendingCallback> waiting = template.requestBody(IntakeRoute.PENDING, "+886223456703", Optional.class);
        Boolean cancelled = template.requestBody(IntakeRoute.CANCEL,
                new IntakeTranslation.CancelRequest(id, "500.4"), Boolean.class);

        assertThat(waiting).get().extracting(PendingCallback::callbackId).isEqualTo(id);
        assertThat(cancelled).isTrue();
        assertThat(desk.store().find(id).orElseThrow().state()).isEqualTo(CallbackState.CANCELLED);
        assertThat(template.requestBody(IntakeRoute.PENDING, "+886223456703", Optional.class)).isEmpty();
    }

    @Test
    void theCallersChosenTimeIsAnsweredAsAnAcceptedDecision() {
        long id = ((IntakeDecision.Accepted) template.requestBody(IntakeRoute.INTAKE,
                intake("500.5", "+886223456705", "CANNOT_CONNECT"), IntakeDecision.class)).callbackId();

        IntakeDecision moved = template.requestBody(IntakeRoute.CALL_ME_AT,
                new IntakeTranslation.CallMeAtRequest(id, LocalTime.of(16, 0), "500.5"), IntakeDecision.class);

        assertThat(moved).isInstanceOf(IntakeDecision.Accepted.class);
        assertThat(((IntakeDecision.Accepted) moved).estimatedCallback().toLocalTime()).isEqualTo(LocalTime.of(16, 0));
        assertThat(desk.store().find(id).orElseThrow().plannedAt())
                .isEqualTo(((IntakeDecision.Accepted) moved).estimatedCallback().toInstant());
    }

    private static CapturedIntake intake(String uniqueId, String number, String category) {
        String callerId = number.startsWith("+") ? number : null;
        return new CapturedIntake(uniqueId, "PJSIP/trunk-00000001", callerId, number, NumberSource.CALLER_ID,
                "zh-TW", "ROUTER", category, Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED, NOW);
    }
}
