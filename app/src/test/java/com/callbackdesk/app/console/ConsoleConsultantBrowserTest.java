package com.callbackdesk.app.console;

import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.pbxsim.AmiServer;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.ConsultantPersona;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static com.callbackdesk.pbxsim.CallerPersona.press;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consultant in a real headless Chromium against a real desk (H2, FastAGI intake from pbx-sim,
 * Quartz, the AMI dialer against pbx-sim): the callback appears in the live queue without a
 * reload, with its deadline and the at-risk warning; claim next; Dial (pbx-sim answers) and the
 * call state follows (after releasing it with a reason and claiming it again); "resolved" is refused plainly because the screenshot step is missing; a
 * note and another outcome are recorded — all as the same audited transitions the API uses.
 */
class ConsoleConsultantBrowserTest {

    /** 10:00 in Taipei on a Tuesday; the desk's clock runs from there (Quartz fires on the real clock: at once). */
    private static final Instant OFFICE_MORNING = Instant.parse("2026-11-24T02:00:00Z");
    private static final String CUSTOMER = "+886223456789";

    private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), OFFICE_MORNING));
    private CallbackDesk desk;
    private SimulatedPbx pbx;
    private ConsoleBrowser browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (desk != null) {
            desk.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    @Test
    void aConsultantClaimsDialsIsRefusedWithoutTheScreenshotAndRecordsAnOutcome() throws Exception {
        DatabaseSettings db = TestDatabases.h2();
        int fastAgi = HttpSettings.freePort();
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + fastAgi)));
        AmiServer ami = pbx.startAmi(0);
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = fastAgi;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort();   // never a fixed port in tests
        config.scheduling.misfireThresholdSeconds = 1;
        config.ami.port = ami.port();
        config.ami.responseTimeoutSeconds = 2;
        config.ami.pingIntervalSeconds = 1;
        desk = CallbackDesk.start(config, clock);
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.dialer().orElseThrow().connected());

        desk.consultants().add(new ConsultantProfile("alice", "Alice Chen", "IN_HOUSE", Set.of("ROUTER"), "PJSIP/alice",
                false), Actor.supervisor("sam"), "hired");
        desk.consultants().setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        new UserAccounts(desk.database(), clock).create("alice", "Alice Chen", Role.CONSULTANT, "alice",
                "alice-secret-1".toCharArray(), Actor.system("test"), "test consultant");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofMinutes(4)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(2)).then(press("4"), press("#")).build());

        // Alice logs in (keyboard only) and sees an empty queue.
        browser = new ConsoleBrowser(desk.http().baseUrl());
        browser.open("/console/");
        browser.visible(By.id("login-login")).sendKeys("alice", Keys.TAB);
        browser.driver.switchTo().activeElement().sendKeys("alice-secret-1", Keys.ENTER);
        browser.textIn(By.id("queue-table"), "Nobody is waiting");
        assertThat(browser.driver.findElement(By.id("who-name")).getText()).contains("Alice Chen");

        // A caller leaves a request over FastAGI: English, this number, router, an error message (needs a
        // screen), normal, reachable until 10:55, the screenshot link by SMS. Quartz queues it; the page
        // shows it without a reload, with the deadline and the at-risk warning (55 min < 2 x 30 min lead).
        CallRecord intake = pbx.call(CallerPersona.named("mei").callerId(CUSTOMER).callerIdName("Mei")
                .press("1").press("1").press("1").press("2").press("1").press("1055").press("1").build());
        long id = Long.parseLong(intake.finalVariables().get("CALLBACK_ID"));
        await().atMost(Duration.ofSeconds(20)).until(() -> desk.store().find(id).orElseThrow().state() == CallbackState.QUEUED);
        By row = By.cssSelector("#queue-table tr[data-callback-id='" + id + "']");
        WebElement queued = browser.visible(row);
        assertThat(queued.getText()).contains("Home and office routers").contains("An error message appears").contains(CUSTOMER)
                .doesNotContain("ROUTER").doesNotContain("ERROR_MESSAGE");
        assertThat(queued.getAttribute("data-at-risk")).isEqualTo("true");
        assertThat(queued.getText()).contains("at risk");
        assertThat(browser.driver.findElement(By.id("queue-depth")).getText()).isEqualTo("1");
        browser.screenshot("consultant-queue");

        // Claim next: the details, and the row leaves the live queue.
        browser.driver.findElement(By.id("claim-next")).sendKeys(Keys.ENTER);
        WebElement facts = browser.textIn(By.id("held-facts"), "An error message appears");
        assertThat(facts.getText()).contains("Home and office routers").contains("10:55").contains(CUSTOMER).contains("deadline at risk");
        assertThat(browser.textIn(By.id("call-state"), "Claimed").getText()).contains("not dialed yet");
        // The link went out by SMS after the commit (or is on its way): asked for, not received.
        assertThat(browser.driver.findElement(By.id("screenshot-state")).getAttribute("data-state")).isIn("REQUESTED", "SENT");
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(row).isEmpty());
        assertThat(desk.queue().currentClaim("alice")).get().extracting(c -> c.callbackId()).isEqualTo(id);
        assertThat(browser.assertEveryControlLabelled()).isGreaterThan(10);
        browser.screenshot("consultant-claimed");

        // Release: a reason is required (said next to the field); then it is back in the queue, audited.
        WebElement releaseWhy = browser.driver.findElement(By.id("release-why"));
        assertThat(browser.labelOf(releaseWhy)).isEqualTo("Why");
        browser.driver.findElement(By.id("release")).sendKeys(Keys.ENTER);
        assertThat(browser.textIn(By.id("release-why-error"), "Why").getText()).contains("give it back");
        assertThat(desk.store().find(id).orElseThrow().state()).isEqualTo(CallbackState.CLAIMED);
        releaseWhy.sendKeys("need to step away for ten minutes", Keys.ENTER);
        browser.textIn(By.id("last-action"), "Released: callback #" + id);
        browser.visible(row);
        browser.textIn(By.id("held"), "You hold no callback");
        assertThat(desk.store().find(id).orElseThrow().state()).isEqualTo(CallbackState.QUEUED);
        assertThat(desk.store().history(id)).filteredOn(e -> e.newState() == CallbackState.QUEUED)
                .extracting(AuditEntry::why).contains("need to step away for ten minutes");
        browser.screenshot("consultant-released");
        // ... and claims it again to work it.
        browser.driver.findElement(By.id("claim-next")).sendKeys(Keys.ENTER);
        browser.textIn(By.id("call-state"), "Claimed");
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(row).isEmpty());

        // Dial: AMI Originate to pbx-sim, which rings alice, then the customer; both answer.
        browser.driver.findElement(By.id("dial")).click();
        assertThat(browser.textIn(By.id("dial-message"), "ActionID").getText()).contains("cb-" + id + "-1");
        browser.waiting(Duration.ofSeconds(20)).until(d -> "CONNECTED".equals(
                d.findElement(By.id("call-state")).getAttribute("data-state")));
        assertThat(browser.driver.findElement(By.id("call-state")).getText()).contains("Connected");
        browser.screenshot("consultant-connected");

        // "Resolved" without the screenshot: refused, plainly, and nothing changed.
        WebElement resolved = browser.driver.findElement(By.id("outcome-RESOLVED"));
        resolved.sendKeys(Keys.SPACE);
        assertThat(resolved.isSelected()).isTrue();
        browser.driver.findElement(By.id("outcome-submit")).sendKeys(Keys.ENTER);
        WebElement refusal = browser.textIn(By.id("outcome-refusal"), "Refused by a desk rule");
        assertThat(refusal.getAttribute("data-rule")).isEqualTo("SCREENSHOT_BEFORE_RESOLVED");
        assertThat(refusal.getText()).contains("Screenshot first").doesNotContain("SCREENSHOT_BEFORE_RESOLVED")
                .containsIgnoringCase("screenshot").contains("send the link again").doesNotContain("story");
        assertThat(desk.store().find(id).orElseThrow().state()).isEqualTo(CallbackState.CONNECTED);
        browser.screenshot("consultant-refused");

        // A note, then "left for the day": recorded, and the next attempt planned.
        WebElement note = browser.driver.findElement(By.id("note-body"));
        assertThat(browser.labelOf(note)).isEqualTo("New note");
        note.sendKeys("colleague says she left early today");
        browser.driver.findElement(By.id("note-add")).click();
        browser.textIn(By.id("notes-list"), "colleague says she left early today");

        // The caller's e-mail address: a bad one is refused naming the field and nothing is stored;
        // a good one is kept for this number through CallerContacts and shown in the details.
        CallerContacts contacts = new CallerContacts(desk.database(), clock);
        assertThat(browser.driver.findElement(By.id("held-email")).getText()).isEqualTo("—");
        WebElement email = browser.driver.findElement(By.id("email-address"));
        assertThat(browser.labelOf(email)).isEqualTo("Caller e-mail");
        assertThat(browser.labelOf(browser.driver.findElement(By.id("email-why")))).isEqualTo("Why");
        email.sendKeys("mei at example");
        browser.driver.findElement(By.id("email-why")).sendKeys("she spelled it out");
        browser.driver.findElement(By.id("email-save")).click();
        assertThat(browser.textIn(By.id("email-address-error"), "email").getText()).contains("not an e-mail address");
        assertThat(email.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(contacts.emailOf(CUSTOMER)).isEmpty();
        email.clear();
        email.sendKeys("Mei@Example.COM", Keys.ENTER);
        assertThat(browser.textIn(By.id("email-message"), "Saved").getText()).contains("Mei@example.com").contains(CUSTOMER);
        browser.textIn(By.id("held-email"), "Mei@example.com");
        assertThat(contacts.emailOf(CUSTOMER)).contains("Mei@example.com");
        assertThat(browser.driver.findElement(By.id("email-address-error")).getText()).isEmpty();
        browser.screenshot("consultant-email");

        // The screenshot step from the card: the link again by e-mail (at most once a minute: the
        // intake's link or this one makes the next click "too soon"), then recorded as received by
        // other means with a reason — the state label follows.
        new org.openqa.selenium.support.ui.Select(browser.driver.findElement(By.id("screenshot-channel")))
                .selectByValue("EMAIL");
        WebElement resend = browser.driver.findElement(By.id("screenshot-resend"));
        resend.click();
        browser.waiting(Duration.ofSeconds(10)).until(d -> !d.findElement(By.id("screenshot-message")).getText().isEmpty());
        if (!browser.driver.findElement(By.id("screenshot-message")).getText().startsWith("Too soon")) {
            assertThat(browser.driver.findElement(By.id("screenshot-message")).getText()).contains("on its way by E-mail");
            assertThat(desk.store().history(id)).filteredOn(e -> e.actor().equals(Actor.consultant("alice")))
                    .extracting(AuditEntry::why).contains("screenshot link requested via EMAIL");
            browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("screenshot-resend")).isEnabled());
            resend.click();
        }
        assertThat(browser.textIn(By.id("screenshot-message"), "Too soon").getText()).contains("wait");
        browser.driver.findElement(By.id("screenshot-record")).click();
        browser.textIn(By.id("screenshot-outcome-error"), "choose one");
        browser.driver.findElement(By.id("screenshot-RECEIVED_OTHER_MEANS")).sendKeys(Keys.SPACE);
        browser.driver.findElement(By.id("screenshot-record")).click();
        browser.textIn(By.id("screenshot-reason-error"), "Reason");
        assertThat(desk.desk().screenshots().completions(id)).isEmpty();
        browser.driver.findElement(By.id("screenshot-reason")).sendKeys("she e-mailed it to alice");
        browser.driver.findElement(By.id("screenshot-record")).click();
        browser.textIn(By.id("screenshot-message"), "Recorded: Received by other means");
        browser.waiting(Duration.ofSeconds(10)).until(d -> "RECEIVED_OTHER_MEANS".equals(
                d.findElement(By.id("screenshot-state")).getAttribute("data-state")));
        assertThat(browser.driver.findElement(By.id("screenshot-state")).getText()).contains("Received by other means");
        browser.textIn(By.id("held-screenshot"), "she e-mailed it to alice");
        assertThat(desk.store().history(id)).filteredOn(e -> e.action() == AuditEntry.Action.SCREENSHOT)
                .extracting(AuditEntry::why).contains("screenshot received by other means: she e-mailed it to alice");
        browser.screenshot("consultant-screenshot-step");
        browser.driver.findElement(By.id("outcome-LEFT_FOR_THE_DAY")).sendKeys(Keys.SPACE);
        browser.driver.findElement(By.id("outcome-note")).sendKeys("try tomorrow morning");
        browser.driver.findElement(By.id("outcome-submit")).click();
        WebElement done = browser.textIn(By.id("last-action"), "Recorded. Left for the day");
        assertThat(done.getText()).contains("next try").doesNotContain("LEFT_FOR_THE_DAY");
        browser.screenshot("consultant-outcome");

        // planned for the next business morning, which is already past on Quartz's real clock: it may be queued again
        assertThat(desk.store().find(id).orElseThrow().state())
                .isIn(CallbackState.PENDING, CallbackState.SCHEDULED, CallbackState.QUEUED);
        assertThat(desk.store().history(id)).extracting(AuditEntry::newState).containsSubsequence(
                CallbackState.QUEUED, CallbackState.CLAIMED, CallbackState.DIALING, CallbackState.CONNECTED,
                CallbackState.PENDING);
        assertThat(desk.store().history(id)).filteredOn(e -> e.newState() == CallbackState.CLAIMED)
                .extracting(e -> e.actor().toString()).containsExactly("consultant:alice", "consultant:alice");
        var attempts = desk.outcomes().attempts(id);
        assertThat(attempts.get(attempts.size() - 1).outcomeCode()).isEqualTo(OutcomeCode.LEFT_FOR_THE_DAY);
        // After the outcome the panel follows the callback out of alice's hands.
        browser.textIn(By.id("held"), "You hold no callback");
    }
}
