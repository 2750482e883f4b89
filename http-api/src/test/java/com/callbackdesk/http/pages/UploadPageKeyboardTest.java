package com.callbackdesk.http.pages;

import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The upload page in a real browser (headless Chromium), used with the keyboard only: Tab reaches
 * the labelled file field, then the upload button; Enter sends. Skipped where no Chromium is installed.
 */
class UploadPageKeyboardTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    @TempDir
    Path storeDir;
    @TempDir
    Path files;
    private SmsSink sms;
    private ScreenshotFixture f;
    private WebDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (f != null) {
            f.close();
        }
        if (sms != null) {
            sms.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aKeyboardOnlyCallerUploadsTheScreenshot(DatabaseSettings db) throws Exception {
        // A gate, not a skip: .ci/run installs them (apt-get install chromium chromium-driver).
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
                .as("Chromium and chromedriver are needed: apt-get install chromium chromium-driver").isTrue();
        sms = new SmsSink();
        f = new ScreenshotFixture(db, storeDir, "smtp://127.0.0.1:1", sms.uri(), 1024 * 1024, 0);
        long id = f.intake("+886223456789", ScreenshotChoice.SMS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.requestsOf(id).isEmpty()
                && f.requestsOf(id).get(0).state() == ScreenshotState.SENT);
        ScreenshotRequest r = f.requestsOf(id).get(0);
        Path png = files.resolve("error.png");
        Files.write(png, ScreenshotFixture.png(2000));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.get(f.settings.uploadLink(r.token()));

        // The field has a visible label tied to it.
        WebElement label = browser.findElement(By.cssSelector("label[for=screenshot]"));
        assertThat(label.getText()).isEqualTo("Screenshot file");
        // Tab from the top of the page lands on the file field first ...
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement field = browser.switchTo().activeElement();
        assertThat(field.getAttribute("id")).isEqualTo("screenshot");
        field.sendKeys(png.toString());   // what the file dialog opened from the keyboard returns
        // ... the next Tab on the upload button, and Enter sends.
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement button = browser.switchTo().activeElement();
        assertThat(button.getText()).isEqualTo("Upload screenshot");
        new Actions(browser).sendKeys(Keys.ENTER).perform();

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getPageSource().contains("we have your screenshot"));
        ScreenshotRequest stored = f.requests.findByToken(r.token()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ScreenshotState.RECEIVED);
        assertThat(Files.readAllBytes(storeDir.resolve(stored.file().path()))).isEqualTo(Files.readAllBytes(png));
        assertThat(new File(storeDir.toFile(), stored.file().path())).exists();
    }
}
