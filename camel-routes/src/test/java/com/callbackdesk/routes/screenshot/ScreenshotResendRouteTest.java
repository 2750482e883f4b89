package com.callbackdesk.routes.screenshot;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.queue.OutcomeRefusedException;
import com.callbackdesk.screenshot.ResendTooSoonException;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotCompletion;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.testing.MutableClock;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Desk staff's "send the link again" on a real Camel context: {@link ScreenshotRoute#RESEND} goes
 * through the desk's screenshot steps and out by the same {@code seda:screenshot-send} as the first
 * link — SMS to a real HTTP gateway, e-mail over real SMTP (GreenMail) — on H2 and PostgreSQL.
 */
class ScreenshotResendRouteTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final String CALLER = "+886223456789";
    private static final Actor ALICE = Actor.consultant("alice");

    @TempDir
    Path storeDir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T02:00:00Z"));
    private Database db;
    private Desk desk;
    private SmsGateway sms;
    private GreenMail mail;
    private CamelContext camel;
    private ScreenshotLinks links;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (mail != null) {
            mail.stop();
        }
        if (sms != null) {
            sms.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private ProducerTemplate start(DatabaseSettings settings) throws Exception {
        db = Database.open(settings);
        desk = Desk.open(db, new DeskSettings(RetryPolicy.defaults(), BusinessCalendar.defaults(),
                Set.of("ERROR_MESSAGE"), DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        sms = new SmsGateway();
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        links = new ScreenshotLinks(desk.store(), desk.screenshots(), desk.contacts(),
                new ScreenshotSettings("https://desk.example.com", "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                        "callback-desk@example.com", sms.uri(), storeDir, 1024 * 1024, 0, Duration.ofMillis(20)));
        camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(5);
        camel.addRoutes(new ScreenshotRoute(links, desk.screenshotSteps()));
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        desk.consultants().add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("ROUTER"), "PJSIP/alice",
                false), Actor.supervisor("sam"), "hired");
        desk.consultants().setState("alice", ConsultantState.AVAILABLE, ALICE, "logged in");
        return template;
    }

    /** An error-message callback whose caller chose SMS, alice talking to them. */
    private long inConversation() {
        Callback c = desk.store().intakes().record(new NewCallback("1795557639.1", "PJSIP/trunk-1", CALLER, CALLER,
                NumberSource.CALLER_ID, "en", "ROUTER", "ERROR_MESSAGE", Urgency.NORMAL, LocalTime.of(17, 30),
                ScreenshotChoice.SMS, clock.instant()), Actor.system("intake-route")).callback();
        desk.store().lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED,
                Actor.system("scheduler"), "attempt fired");
        desk.queue().claimNext("alice").orElseThrow();
        desk.outcomes().startDialing(c.id(), Actor.system("dialer"), null);
        desk.outcomes().answered(c.id(), Actor.system("dialer"), null);
        return c.id();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theLinkGoesAgainThroughTheRouteThatSentTheFirstOne(DatabaseSettings settings) throws Exception {
        ProducerTemplate template = start(settings);
        long id = inConversation();
        // The first link, as after a crash (the start-up sweep): out through seda:screenshot-send.
        assertThat(ScreenshotRoute.sweep(links, template)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sms.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> states(id).equals(List.of(ScreenshotState.SENT)));

        clock.advance(Duration.ofSeconds(61));
        ScreenshotRequest again = template.requestBody(ScreenshotRoute.RESEND, new ResendLink(id, ALICE, null, null),
                ScreenshotRequest.class);
        assertThat(again.channel()).isEqualTo(ScreenshotChannel.SMS);
        await().atMost(Duration.ofSeconds(10)).until(() -> sms.received().size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> states(id).equals(List.of(ScreenshotState.SENT,
                ScreenshotState.SENT)));
        assertThat(sms.received().get(1).get("to")).isEqualTo(CALLER);
        assertThat(sms.received().get(1).get("text")).contains("https://desk.example.com/s/" + again.token());
        assertThat(desk.screenshots().forCallback(id).get(1).sentTo()).isEqualTo(CALLER);

        // At once again: refused, nothing sent.
        assertThatThrownBy(() -> template.requestBody(ScreenshotRoute.RESEND, new ResendLink(id, ALICE, null, null)))
                .isInstanceOf(CamelExecutionException.class).hasCauseInstanceOf(ResendTooSoonException.class);

        // By e-mail to an address the caller spells out: kept on file, the mail carries the new link.
        clock.advance(Duration.ofSeconds(61));
        ScreenshotRequest byMail = template.requestBody(ScreenshotRoute.RESEND,
                new ResendLink(id, ALICE, ScreenshotChannel.EMAIL, "mei.lin@example.tw"), ScreenshotRequest.class);
        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = mail.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("mei.lin@example.tw");
        assertThat(GreenMailUtil.getBody(message)).contains("https://desk.example.com/s/" + byMail.token());
        assertThat(desk.contacts().emailOf(CALLER)).contains("mei.lin@example.tw");
        await().atMost(Duration.ofSeconds(5)).until(() -> states(id).get(2) == ScreenshotState.SENT);
        assertThat(sms.received()).hasSize(2);
        assertThat(desk.store().history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT
                && e.actor().equals(ALICE)).extracting(AuditEntry::why)
                .containsExactly("screenshot link requested via SMS", "screenshot link requested via EMAIL");

        // Links out, nothing back: not resolved yet; declined on the phone, then it is.
        assertThatThrownBy(() -> desk.outcomes().record(id, ALICE, Outcome.resolved(), null))
                .isInstanceOf(OutcomeRefusedException.class);
        desk.screenshotSteps().complete(id, ALICE, ScreenshotCompletion.Kind.DECLINED_ON_PHONE,
                "caller's phone cannot open links");
        assertThat(desk.outcomes().record(id, ALICE, Outcome.resolved(), null).callback().state())
                .isEqualTo(CallbackState.RESOLVED);
    }

    private List<ScreenshotState> states(long id) {
        return desk.screenshots().forCallback(id).stream().map(ScreenshotRequest::state).toList();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
