package com.callbackdesk.http.pages;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.routes.screenshot.ScreenshotSettings;
import com.callbackdesk.routes.screenshot.ScreenshotTexts;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Every caller page rendered without HTTP: status, language, the links' tokens, and nothing left unescaped. */
class CallerPagesTest {

    private static final String TOKEN = "tok_ABCDEFGHIJKLMNOP";
    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private static final ScreenshotSettings SETTINGS = new ScreenshotSettings("https://desk.example.com",
            "smtp://127.0.0.1:1", "desk@example.com", "http://127.0.0.1:1/sms", Path.of("shots"), 64 * 1024, 0,
            Duration.ofMillis(20));

    private final CallerPages pages = new CallerPages(SETTINGS, ScreenshotTexts.loadDefault(), new PageTemplates());

    private static LinkTarget target(String language, String product) {
        Callback cb = new Callback(42, CallbackState.SCHEDULED, "+886223456789", "+886223456789",
                NumberSource.CALLER_ID, language, product, "ERROR_MESSAGE", Urgency.NORMAL, null,
                ScreenshotChoice.SMS, EscalationLevel.NORMAL, "1.1", NOW, NOW, 0, null, null, 1);
        ScreenshotRequest r = new ScreenshotRequest(7, 42, ScreenshotChannel.SMS, TOKEN, ScreenshotState.SENT, NOW, NOW,
                null, null, null, null, null, "system:test", "+886223456789", null);
        return new LinkTarget(r, cb);
    }

    @Test
    void theUploadFormKeepsItsFieldsAndLinks() {
        PageResponse page = pages.uploadForm(target("en", "ROUTER"), false);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat((String) page.body()).contains("<html lang=\"en\">")
                .contains("<title>Send us a screenshot — Callback Desk</title>")
                .contains("<form method=\"post\" action=\"https://desk.example.com/s/" + TOKEN
                        + "\" enctype=\"multipart/form-data\">")
                .contains("<label for=\"screenshot\">Screenshot file</label>")
                .contains("<input id=\"screenshot\" name=\"screenshot\" type=\"file\" required")
                .contains("<p id=\"limits\">PNG, JPEG, GIF or WebP; at most 64 KB.</p>")
                .contains("<form method=\"post\" action=\"https://desk.example.com/s/" + TOKEN + "/decline\">")
                .contains("<a href=\"https://desk.example.com/c/" + TOKEN + "\">Cancel the callback</a>")
                .contains("Callback #42").doesNotContain("role=\"status\"");
        assertThat((String) pages.uploadForm(target("en", "ROUTER"), true).body())
                .contains("<p role=\"status\">You told us you cannot send a screenshot.");
    }

    @Test
    void everyPageIsAWholePageInTheCallersLanguageWithItsStatus() {
        List<Function<LinkTarget, PageResponse>> all = List.of(t -> pages.uploadForm(t, false), pages::alreadyHaveIt,
                pages::received, pages::alreadyReceived, pages::tooLarge, pages::noFile, pages::notImage,
                pages::declined, pages::cancelConfirm, pages::cancelled, pages::beingHandled);
        List<Integer> statuses = List.of(200, 200, 200, 409, 413, 400, 415, 200, 200, 200, 409);
        for (int i = 0; i < all.size(); i++) {
            PageResponse en = all.get(i).apply(target("en", "ROUTER"));
            PageResponse zh = all.get(i).apply(target("zh-TW", "ROUTER"));
            assertThat(en.status()).as("page %d", i).isEqualTo(statuses.get(i)).isEqualTo(zh.status());
            assertThat((String) en.body()).as("page %d", i).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                    .contains("— Callback Desk</title>").doesNotContain("{{");
            assertThat((String) zh.body()).as("page %d", i).startsWith("<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">")
                    .doesNotContain("{{");
        }
    }

    @Test
    void whatTheDeskStoredIsShownAsTextNotMarkup() {
        String body = (String) pages.cancelConfirm(target("en", "<script>alert(1)</script>")).body();

        assertThat(body).contains("(&lt;script&gt;alert(1)&lt;/script&gt;, An error message appears)").doesNotContain("<script>")
                .contains("<form method=\"post\" action=\"https://desk.example.com/c/" + TOKEN + "\">")
                .contains("<button type=\"submit\">Yes, cancel my callback</button>");
    }

    @Test
    void theCancelQuestionNamesProductAndProblemInWordsInTheCallersLanguage() {
        String en = (String) pages.cancelConfirm(target("en", "NAS")).body();
        String zh = (String) pages.cancelConfirm(target("zh-TW", "NAS")).body();

        assertThat(en).contains("(Network storage, An error message appears)").doesNotContain("NAS").doesNotContain("ERROR_MESSAGE");
        assertThat(zh).contains("（網路儲存裝置，出現錯誤訊息）").doesNotContain("NAS").doesNotContain("ERROR_MESSAGE");
    }

    @Test
    void everyPageOffersTheOtherLanguageAndAChoiceOnThePageWins() {
        LinkTarget chinese = new LinkTarget(target("en", "ROUTER").request(), target("en", "ROUTER").callback(), "zh-TW");
        String zh = (String) pages.uploadForm(chinese, false).body();
        assertThat(zh).startsWith("<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">")
                .contains("<a href=\"https://desk.example.com/s/" + TOKEN + "?lang=en\" lang=\"en\" hreflang=\"en\">English</a>");
        assertThat((String) pages.cancelConfirm(target("en", "ROUTER")).body())
                .contains("<a href=\"https://desk.example.com/c/" + TOKEN + "?lang=zh-TW\" lang=\"zh-Hant-TW\" hreflang=\"zh-Hant-TW\">中文</a>");
        assertThat((String) pages.cancelled(target("en", "ROUTER")).body()).doesNotContain("?lang=");
    }

    @Test
    void thePageLanguageIsThePickedOneThenTheRememberedThenTheBrowsersThenTheIntakeOne() {
        org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
        java.util.function.Function<Map<String, String>, String> lang = headers -> {
            org.apache.camel.support.DefaultMessage m = new org.apache.camel.support.DefaultMessage(camel);
            headers.forEach(m::setHeader);
            return PageLanguage.of(m, "en");
        };
        assertThat(lang.apply(Map.of())).isEqualTo("en");
        assertThat(lang.apply(Map.of("Accept-Language", "zh-TW,zh;q=0.9,en;q=0.5"))).isEqualTo("zh-TW");
        assertThat(lang.apply(Map.of("Accept-Language", "de-DE"))).isEqualTo("en");
        assertThat(lang.apply(Map.of("Accept-Language", "zh-TW", "Cookie", "a=b; callbackDeskLang=en"))).isEqualTo("en");
        assertThat(lang.apply(Map.of("Cookie", "callbackDeskLang=en", "CamelHttpQuery", "x=1&lang=zh-TW"))).isEqualTo("zh-TW");
        assertThat(PageLanguage.cookie("zh-TW")).startsWith("callbackDeskLang=zh-TW; Path=/;");
    }

    @Test
    void thePagesWithoutACallbackAreBilingual() {
        assertThat(pages.notFound().status()).isEqualTo(404);
        assertThat((String) pages.notFound().body()).contains("<h1>Link not found / 找不到連結</h1>")
                .contains("unknown or has expired").contains("<p lang=\"zh-Hant-TW\">此連結無效");
        assertThat(pages.methodNotAllowed("GET, POST").status()).isEqualTo(405);
        assertThat((String) pages.methodNotAllowed("GET, POST").body()).contains("<p>This page accepts GET, POST only.</p>");
        assertThat(pages.error().status()).isEqualTo(500);
        assertThat((String) pages.error().body()).contains("Something went wrong / 系統發生錯誤");
    }

    @Test
    void theLimitReadsAsCallersWriteIt() {
        assertThat(CallerPages.human(64 * 1024)).isEqualTo("64 KB");
        assertThat(CallerPages.human(10L * 1024 * 1024)).isEqualTo("10 MB");
        assertThat(CallerPages.human(1000)).isEqualTo("1000 bytes");
    }
}
