package com.callbackdesk.app.console;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's first page in a real headless Chromium: served by the app, labelled, keyboard-usable. */
class ConsoleLoginPageTest {

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
    void theLoginPageIsServedLabelledAndKeyboardUsable() throws Exception {
        DatabaseSettings db = TestDatabases.h2();
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort();   // never a fixed port in tests
        desk = CallbackDesk.start(config, Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("Asia/Taipei")));
        browser = new ConsoleBrowser(desk.http().baseUrl());

        browser.open("/console/");
        WebElement login = browser.visible(By.id("login-login"));
        assertThat(browser.driver.getTitle()).isEqualTo("Callback Desk");
        assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).as("no navigation before login").isFalse();
        assertThat(browser.driver.findElement(By.id("logout")).isDisplayed()).isFalse();
        assertThat(browser.labelOf(login)).isEqualTo("Login");
        assertThat(browser.labelOf(browser.driver.findElement(By.id("login-password")))).isEqualTo("Password");
        // the first field has the focus; Tab reaches the password, Enter submits: an empty password is named
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(login);
        login.sendKeys("alice", Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("login-password");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(browser.textIn(By.id("login-error"), "Password").getText()).contains("enter your password");
        browser.screenshot("login");
    }
}
