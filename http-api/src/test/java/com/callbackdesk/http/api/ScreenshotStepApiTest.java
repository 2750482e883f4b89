package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.routes.screenshot.ScreenshotLinks;
import com.callbackdesk.routes.screenshot.ScreenshotRoute;
import com.callbackdesk.routes.screenshot.ScreenshotSettings;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POST /api/callbacks/{id}/screenshot (received by other means / declined on the phone, with a
 * reason) and POST /api/callbacks/{id}/screenshot/resend: bad input is a 400 naming the field, a
 * consultant not holding the callback gets 409, a second link within the minute 429 with
 * Retry-After, and "resolved" is refused before and accepted after.
 */
class ScreenshotStepApiTest {

    @TempDir
    Path storeDir;
    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theHolderRecordsTheStepAndSendsTheLinkAgainThenResolves(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.consultant("bob", "ROUTER");
        ApiFixture.Auth alice = f.login("alice");
        ApiFixture.Auth bob = f.login("bob");
        Callback c = f.queued(ApiFixture.number(3), "ROUTER", "error-message", Urgency.NORMAL, LocalTime.of(17, 30),
                ScreenshotChoice.SMS);
        long id = c.id();
        String path = "/api/callbacks/" + id;
        assertThat(f.post("/api/queue/claim", null, alice).status()).isEqualTo(200);
        f.desk.outcomes().startDialing(id, Actor.system("dialer"), null);
        f.desk.outcomes().answered(id, Actor.system("dialer"), null);

        ApiFixture.Reply refused = f.post(path + "/outcome", "{\"outcome\":\"RESOLVED\"}", alice);
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
        assertThat(refused.json().get("rule").asText()).isEqualTo("SCREENSHOT_BEFORE_RESOLVED");
        assertThat(refused.json().get("message").asText()).contains("no link has been sent")
                .contains("record that on the screenshot step with a reason").contains("send the link again");

        // Bad input names the field; nothing is recorded.
        assertField(f.post(path + "/screenshot", "{}", alice), "outcome");
        assertField(f.post(path + "/screenshot", "{\"outcome\":\"LOST\",\"reason\":\"x\"}", alice), "outcome");
        assertField(f.post(path + "/screenshot", "{\"outcome\":\"DECLINED_ON_PHONE\"}", alice), "reason");
        assertField(f.post(path + "/screenshot", "{\"outcome\":\"DECLINED_ON_PHONE\",\"reason\":\" \"}", alice), "reason");
        assertField(f.post(path + "/screenshot", "{\"outcome\":\"DECLINED_ON_PHONE\",\"reason\":\"" + "x".repeat(1001)
                + "\"}", alice), "reason");
        assertField(f.post("/api/callbacks/abc/screenshot", "{}", alice), "id");
        assertThat(f.post(path + "/screenshot", "{\"outcome\":\"DECLINED_ON_PHONE\",\"reason\":\"x\"}",
                ApiFixture.Auth.NONE).status()).isEqualTo(401);
        ApiFixture.Reply notHers = f.post(path + "/screenshot",
                "{\"outcome\":\"DECLINED_ON_PHONE\",\"reason\":\"I think so\"}", bob);
        assertThat(notHers.status()).as(notHers.raw().body()).isEqualTo(409);
        assertThat(notHers.json().get("message").asText()).contains("held by alice");
        assertThat(f.desk.screenshots().completions(id)).isEmpty();

        // Resend: no sender in this process yet → 503; then through the screenshot route.
        assertThat(f.post(path + "/screenshot/resend", null, alice).status()).isEqualTo(503);
        ScreenshotRoute route = new ScreenshotRoute(new ScreenshotLinks(f.store, f.desk.screenshots(),
                f.desk.contacts(), new ScreenshotSettings("https://desk.example.com", ScreenshotRoute.OUTBOX,
                "desk@example.com", ScreenshotRoute.OUTBOX, storeDir, 1024, 0, Duration.ZERO)),
                f.deskLayer.screenshotSteps());
        f.camel.addRoutes(route);
        assertField(f.post(path + "/screenshot/resend", "{\"channel\":\"FAX\"}", alice), "channel");
        assertField(f.post(path + "/screenshot/resend", "{\"channel\":\"EMAIL\"}", alice), "email");
        assertField(f.post(path + "/screenshot/resend", "{\"channel\":\"EMAIL\",\"email\":\"nope\"}", alice), "email");

        ApiFixture.Reply resent = f.post(path + "/screenshot/resend", null, alice);
        assertThat(resent.status()).as(resent.raw().body()).isEqualTo(202);
        assertThat(resent.json().get("channel").asText()).isEqualTo("SMS");
        await().atMost(Duration.ofSeconds(10)).until(() -> route.outbox().size() == 1);
        assertThat(route.outbox().get(0).to()).isEqualTo(c.callbackNumber());
        assertThat(route.outbox().get(0).channel()).isEqualTo(ScreenshotChannel.SMS);

        ApiFixture.Reply tooSoon = f.post(path + "/screenshot/resend", "{\"channel\":\"SMS\"}", alice);
        assertThat(tooSoon.status()).as(tooSoon.raw().body()).isEqualTo(429);
        assertThat(tooSoon.header("Retry-After")).isEqualTo("60");
        assertThat(tooSoon.json().get("message").asText()).contains("wait 60 seconds");

        f.clock.advance(Duration.ofSeconds(61));
        ApiFixture.Reply byMail = f.post(path + "/screenshot/resend",
                "{\"channel\":\"email\",\"email\":\"mei@example.tw\"}", alice);
        assertThat(byMail.status()).as(byMail.raw().body()).isEqualTo(202);
        assertThat(byMail.json().get("channel").asText()).isEqualTo("EMAIL");
        await().atMost(Duration.ofSeconds(10)).until(() -> route.outbox().size() == 2);
        assertThat(route.outbox().get(1).to()).isEqualTo("mei@example.tw");
        assertThat(f.get(path, alice).json().get("email").asText()).isEqualTo("mei@example.tw");

        // Recorded by the holder: the card shows it, the audit trail has who and why, resolved is allowed.
        ApiFixture.Reply done = f.post(path + "/screenshot",
                "{\"outcome\":\"received_other_means\",\"reason\":\"caller e-mailed it to me\"}", alice);
        assertThat(done.status()).as(done.raw().body()).isEqualTo(200);
        assertThat(done.json().get("outcome").asText()).isEqualTo("RECEIVED_OTHER_MEANS");
        assertThat(done.json().get("recordedBy").asText()).isEqualTo("consultant:alice");
        var shot = f.get(path, alice).json().get("screenshot");
        assertThat(shot.get("state").asText()).isEqualTo("RECEIVED_OTHER_MEANS");
        assertThat(shot.get("stepDone").asBoolean()).isTrue();
        assertThat(shot.get("recorded").get(0).get("reason").asText()).isEqualTo("caller e-mailed it to me");
        assertThat(f.store.history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT
                && e.actor().equals(Actor.consultant("alice"))).extracting(AuditEntry::why)
                .contains("screenshot received by other means: caller e-mailed it to me");

        ApiFixture.Reply resolved = f.post(path + "/outcome", "{\"outcome\":\"RESOLVED\"}", alice);
        assertThat(resolved.status()).as(resolved.raw().body()).isEqualTo(200);
        assertThat(resolved.json().get("callback").get("state").asText()).isEqualTo("RESOLVED");
    }

    private static void assertField(ApiFixture.Reply r, String field) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
    }
}
