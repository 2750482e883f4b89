package com.callbackdesk.app.console;

import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.survey.SurveyState;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor in a real headless Chromium: changes the retry policy with a reason (errors next
 * to the field as they type, the diff against the live version), finds the new version in the
 * history and the audit log, runs "try it first" and sees the comparison charts; the dashboard
 * (with average handle time by group and consultant); handing a held or waiting callback to a
 * named consultant with a reason.
 */
class ConsoleSupervisorBrowserTest {

    private static final Clock CLOCK = Clock.offset(Clock.systemUTC(), Duration.ZERO);

    private CallbackDesk desk;
    private ConsoleBrowser browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void aSupervisorChangesThePolicyWithAReasonAndTriesAProposalFirst() throws Exception {
        DatabaseSettings db = TestDatabases.h2();
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort();   // never a fixed port in tests
        desk = CallbackDesk.start(config, CLOCK);
        new UserAccounts(desk.database(), CLOCK).create("sue", "Sue Lin", Role.SUPERVISOR, null,
                "sue-secret-1".toCharArray(), Actor.system("test"), "test supervisor");
        int liveBefore = desk.planning().livePolicy().version();
        seedTodaysSurveys();

        browser = new ConsoleBrowser(desk.http().baseUrl());
        browser.open("/console/");
        browser.visible(By.id("login-login")).sendKeys("sue");
        browser.driver.findElement(By.id("login-password")).sendKeys("sue-secret-1", Keys.ENTER);

        // The editor: every field labelled and explained, filled with the live version.
        WebElement gap = browser.visible(By.id("pol-minimumGap"));
        browser.waiting(Duration.ofSeconds(15)).until(d -> "15m".equals(gap.getAttribute("value")));
        assertThat(browser.labelOf(gap)).isEqualTo("Minimum gap between attempts");
        assertThat(browser.driver.findElement(By.id("pol-minimumGap-hint")).getText()).contains("Never two attempts closer");
        assertThat(browser.driver.findElement(By.id("policy-live")).getText()).contains("version " + liveBefore);
        assertThat(browser.assertEveryControlLabelled()).isGreaterThan(15);
        browser.screenshot("supervisor-policy");

        // Validated as you type: the error names the field, next to it.
        gap.clear();
        gap.sendKeys("soon");
        assertThat(browser.textIn(By.id("pol-minimumGap-error"), "minimumGap").getText()).contains("not a duration");
        assertThat(gap.getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("supervisor-policy-invalid");
        gap.clear();
        gap.sendKeys("10m");
        WebElement diff = browser.textIn(By.id("policy-diff-table"), "Minimum gap between attempts");
        assertThat(diff.getText()).contains("15m").contains("10m");
        assertThat(browser.driver.findElement(By.id("pol-minimumGap-error")).getText()).isEmpty();

        // Saving needs a reason; then a new version, in the history.
        browser.driver.findElement(By.id("policy-save")).click();
        assertThat(browser.textIn(By.id("policy-reason-error"), "Reason").getText()).contains("audited");
        browser.driver.findElement(By.id("policy-reason")).sendKeys("retry sooner after a missed call");
        browser.driver.findElement(By.id("policy-save")).sendKeys(Keys.ENTER);
        browser.textIn(By.id("policy-saved"), "Saved as version " + (liveBefore + 1));
        assertThat(desk.planning().livePolicy().version()).isEqualTo(liveBefore + 1);
        assertThat(desk.planning().livePolicy().changedBy()).isEqualTo(Actor.supervisor("sue"));
        assertThat(desk.planning().livePolicy().reason()).isEqualTo("retry sooner after a missed call");
        assertThat(browser.textIn(By.id("policy-history-table"), "retry sooner after a missed call").getText())
                .contains("v" + (liveBefore + 1)).contains("Minimum gap between attempts");
        browser.screenshot("supervisor-policy-saved");

        // Try it first: a proposal against the (new) live version, side by side with charts.
        WebElement maxAttempts = browser.driver.findElement(By.id("pol-maxAttempts"));
        maxAttempts.clear();
        maxAttempts.sendKeys("8");
        browser.textIn(By.id("policy-diff-table"), "Maximum attempts");
        new Select(browser.driver.findElement(By.id("whatif-scenario"))).selectByValue("scenario-month");
        WebElement days = browser.driver.findElement(By.id("whatif-days"));
        days.clear();
        days.sendKeys("2");
        WebElement reps = browser.driver.findElement(By.id("whatif-replications"));
        reps.clear();
        reps.sendKeys("2");
        browser.driver.findElement(By.id("whatif-run")).click();
        browser.waiting(Duration.ofSeconds(60)).until(d -> d.findElement(By.id("whatif-status")).getText().startsWith("Done"));
        WebElement table = browser.visible(By.id("whatif-table"));
        assertThat(table.getText()).contains("current (v" + (liveBefore + 1) + ")").contains("proposed").contains("end-of-day misses");
        assertThat(browser.driver.findElements(By.cssSelector("#whatif-chart-queue svg path[data-series]"))).hasSize(2);
        assertThat(browser.driver.findElements(By.cssSelector("#whatif-chart-outcomes svg rect[data-series='proposed']"))).hasSize(5);
        assertThat(browser.driver.findElement(By.cssSelector("#whatif-chart-queue svg")).getAttribute("role")).isEqualTo("img");
        // One unit per chart: minutes to first contact apart from attempts per contact.
        assertThat(browser.driver.findElement(By.cssSelector("#whatif-chart-contact figcaption")).getText())
                .contains("minutes").doesNotContainIgnoringCase("attempts");
        assertThat(browser.driver.findElements(By.cssSelector("#whatif-chart-contact svg rect[data-series='proposed']"))).hasSize(2);
        assertThat(browser.driver.findElements(By.cssSelector("#whatif-chart-attempts svg rect[data-series='proposed']"))).hasSize(1);
        // The verdict leads: one line per headline figure, each with its mark and a finding in words.
        List<WebElement> verdict = browser.driver.findElements(By.cssSelector("#whatif-verdict li"));
        assertThat(verdict).hasSize(7);
        assertThat(verdict.get(0).getText()).contains("end-of-day misses")
                .containsAnyOf("better under", "worse under", "no detectable", "cannot tell", "changed");
        assertThat(verdict).allSatisfy(li -> assertThat(li.findElement(By.cssSelector(".mark")).getText())
                .isIn("✓", "✗", "•", "≈", "?"));
        assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "const v = document.getElementById('whatif-verdict'), c = document.querySelector('#whatif-result .charts');"
                        + " return !!(v.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);"))
                .as("the verdict comes before the charts").isTrue();
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript("document.getElementById('whatif-result').scrollIntoView()");
        browser.screenshot("supervisor-whatif");
        assertThat(desk.planning().livePolicy().version()).as("trying is not saving").isEqualTo(liveBefore + 1);

        // The audit log has the version, who and why.
        browser.driver.findElement(By.cssSelector("#nav a[href='#audit']")).click();
        new Select(browser.visible(By.id("audit-source"))).selectByValue("policy");
        browser.driver.findElement(By.id("audit-search")).click();
        WebElement audit = browser.textIn(By.id("audit-table"), "retry sooner after a missed call");
        assertThat(audit.getText()).contains("sue").contains("minimumGap");
        browser.assertEveryControlLabelled();
        browser.screenshot("supervisor-audit");

        // The dashboard draws its charts: queue depth over the day, scores by consultant and by group, volume.
        browser.driver.findElement(By.cssSelector("#nav a[href='#dashboard']")).click();
        browser.visible(By.cssSelector("#dash-depth svg"));
        assertThat(browser.driver.findElement(By.id("kpi-depth")).getText()).contains("waiting in the queue");
        assertThat(browser.driver.findElements(By.cssSelector("#dash-survey-consultant svg rect[data-series]"))).hasSize(2);
        assertThat(browser.driver.findElement(By.cssSelector("#dash-survey-group svg")).getAttribute("aria-label"))
                .contains("In-house").contains("Outsourced").doesNotContain("IN_HOUSE");
        assertThat(browser.driver.findElements(By.cssSelector("#dash-volume svg rect[data-series]"))).hasSize(2);
        assertThat(browser.driver.findElement(By.id("kpi-survey")).getText()).contains("3/3");
        // Handle time: in-house vs outsourced and per consultant, a chart and a table each.
        assertThat(browser.driver.findElement(By.cssSelector("#dash-aht-group svg")).getAttribute("aria-label"))
                .contains("In-house").contains("Outsourced");
        assertThat(browser.driver.findElements(By.cssSelector("#dash-aht-consultant svg rect[data-series='average']"))).hasSize(2);
        WebElement ahtGroups = browser.driver.findElement(By.id("dash-aht-group-table"));
        assertThat(ahtGroups.findElement(By.tagName("caption")).getText()).isEqualTo("Average handle time by group");
        assertThat(ahtGroups.getText()).contains("In-house 2 5 min 4 min 6 min")
                .contains("Outsourced 1 7 min 30 s");
        assertThat(browser.driver.findElement(By.id("dash-aht-consultant-table")).getText()).contains("oscar");
        WebElement scroller = ahtGroups.findElement(By.xpath(".."));
        assertThat(scroller.getAttribute("tabindex")).as("keyboard users can scroll a long table").isEqualTo("0");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript("document.getElementById('dash-aht').scrollIntoView()");
        browser.screenshot("supervisor-dashboard-handle-time");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("window.scrollTo(0, 0)");
        browser.screenshot("supervisor-dashboard");

        // Held and waiting: hand a queued callback to alice, then move it on to oscar, each with a reason.
        String number = "+886223456799";
        long queued = desk.store().intakes().record(new NewCallback("1700000009.1", "PJSIP/trunk-9", number, number,
                NumberSource.CALLER_ID, "en", "ROUTER", "CANNOT_CONNECT", Urgency.NORMAL, null,
                ScreenshotChoice.NOT_NEEDED, CLOCK.instant()), Actor.system("test intake")).callback().id();
        desk.store().lifecycle().transition(queued, CallbackState.PENDING, CallbackState.QUEUED, Actor.system("test"), "attempt fired");
        browser.driver.findElement(By.cssSelector("#nav a[href='#assign']")).click();
        By assignRow = By.cssSelector("#assign-table tr[data-callback-id='" + queued + "']");
        assertThat(browser.visible(assignRow).getText()).contains("nobody (queued)");
        browser.driver.findElement(By.cssSelector("#assign-table tr[data-callback-id='" + queued + "'] button")).click();
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("assign-consultant");
        new Select(browser.driver.findElement(By.id("assign-consultant"))).selectByValue("alice");
        browser.driver.findElement(By.id("assign-submit")).click();
        assertThat(browser.textIn(By.id("assign-why-error"), "Why").getText()).contains("audit");
        browser.driver.findElement(By.id("assign-why")).sendKeys("caller asked for alice", Keys.ENTER);
        browser.textIn(By.id("assign-done"), "held by alice");
        browser.waiting(Duration.ofSeconds(10)).until(d -> "alice".equals(d.findElement(assignRow).getAttribute("data-holder")));
        assertThat(browser.assertEveryControlLabelled()).isGreaterThanOrEqualTo(3);
        new Select(browser.driver.findElement(By.id("assign-consultant"))).selectByValue("oscar");
        browser.driver.findElement(By.id("assign-why")).sendKeys("alice went home sick", Keys.ENTER);
        browser.textIn(By.id("assign-done"), "held by oscar");
        assertThat(desk.queue().claimOf(queued)).get().extracting(c -> c.consultant()).isEqualTo("oscar");
        assertThat(desk.store().history(queued)).extracting(e -> e.actor() + " " + e.why()).containsSubsequence(
                "supervisor:sue assigned to alice: caller asked for alice",
                "supervisor:sue reassigned from alice to oscar: alice went home sick");
        browser.screenshot("supervisor-assign");
    }

    /** Today's requests and surveys, through the desk's own operations (intake, survey results), and their answered attempts. */
    private void seedTodaysSurveys() {
        desk.consultants().add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("ROUTER"), "PJSIP/alice", false),
                Actor.supervisor("sue"), "hired");
        desk.consultants().add(new ConsultantProfile("oscar", "Oscar", "OUTSOURCED", Set.of("ROUTER"), "PJSIP/oscar", false),
                Actor.supervisor("sue"), "hired");
        // consultant, product, category, survey score, handle time (s)
        String[][] seed = {{"alice", "ROUTER", "CANNOT_CONNECT", "5", "240"}, {"alice", "ROUTER", "CANNOT_CONNECT", "4", "360"},
                {"oscar", "NAS", "BILLING", "2", "450"}};
        int n = 0;
        for (String[] s : seed) {
            n++;
            String number = "+88622345670" + n;
            long id = desk.store().intakes().record(new NewCallback("1700000000." + n, "PJSIP/trunk-" + n, number, number,
                    NumberSource.CALLER_ID, "en", s[1], s[2], Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED,
                    CLOCK.instant()), Actor.system("test intake")).callback().id();
            desk.surveys().record(id, s[0], SurveyState.COMPLETED, Integer.parseInt(s[3]), null, "1700000001." + n);
            // Answered s[4] seconds before it ended, just now. Written straight to the table: the
            // desk runs on the real clock, so dialling through it would take that long.
            Instant ended = CLOCK.instant().minusSeconds(1);
            insertAnsweredAttempt(id, s[0], ended.minusSeconds(Long.parseLong(s[4])), ended);
        }
    }

    private void insertAnsweredAttempt(long callbackId, String consultant, Instant answered, Instant ended) {
        try (java.sql.Connection c = desk.database().dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO callback_attempt (callback_id, attempt_no,"
                     + " consultant, started_at, answered_at, ended_at, outcome) VALUES (?, 1, ?, ?, ?, ?, 'RESOLVED')")) {
            ps.setLong(1, callbackId);
            ps.setString(2, consultant);
            ps.setObject(3, answered.minusSeconds(20).atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(4, answered.atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(5, ended.atOffset(java.time.ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not seed an attempt of callback " + callbackId, e);
        }
    }
}
