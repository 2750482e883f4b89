package com.callbackdesk.app.console;

import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import com.callbackdesk.survey.SurveyState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page and the caller's pages, at 1280 px, in English and in Traditional Chinese
 * (the browser's language; then switched with the visible toggle, and remembered): no code of
 * the desk is visible anywhere (the set comes from the Java enums, the IVR menus and the label
 * table), the queue table fits its card, chart labels do not overlap, the queue-depth chart stops
 * at now, audit times are office times without "null →", and a BUSY or NO_ANSWER the dialer
 * records on the held callback says what happened and when the next try is.
 */
class ConsoleInBothLanguagesBrowserTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final ZoneId OFFICE = ZoneId.of("Asia/Taipei");
    private static final Set<String> CODES = ShownCodes.all();

    private CallbackDesk desk;
    private final List<ConsoleBrowser> browsers = new ArrayList<>();
    private final List<Long> queued = new ArrayList<>();
    private String token;

    @AfterEach
    void stop() {
        browsers.forEach(ConsoleBrowser::close);
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void noCodeIsVisibleOnAnyPageInEitherLanguageAndTheLayoutHoldsAt1280px() throws Exception {
        DatabaseSettings db = TestDatabases.h2();
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort();
        desk = CallbackDesk.start(config, CLOCK);
        seed();

        walkEveryPage("en-US", "en", "Callback queue", "Busy", "next try", OutcomeCode.BUSY);
        walkEveryPage("zh-TW", "zh-Hant-TW", "回電佇列", "忙線", "下次嘗試", OutcomeCode.BUSY);
    }

    private void walkEveryPage(String browserLanguage, String htmlLang, String queueTitle, String busy, String nextTry,
                               OutcomeCode lineOutcome) {
        ConsoleBrowser b = new ConsoleBrowser(desk.http().baseUrl(), browserLanguage);
        browsers.add(b);
        String tag = browserLanguage.substring(0, 2);
        JavascriptExecutor js = (JavascriptExecutor) b.driver;

        // The login page is already in the browser's language.
        b.open("/console/");
        b.visible(By.id("login-login")).sendKeys("sue");
        assertThat(js.executeScript("return document.documentElement.lang")).isEqualTo(htmlLang);
        b.assertNoCodeVisible(CODES, tag + " login");
        b.driver.findElement(By.id("login-password")).sendKeys("sue-secret-1", Keys.ENTER);

        // The queue: every waiting callback, labelled, fitting its card.
        b.textIn(By.cssSelector("#view-queue h2"), queueTitle);
        b.waiting(Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("#queue-table tr[data-callback-id]")).size() >= 4);
        b.assertFits("#queue-table");
        b.assertNoCodeVisible(CODES, tag + " queue");
        b.screenshot("languages-" + tag + "-queue");

        // Claim one; the dialer reports the line busy: the card goes, and says what happened and what is next.
        b.driver.findElement(By.id("claim-next")).click();
        b.visible(By.id("held-facts"));
        long held = desk.queue().currentClaim("sue").orElseThrow().callbackId();
        b.assertNoCodeVisible(CODES, tag + " held callback");
        b.assertFits("#view-queue .card");
        desk.outcomes().startDialing(held, Actor.consultant("sue"), null);
        desk.outcomes().record(held, Actor.system("dialer"), Outcome.of(lineOutcome), null);
        String said = b.textIn(By.id("last-action"), nextTry).getText();
        assertThat(said).contains(busy).contains("#" + held);
        b.textIn(By.id("held"), tag.equals("en") ? "You hold no callback" : "您目前沒有認領回電");
        b.assertNoCodeVisible(CODES, tag + " after the dialer's outcome");
        b.screenshot("languages-" + tag + "-outcome");

        // Held and waiting.
        b.driver.findElement(By.cssSelector("#nav a[href='#assign']")).click();
        b.waiting(Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("#assign-table tr[data-callback-id]")).size() >= 3);
        b.assertFits("#assign-table");
        b.assertNoCodeVisible(CODES, tag + " assign");

        // The roster.
        b.driver.findElement(By.cssSelector("#nav a[href='#roster']")).click();
        b.waiting(Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("#roster-table tr[data-login]")).size() >= 2);
        b.assertFits("#roster-table");
        b.assertNoCodeVisible(CODES, tag + " roster");
        b.screenshot("languages-" + tag + "-roster");

        // Retry policy.
        b.driver.findElement(By.cssSelector("#nav a[href='#policy']")).click();
        b.waiting(Duration.ofSeconds(15)).until(d -> !d.findElement(By.id("pol-minimumGap")).getAttribute("value").isEmpty());
        b.waiting(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("policy-history-table")).isEmpty());
        b.assertNoCodeVisible(CODES, tag + " policy");

        // Dashboard: labels readable, the depth line stops at the current office hour.
        b.driver.findElement(By.cssSelector("#nav a[href='#dashboard']")).click();
        b.visible(By.cssSelector("#dash-volume svg"));
        b.visible(By.cssSelector("#dash-depth svg"));
        b.assertNoCodeVisible(CODES, tag + " dashboard");
        b.assertNoOverlap("#dash-volume svg text[data-label]");
        b.assertNoOverlap("#dash-depth svg text[data-label]");
        b.assertFits("figure.chart svg");
        int hourNow = ZonedDateTime.now(CLOCK.withZone(OFFICE)).getHour();
        for (Object d : (List<?>) js.executeScript(
                "return [...document.querySelectorAll('#dash-depth path[data-series]')].map(p => p.getAttribute('d'))")) {
            long points = String.valueOf(d).chars().filter(c -> c == 'M' || c == 'L').count();
            assertThat(points).as("queue depth drawn for the hours so far only").isLessThanOrEqualTo(hourNow + 1);
        }
        b.screenshot("languages-" + tag + "-dashboard");

        // Audit log: callback transitions (a first state has no "from"), then the consultants' trail.
        b.driver.findElement(By.cssSelector("#nav a[href='#audit']")).click();
        String audit = b.textIn(By.id("audit-table"), "#" + held).getText();
        assertThat(audit).doesNotContain("null").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}")
                .doesNotContain("—  →").doesNotContain("— →");
        b.assertFits("#audit-table");
        b.assertNoCodeVisible(CODES, tag + " audit, callbacks");
        new Select(b.driver.findElement(By.id("audit-source"))).selectByValue("consultant");
        b.driver.findElement(By.id("audit-search")).click();
        b.textIn(By.id("audit-table"), "sue");
        b.assertNoCodeVisible(CODES, tag + " audit, consultants");
        b.screenshot("languages-" + tag + "-audit");

        // The caller's pages: in the browser's language, product and problem in words, and a switch to the other.
        b.open("/c/" + token);
        assertThat(js.executeScript("return document.documentElement.lang")).isEqualTo(htmlLang);
        b.assertNoCodeVisible(CODES, tag + " cancel page");
        b.open("/s/" + token);
        b.assertNoCodeVisible(CODES, tag + " upload page");
        b.driver.findElement(By.cssSelector("nav.lang a")).click();
        String other = htmlLang.equals("en") ? "zh-Hant-TW" : "en";
        b.waiting(Duration.ofSeconds(10)).until(d -> other.equals(js.executeScript("return document.documentElement.lang")));
        b.assertNoCodeVisible(CODES, tag + " upload page, switched");
        b.open("/c/" + token);
        assertThat(js.executeScript("return document.documentElement.lang")).as("the choice is remembered").isEqualTo(other);

        // The console's switch: the other language, remembered over a reload.
        b.open("/console/#queue");
        b.visible(By.id("lang-switch")).click();
        b.waiting(Duration.ofSeconds(10)).until(d -> other.equals(js.executeScript("return document.documentElement.lang")));
        b.driver.navigate().refresh();
        b.waiting(Duration.ofSeconds(10)).until(d -> other.equals(js.executeScript("return document.documentElement.lang")));
        b.waiting(Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("#queue-table tr[data-callback-id]")).size() >= 2);
        b.assertNoCodeVisible(CODES, tag + " queue, switched");
        b.screenshot("languages-" + tag + "-switched");
    }

    /** A supervisor who is a consultant too, callbacks of every product and problem, surveys and answered calls. */
    private void seed() {
        Actor test = Actor.system("test");
        desk.consultants().add(new ConsultantProfile("sue", "Sue Lin", "IN_HOUSE", Set.of("ROUTER", "NAS", "CAMERA", "ACCOUNT_APP"),
                "PJSIP/sue", true), Actor.supervisor("sam"), "hired");
        desk.consultants().add(new ConsultantProfile("oscar", "Oscar", "OUTSOURCED", Set.of("ROUTER"), "PJSIP/oscar", false),
                Actor.supervisor("sam"), "hired");
        desk.consultants().setState("sue", ConsultantState.AVAILABLE, Actor.consultant("sue"), "logged in");
        new UserAccounts(desk.database(), CLOCK).create("sue", "Sue Lin", Role.SUPERVISOR, "sue",
                "sue-secret-1".toCharArray(), test, "test supervisor");
        String[][] seed = {
                {"+886223456701", "zh-TW", "ROUTER", "ERROR_MESSAGE", "URGENT", "SMS"},
                {"+886223456702", "en", "NAS", "SETUP_HELP", "NORMAL", "EMAIL"},
                {"+886223456703", "en", "CAMERA", "BILLING", "NORMAL", "NOT_NEEDED"},
                {"+886223456704", "zh-TW", "ACCOUNT_APP", "CANNOT_CONNECT", "NORMAL", "NOT_NEEDED"},
                {"+12125550123", "en", "ROUTER", "CANNOT_CONNECT", "NORMAL", "NOT_NEEDED"},
                {"+886223456706", "en", "NAS", "ERROR_MESSAGE", "NORMAL", "DECLINED"}};
        int n = 0;
        for (String[] s : seed) {
            n++;
            long id = desk.store().intakes().record(new NewCallback("1700000100." + n, "PJSIP/trunk-" + n, s[0], s[0],
                    NumberSource.CALLER_ID, s[1], s[2], s[3], Urgency.valueOf(s[4]), null, ScreenshotChoice.valueOf(s[5]),
                    CLOCK.instant()), Actor.system("test intake")).callback().id();
            desk.store().lifecycle().transition(id, CallbackState.PENDING, CallbackState.QUEUED, test, "attempt fired");
            queued.add(id);
        }
        desk.store().lifecycle().update(queued.get(1), CallbackChange.none().escalationLevel(EscalationLevel.REPEAT_OR_DISSATISFIED),
                test, "asked twice");
        // The caller pages' link: a screenshot request on the callback about the camera bill.
        token = desk.screenshots().request(queued.get(2), ScreenshotChannel.SMS, test).token();
        desk.surveys().record(queued.get(3), "oscar", SurveyState.COMPLETED, 4, null, "1700000200.1");
        desk.surveys().record(queued.get(4), "sue", SurveyState.HUNG_UP_BEFORE_SCORING, null, null, "1700000200.2");
    }
}
