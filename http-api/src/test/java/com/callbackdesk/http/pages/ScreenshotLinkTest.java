package com.callbackdesk.http.pages;

import com.callbackdesk.routes.screenshot.ScreenshotRoute;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.IntakeResult;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.storage.DatabaseSettings;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/** The link leaves after the intake commits: e-mail over real SMTP (GreenMail), SMS to a real HTTP gateway. */
class ScreenshotLinkTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final String CALLER = "+886223456789";

    @TempDir
    Path storeDir;
    private SmsSink sms;
    private GreenMail mail;
    private ScreenshotFixture f;

    private void start(DatabaseSettings db, int maxRedeliveries) throws Exception {
        sms = new SmsSink();
        mail = new GreenMail(new ServerSetup(HttpSettings.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        f = new ScreenshotFixture(db, storeDir, "smtp://127.0.0.1:" + mail.getSmtp().getPort(), sms.uri(),
                1024 * 1024, maxRedeliveries);
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (sms != null) {
            sms.close();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anSmsWithTheUploadAndCancelLinksGoesToTheGatewayAfterTheCommit(DatabaseSettings db) throws Exception {
        start(db, 2);
        long id = f.intake(CALLER, ScreenshotChoice.SMS);

        await().atMost(Duration.ofSeconds(10)).until(() -> sms.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> stateOf(id) == ScreenshotState.SENT);
        ScreenshotRequest request = f.requestsOf(id).get(0);
        Map<String, String> message = sms.received().get(0);
        assertThat(message.get("to")).isEqualTo(CALLER);
        assertThat(message.get("reference")).isEqualTo("callback-" + id);
        assertThat(message.get("text")).contains(f.http.baseUrl() + "/s/" + request.token())
                .contains(f.http.baseUrl() + "/c/" + request.token()).contains("#" + id);
        assertThat(request.channel()).isEqualTo(ScreenshotChannel.SMS);
        assertThat(request.sentTo()).isEqualTo(CALLER);
        assertThat(request.note()).isNull();
        assertThat(f.store.history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT)
                .extracting(AuditEntry::why).containsExactly("screenshot link requested via SMS", "screenshot step sent");
        // The first attempt was planned as usual: the link step is beside the caller's path, not in it.
        assertThat(f.store.find(id).orElseThrow().state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aSlowGatewayNeverDelaysTheCallersAcknowledgement(DatabaseSettings db) throws Exception {
        start(db, 0);
        sms.hold();

        long id = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> f.intake(CALLER, ScreenshotChoice.SMS));

        // The intake was answered while the gateway still holds the message.
        await().atMost(Duration.ofSeconds(10)).until(() -> sms.posts() == 1);
        assertThat(stateOf(id)).isEqualTo(ScreenshotState.REQUESTED);
        sms.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id) == ScreenshotState.SENT);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anEmailCarriesBothLinksToTheAddressOnFile(DatabaseSettings db) throws Exception {
        start(db, 2);
        f.contacts.setEmail(CALLER, "mei.lin@example.tw", Actor.supervisor("sam"), "caller gave it on the phone");
        long id = f.intake(CALLER, ScreenshotChoice.EMAIL);

        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = mail.getReceivedMessages()[0];
        String body = GreenMailUtil.getBody(message);
        await().atMost(Duration.ofSeconds(5)).until(() -> stateOf(id) == ScreenshotState.SENT);
        ScreenshotRequest request = f.requestsOf(id).get(0);
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("mei.lin@example.tw");
        assertThat(message.getFrom()).extracting(Object::toString).containsExactly("callback-desk@example.com");
        assertThat(message.getSubject()).contains("#" + id).contains("screenshot");
        assertThat(body).contains(f.http.baseUrl() + "/s/" + request.token())
                .contains(f.http.baseUrl() + "/c/" + request.token());
        assertThat(request.channel()).isEqualTo(ScreenshotChannel.EMAIL);
        assertThat(request.sentTo()).isEqualTo("mei.lin@example.tw");
        assertThat(sms.received()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void emailChosenButNoAddressOnFileGoesBySmsWithTheReasonRecorded(DatabaseSettings db) throws Exception {
        start(db, 2);
        long id = f.intake(CALLER, ScreenshotChoice.EMAIL);

        await().atMost(Duration.ofSeconds(10)).until(() -> sms.received().size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> stateOf(id) == ScreenshotState.SENT);
        ScreenshotRequest request = f.requestsOf(id).get(0);
        assertThat(request.channel()).isEqualTo(ScreenshotChannel.SMS);
        assertThat(request.note()).contains("chose e-mail").contains("no address").contains(CALLER);
        assertThat(f.store.history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT)
                .first().satisfies(e -> assertThat(e.detail()).contains("no address"));
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aGatewayThatStaysDownIsRetriedThenTheRequestFailsWithTheReason(DatabaseSettings db) throws Exception {
        start(db, 2);
        sms.answer(503);
        long id = f.intake(CALLER, ScreenshotChoice.SMS);

        await().atMost(Duration.ofSeconds(15)).until(() -> stateOf(id) == ScreenshotState.FAILED);
        ScreenshotRequest request = f.requestsOf(id).get(0);
        assertThat(sms.posts()).isEqualTo(3);   // the first try and 2 redeliveries
        assertThat(request.failure()).contains("503").contains("3 tries").contains(CALLER);
        assertThat(request.failedAt()).isNotNull();
        assertThat(f.store.history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT)
                .last().satisfies(e -> assertThat(e.detail()).contains("REQUESTED → FAILED").contains("503"));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aFailedLinkCanBeSentAgainOnceWithAFreshToken(DatabaseSettings db) throws Exception {
        start(db, 0);
        sms.answer(503);
        long id = f.intake(CALLER, ScreenshotChoice.SMS);
        await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id) == ScreenshotState.FAILED);
        String failedToken = f.requestsOf(id).get(0).token();
        sms.answer(200);

        Actor sam = Actor.supervisor("sam");
        assertThat(ScreenshotRoute.resendFailed(f.links, f.camel.createProducerTemplate(), id, sam)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(id) == ScreenshotState.SENT);
        // Only after a failure: a second click while the new one is out sends nothing.
        assertThat(ScreenshotRoute.resendFailed(f.links, f.camel.createProducerTemplate(), id, sam)).isFalse();

        List<ScreenshotRequest> all = f.requestsOf(id);
        assertThat(all).extracting(ScreenshotRequest::state).containsExactly(ScreenshotState.FAILED, ScreenshotState.SENT);
        assertThat(all.get(1).token()).isNotEqualTo(failedToken);
        assertThat(sms.received()).hasSize(1);
        assertThat(sms.received().get(0).get("text")).contains(all.get(1).token()).doesNotContain(failedToken);
        assertThat(f.store.history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT
                && e.actor().equals(sam)).extracting(AuditEntry::why).containsExactly("screenshot link requested via SMS");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aGatewayNobodyListensOnFailsTheRequestToo(DatabaseSettings db) throws Exception {
        sms = new SmsSink();
        mail = new GreenMail(new ServerSetup(HttpSettings.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        f = new ScreenshotFixture(db, storeDir, "smtp://127.0.0.1:" + mail.getSmtp().getPort(),
                "http://127.0.0.1:" + HttpSettings.freePort() + "/sms", 1024 * 1024, 1);
        long id = f.intake(CALLER, ScreenshotChoice.SMS);

        await().atMost(Duration.ofSeconds(15)).until(() -> stateOf(id) == ScreenshotState.FAILED);
        assertThat(f.requestsOf(id).get(0).failure()).contains("2 tries");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theStartUpSweepSendsWhatACrashLeftUnsent(DatabaseSettings db) throws Exception {
        start(db, 2);
        // Committed, and the process stopped before the link step ran: no request at all ...
        long noRequest = commitOnly("+886223450001", com.callbackdesk.callback.ScreenshotChoice.SMS);
        // ... or the request was created and the message never left.
        long unsent = commitOnly("+886223450002", com.callbackdesk.callback.ScreenshotChoice.SMS);
        ScreenshotRequest created = f.requests.request(unsent, ScreenshotChannel.SMS, Actor.system("screenshot-link"));
        // Closed meanwhile: nothing to send.
        long closed = commitOnly("+886223450003", com.callbackdesk.callback.ScreenshotChoice.SMS);
        f.store.lifecycle().transition(closed, CallbackState.PENDING, CallbackState.CANCELLED, Actor.caller("+886223450003"),
                "solved");

        int queued = ScreenshotRoute.sweep(f.links, f.camel.createProducerTemplate());

        assertThat(queued).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> sms.received().size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> stateOf(noRequest) == ScreenshotState.SENT
                && stateOf(unsent) == ScreenshotState.SENT);
        assertThat(f.requestsOf(unsent)).extracting(ScreenshotRequest::token).containsExactly(created.token());
        assertThat(sms.received()).extracting(m -> m.get("to"))
                .containsExactlyInAnyOrder("+886223450001", "+886223450002");
        assertThat(f.requestsOf(closed)).isEmpty();
        // A second sweep finds nothing: each link goes once.
        assertThat(ScreenshotRoute.sweep(f.links, f.camel.createProducerTemplate())).isZero();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aMergedRepeatCallGetsNoSecondLink(DatabaseSettings db) throws Exception {
        start(db, 2);
        long id = f.intake(CALLER, ScreenshotChoice.SMS);
        await().atMost(Duration.ofSeconds(10)).until(() -> sms.received().size() == 1);

        com.callbackdesk.ivr.intake.IntakeDecision again = f.desk.submit(new com.callbackdesk.ivr.intake.CapturedIntake(
                "1795557999.1", "PJSIP/trunk-00000002", CALLER, CALLER,
                com.callbackdesk.ivr.intake.CapturedIntake.NumberSource.CALLER_ID, "en", "ROUTER", "ERROR_MESSAGE",
                com.callbackdesk.ivr.intake.CapturedIntake.Urgency.NORMAL, LocalTime.of(17, 30), ScreenshotChoice.SMS,
                ScreenshotFixture.NOW));

        assertThat(again).isInstanceOf(com.callbackdesk.ivr.intake.IntakeDecision.Merged.class);
        // The merged call went through the same committed event; it must not create a request.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> f.requestsOf(id).size() == 1 && sms.posts() == 1);
    }

    private long commitOnly(String number, com.callbackdesk.callback.ScreenshotChoice choice) {
        IntakeResult r = f.store.intakes().record(new NewCallback("1795550000." + number.substring(9), "PJSIP/trunk-1",
                number, number, NumberSource.CALLER_ID, "en", "ROUTER", "ERROR_MESSAGE", Urgency.NORMAL,
                LocalTime.of(17, 30), choice, ScreenshotFixture.NOW), Actor.system("intake-route"));
        return r.callback().id();
    }

    private ScreenshotState stateOf(long callbackId) {
        List<ScreenshotRequest> r = f.requestsOf(callbackId);
        return r.isEmpty() ? null : r.get(r.size() - 1).state();
    }
}
