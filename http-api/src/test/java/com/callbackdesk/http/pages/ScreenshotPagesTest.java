package com.callbackdesk.http.pages;

import com.callbackdesk.routes.screenshot.ScreenshotTexts;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.queue.OutcomeRefusedException;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The caller's pages over real HTTP on the shared HTTP listener: upload, decline, cancel; and the rule at close. */
class ScreenshotPagesTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final String CALLER = "+886223456789";
    private static final int LIMIT = 64 * 1024;

    @TempDir
    Path storeDir;
    private SmsSink sms;
    private ScreenshotFixture f;

    /** Starts the desk, takes an intake choosing SMS and waits for its link; returns the request. */
    private ScreenshotRequest linkSent(DatabaseSettings db) throws Exception {
        sms = new SmsSink();
        f = new ScreenshotFixture(db, storeDir, "smtp://127.0.0.1:1", sms.uri(), LIMIT, 0);
        return linkSentTo(CALLER);
    }

    private ScreenshotRequest linkSentTo(String number) {
        long id = f.intake(number, ScreenshotChoice.SMS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.requestsOf(id).isEmpty()
                && f.requestsOf(id).get(0).state() == ScreenshotState.SENT);
        return f.requestsOf(id).get(0);
    }

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (sms != null) {
            sms.close();
        }
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theUploadPageIsPlainLabelledHtmlWithoutAnythingFromElsewhere(DatabaseSettings db) throws Exception {
        ScreenshotRequest r = linkSent(db);

        HttpResponse<String> page = f.get(f.settings.uploadLink(r.token()));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<label for=\"screenshot\">").contains("id=\"screenshot\"")
                .contains("type=\"file\"").contains("enctype=\"multipart/form-data\"")
                .contains("<button type=\"submit\">Upload screenshot</button>")
                .contains("I cannot send a screenshot").contains(f.settings.cancelLink(r.token()))
                .contains("#" + r.callbackId()).contains("64 KB");
        // No CDN, no scripts: nothing the page loads comes from another host.
        assertThat(page.body()).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("<link ");
        // No tabindex tricks: the native controls are reachable by keyboard in document order.
        assertThat(page.body()).doesNotContain("tabindex");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aBrowserUploadIsStoredLinkedToTheCallbackAndAudited(DatabaseSettings db) throws Exception {
        ScreenshotRequest r = linkSent(db);
        byte[] png = ScreenshotFixture.png(4000);

        HttpResponse<String> done = f.postMultipart(f.settings.uploadLink(r.token()), "error.png", "image/png", png);

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Thank you");
        ScreenshotRequest stored = f.requests.findByToken(r.token()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ScreenshotState.RECEIVED);
        assertThat(stored.file().contentType()).isEqualTo("image/png");
        assertThat(stored.file().sizeBytes()).isEqualTo(png.length);
        assertThat(stored.file().path()).startsWith(r.callbackId() + "/");
        assertThat(Files.readAllBytes(storeDir.resolve(stored.file().path()))).isEqualTo(png);
        List<AuditEntry> steps = f.store.history(r.callbackId()).stream()
                .filter(e -> e.action() == AuditEntry.Action.SCREENSHOT).toList();
        assertThat(steps.get(steps.size() - 1).actor()).isEqualTo(Actor.caller(CALLER));
        assertThat(steps.get(steps.size() - 1).detail()).contains("SENT → RECEIVED").contains(stored.file().path());

        // The image is for signed-in desk staff, not for whoever guesses a callback id.
        assertThat(f.getBytes(f.http.baseUrl() + "/screenshots/" + r.callbackId()).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> image = f.getBytesSignedIn(f.http.baseUrl() + "/screenshots/" + r.callbackId());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(image.body()).isEqualTo(png);

        // The page now says so, and a second upload is refused.
        assertThat(f.get(f.settings.uploadLink(r.token())).body()).contains("we have your screenshot");
        assertThat(f.post(f.settings.uploadLink(r.token()), "image/png", png).statusCode()).isEqualTo(409);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aRawImageBodyIsAcceptedAndRecognisedByItsBytesNotItsLabel(DatabaseSettings db) throws Exception {
        ScreenshotRequest r = linkSent(db);
        byte[] jpeg = ScreenshotFixture.jpeg(1000);

        HttpResponse<String> done = f.post(f.settings.uploadLink(r.token()), "application/octet-stream", jpeg);

        assertThat(done.statusCode()).isEqualTo(200);
        ScreenshotRequest stored = f.requests.findByToken(r.token()).orElseThrow();
        assertThat(stored.file().contentType()).isEqualTo("image/jpeg");
        assertThat(stored.file().path()).endsWith(".jpg");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void oversizeAndNonImageUploadsAreRefusedWithAClearMessageAndNothingStored(DatabaseSettings db) throws Exception {
        ScreenshotRequest r = linkSent(db);

        HttpResponse<String> big = f.postMultipart(f.settings.uploadLink(r.token()), "big.png", "image/png",
                ScreenshotFixture.png(LIMIT + 1));
        HttpResponse<String> bigRaw = f.post(f.settings.uploadLink(r.token()), "image/png",
                ScreenshotFixture.png(LIMIT + 1));
        HttpResponse<String> text = f.postMultipart(f.settings.uploadLink(r.token()), "error.png", "image/png",
                "Error 0x80070005: access denied".getBytes());
        HttpResponse<String> empty = f.post(f.settings.uploadLink(r.token()), "image/png", new byte[0]);
        HttpResponse<String> huge = f.postMultipart(f.settings.uploadLink(r.token()), "huge.png", "image/png",
                ScreenshotFixture.png(LIMIT * 4));

        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("larger than the limit of 64 KB");
        assertThat(bigRaw.statusCode()).isEqualTo(413);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("larger than the limit of 64 KB");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).contains("not a PNG, JPEG, GIF or WebP image");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(f.requests.findByToken(r.token()).orElseThrow().state()).isEqualTo(ScreenshotState.SENT);
        try (Stream<Path> files = Files.walk(storeDir)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(f.getBytesSignedIn(f.http.baseUrl() + "/screenshots/" + r.callbackId()).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theCallerCanDeclineOnThePageAndStillUploadLater(DatabaseSettings db) throws Exception {
        ScreenshotRequest r = linkSent(db);

        HttpResponse<String> declined = f.postForm(f.settings.uploadLink(r.token()) + "/decline");

        assertThat(declined.statusCode()).isEqualTo(200);
        assertThat(declined.body()).contains("without a screenshot");
        assertThat(f.requests.findByToken(r.token()).orElseThrow().state()).isEqualTo(ScreenshotState.DECLINED);
        assertThat(f.store.history(r.callbackId())).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT)
                .last().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(Actor.caller(CALLER));
                    assertThat(e.detail()).contains("SENT → DECLINED");
                });
        assertThat(f.get(f.settings.uploadLink(r.token())).body()).contains("You can still upload one");
        assertThat(f.post(f.settings.uploadLink(r.token()), "image/png", ScreenshotFixture.png(100)).statusCode())
                .isEqualTo(200);
        assertThat(f.requests.findByToken(r.token()).orElseThrow().state()).isEqualTo(ScreenshotState.RECEIVED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theCancelLinkCancelsThroughTheAuditedTransitionAndUnschedulesTheAttempt(DatabaseSettings db) throws Exception {
        ScreenshotRequest r = linkSent(db);
        assertThat(f.scheduler.scheduled(r.callbackId())).isPresent();

        HttpResponse<String> confirm = f.get(f.settings.cancelLink(r.token()));
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Yes, cancel my callback").contains("method=\"post\"");
        // Looking at the page changes nothing.
        assertThat(f.store.find(r.callbackId()).orElseThrow().state()).isEqualTo(CallbackState.SCHEDULED);

        HttpResponse<String> cancelled = f.postForm(f.settings.cancelLink(r.token()));

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("is cancelled");
        assertThat(f.store.find(r.callbackId()).orElseThrow().state()).isEqualTo(CallbackState.CANCELLED);
        AuditEntry last = f.store.history(r.callbackId()).get(f.store.history(r.callbackId()).size() - 1);
        assertThat(last.action()).isEqualTo(AuditEntry.Action.TRANSITION);
        assertThat(last.actor()).isEqualTo(Actor.caller(CALLER));
        assertThat(last.oldState()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(last.why()).contains("link");
        assertThat(f.scheduler.scheduled(r.callbackId())).isEmpty();
        // The callback is closed: both links have expired.
        assertThat(f.get(f.settings.cancelLink(r.token())).statusCode()).isEqualTo(404);
        assertThat(f.get(f.settings.uploadLink(r.token())).statusCode()).isEqualTo(404);
        assertThat(f.post(f.settings.uploadLink(r.token()), "image/png", ScreenshotFixture.png(100)).statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void thePagesAndTheRestApiShareTheOneListener(DatabaseSettings db) throws Exception {
        ScreenshotRequest r = linkSent(db);

        assertThat(f.get(f.settings.uploadLink(r.token())).statusCode()).isEqualTo(200);
        assertThat(f.get(f.settings.cancelLink(r.token())).statusCode()).isEqualTo(200);
        // The REST API answers on the same port (not logged in: 401), so neither hides the other.
        assertThat(f.get(f.http.baseUrl() + "/api/me").statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void unknownTokensAndPathsGetA404Page(DatabaseSettings db) throws Exception {
        linkSent(db);
        String base = f.http.baseUrl();

        for (String path : List.of("/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "/s/%3Cscript%3E")) {
            HttpResponse<String> r = f.get(base + path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).contains("unknown or has expired").doesNotContain("<script>");
        }
        assertThat(f.getBytesSignedIn(base + "/screenshots/999").statusCode()).isEqualTo(404);
        assertThat(f.getBytes(base + "/screenshots/999").statusCode()).isEqualTo(401);
        assertThat(f.postForm(base + "/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode()).isEqualTo(404);
        assertThat(f.get(base + "/s/").statusCode()).isEqualTo(404);
        assertThat(f.get(base + "/s/a/b/c").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aMandarinSpeakingCallerReadsTheSmsAndThePagesInMandarin(DatabaseSettings db) throws Exception {
        sms = new SmsSink();
        f = new ScreenshotFixture(db, storeDir, "smtp://127.0.0.1:1", sms.uri(), LIMIT, 0);
        long id = f.intake(CALLER, ScreenshotChoice.SMS, "zh-TW");
        await().atMost(Duration.ofSeconds(10)).until(() -> sms.received().size() == 1);
        ScreenshotRequest r = f.requestsOf(id).get(0);

        assertThat(sms.received().get(0).get("text")).contains("請上傳問題畫面的截圖")
                .contains(f.settings.uploadLink(r.token())).contains(f.settings.cancelLink(r.token()));
        HttpResponse<String> page = f.get(f.settings.uploadLink(r.token()));
        assertThat(page.body()).contains("<html lang=\"zh-Hant-TW\">").contains("截圖檔案").contains("上傳截圖")
                .contains("我無法提供截圖").contains("64 KB");
        assertThat(f.get(f.settings.cancelLink(r.token())).body()).contains("是，取消我的回電");
        assertThat(f.postForm(f.settings.uploadLink(r.token()) + "/decline").body()).contains("沒有截圖");
    }

    @Test
    void everyLanguageHasEveryText() {
        ScreenshotTexts texts = ScreenshotTexts.loadDefault();
        for (String language : ScreenshotTexts.LANGUAGES) {
            assertThat(texts.missingKeys(language)).as(language).isEmpty();
            assertThat(texts.in(language).get("sms.text", 1234, "U", "C")).as(language)
                    .contains("1234").contains("U").contains("C");
        }
        assertThat(texts.in("xx").language()).isEqualTo("en");
        assertThat(texts.in(null).get("upload.title")).isEqualTo("Send us a screenshot");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void resolvedIsRefusedWithoutTheStepAndAcceptedAfterAnUploadOrADecline(DatabaseSettings db) throws Exception {
        ScreenshotRequest uploads = linkSent(db);
        ScreenshotRequest declines = linkSentTo("+886223456790");
        ScreenshotFixture.Consultants desk = f.consultants();
        Actor alice = Actor.consultant("alice");

        desk.connect(f.store, uploads.callbackId());
        assertThatThrownBy(() -> desk.outcomes().record(uploads.callbackId(), alice, Outcome.resolved(), null))
                .isInstanceOfSatisfying(OutcomeRefusedException.class, e ->
                        assertThat(e.rule()).isEqualTo(OutcomeRefusedException.Rule.SCREENSHOT_BEFORE_RESOLVED))
                .hasMessageContaining("the link was sent but nothing has come back");
        assertThat(f.store.find(uploads.callbackId()).orElseThrow().state()).isEqualTo(CallbackState.CONNECTED);
        assertThat(f.postMultipart(f.settings.uploadLink(uploads.token()), "s.png", "image/png",
                ScreenshotFixture.png(500)).statusCode()).isEqualTo(200);
        assertThat(desk.outcomes().record(uploads.callbackId(), alice, Outcome.resolved(), null).callback().state())
                .isEqualTo(CallbackState.RESOLVED);

        desk.connect(f.store, declines.callbackId());
        assertThatThrownBy(() -> desk.outcomes().record(declines.callbackId(), alice, Outcome.resolved(), null))
                .isInstanceOf(OutcomeRefusedException.class);
        // During the call the caller says they cannot: the page's decline records the step.
        assertThat(f.postForm(f.settings.uploadLink(declines.token()) + "/decline").statusCode()).isEqualTo(200);
        assertThat(desk.outcomes().record(declines.callbackId(), alice, Outcome.resolved(), null).callback().state())
                .isEqualTo(CallbackState.RESOLVED);
    }
}
