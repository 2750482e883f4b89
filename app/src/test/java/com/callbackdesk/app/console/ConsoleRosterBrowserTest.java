package com.callbackdesk.app.console;

import com.callbackdesk.account.Role;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.desk.roster.Roster;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor manages the roster in a real headless Chromium at 1280 px: the list in labels (no
 * codes), adding a consultant (a wrong phone endpoint refused next to its field), editing them into
 * a supervisor, deactivating them with a reason — each change in the consultant's history as
 * {@code supervisor:sue}; and the dashboard's alert for a reputational-risk callback nobody took.
 * H2 and PostgreSQL.
 */
class ConsoleRosterBrowserTest {

    private final MutableClock clock = new MutableClock(Instant.now());
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

    private By row(String login) {
        return By.cssSelector("#roster-table tr[data-login='" + login + "']");
    }

    private void click(String login, String action) {
        browser.driver.findElement(By.cssSelector("#roster-table tr[data-login='" + login + "'] button[data-action='"
                + action + "']")).click();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aSupervisorAddsEditsAndDeactivatesAConsultant(DatabaseSettings db) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort();
        desk = CallbackDesk.start(config, clock);
        Roster roster = desk.desk().roster();
        roster.createAccount("sue", "Sue Lin", Role.SUPERVISOR, null, null, "sue-secret-1".toCharArray(),
                Actor.system("test"), "test supervisor");
        roster.add(Roster.profile("alice", "Alice Chen", "IN_HOUSE", List.of("ROUTER", "ACCOUNT_APP"), null,
                List.of("en"), null, false), Actor.supervisor("sue"), "hired");

        browser = new ConsoleBrowser(desk.http().baseUrl());
        browser.driver.manage().window().setSize(new Dimension(1280, 1000));
        browser.open("/console/");
        browser.visible(By.id("login-login")).sendKeys("sue");
        browser.driver.findElement(By.id("login-password")).sendKeys("sue-secret-1", Keys.ENTER);
        browser.visible(By.cssSelector("#nav a[href='#roster']")).click();

        // The list speaks the desk's language, not its codes.
        WebElement alice = browser.visible(row("alice"));
        assertThat(alice.getText()).contains("Alice Chen", "In-house", "Home and office routers",
                "Cloud account and mobile app", "English", "PJSIP/alice", "Away");
        String table = browser.driver.findElement(By.id("roster-table")).getText();
        for (String code : List.of("IN_HOUSE", "ACCOUNT_APP", "AWAY", "AVAILABLE", "ROUTER")) {
            assertThat(table).as("no code on the page").doesNotContain(code);
        }

        // Add bob: everything labelled; a wrong endpoint is refused next to its field, nothing added.
        browser.driver.findElement(By.id("roster-login")).sendKeys("bob");
        browser.driver.findElement(By.id("roster-displayName")).sendKeys("Bob Tan");
        new Select(browser.driver.findElement(By.id("roster-group"))).selectByValue("OUTSOURCED");
        browser.driver.findElement(By.id("roster-skills-NAS")).click();
        browser.driver.findElement(By.id("roster-languages-zh-TW")).click();
        browser.driver.findElement(By.id("roster-endpoint")).sendKeys("SIP/bob");
        browser.driver.findElement(By.id("roster-submit")).click();
        assertThat(browser.textIn(By.id("roster-why-error"), "Why").getText()).contains("history");
        browser.driver.findElement(By.id("roster-why")).sendKeys("hired for the peak");
        browser.driver.findElement(By.id("roster-submit")).click();
        assertThat(browser.textIn(By.id("roster-endpoint-error"), "endpoint").getText())
                .contains("PJSIP/<endpoint>");
        assertThat(browser.driver.findElement(By.id("roster-endpoint")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(desk.desk().roster().find("bob")).isEmpty();
        assertThat(browser.assertEveryControlLabelled()).isGreaterThan(10);
        browser.screenshot("roster-refused");

        WebElement endpoint = browser.driver.findElement(By.id("roster-endpoint"));
        endpoint.clear();
        endpoint.sendKeys("PJSIP/bob");
        browser.driver.findElement(By.id("roster-submit")).click();
        browser.textIn(By.id("roster-done"), "Added Bob Tan");
        assertThat(browser.visible(row("bob")).getText()).contains("Outsourced", "Network storage",
                "Traditional Chinese", "PJSIP/bob");
        Consultant bob = desk.desk().roster().find("bob").orElseThrow();
        assertThat(bob.group()).isEqualTo("OUTSOURCED");
        assertThat(bob.skills()).containsExactly("NAS");
        assertThat(bob.profile().languages()).containsExactly("zh-TW");

        // Edit: bob becomes a supervisor.
        click("bob", "edit");
        assertThat(browser.textIn(By.id("roster-form-title"), "Edit Bob Tan").getText()).isEqualTo("Edit Bob Tan");
        assertThat(browser.driver.findElement(By.id("roster-login")).isEnabled()).isFalse();
        browser.driver.findElement(By.id("roster-supervisor")).click();
        browser.driver.findElement(By.id("roster-why")).sendKeys("promoted", Keys.ENTER);
        browser.textIn(By.id("roster-done"), "Saved Bob Tan");
        assertThat(desk.desk().roster().find("bob").orElseThrow().supervisor()).isTrue();
        browser.screenshot("roster-edited");

        // Deactivate: a reason first; then he has left the desk.
        click("bob", "deactivate");
        browser.visible(By.id("roster-active-confirm")).click();
        assertThat(browser.textIn(By.id("roster-active-why-error"), "Why").getText()).contains("Why");
        browser.driver.findElement(By.id("roster-active-why")).sendKeys("contract ended", Keys.ENTER);
        browser.textIn(By.id("roster-active-done"), "Bob Tan is no longer active");
        browser.textIn(row("bob"), "Left the desk");
        assertThat(desk.desk().roster().find("bob").orElseThrow().active()).isFalse();
        assertThat(desk.desk().roster().history("bob")).extracting(e -> e.action() + " " + e.actor() + " " + e.why())
                .containsExactly("ADDED supervisor:sue hired for the peak", "UPDATED supervisor:sue promoted",
                        "ACTIVE supervisor:sue contract ended");

        // The page holds at 1280 px: nothing wider than the window.
        long width = (Long) ((JavascriptExecutor) browser.driver)
                .executeScript("return document.documentElement.scrollWidth");
        assertThat(width).isLessThanOrEqualTo(1280);
        browser.screenshot("roster");

        // A reputational-risk callback nobody takes: the dashboard says so.
        String number = "+886223456901";
        long risk = desk.store().intakes().record(new NewCallback("1700000901.1", "PJSIP/trunk-1", number, number,
                NumberSource.CALLER_ID, "zh-TW", "ROUTER", "CANNOT_CONNECT", Urgency.NORMAL, null,
                ScreenshotChoice.NOT_NEEDED, clock.instant()), Actor.system("test intake")).callback().id();
        desk.store().lifecycle().update(risk, CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                Actor.consultant("alice"), "threatens the press");
        desk.store().lifecycle().transition(risk, CallbackState.PENDING, CallbackState.QUEUED, Actor.system("test"),
                "attempt fired");
        clock.advance(Duration.ofMinutes(25));
        browser.driver.findElement(By.cssSelector("#nav a[href='#dashboard']")).click();
        assertThat(browser.textIn(By.id("dash-alerts"), "Callback #" + risk).getText())
                .contains("Reputational risk waiting for a supervisor").contains("waited 25 min");
        browser.screenshot("roster-dashboard-alert");
    }
}
