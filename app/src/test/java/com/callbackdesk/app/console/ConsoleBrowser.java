package com.callbackdesk.app.console;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's chromium + chromium-driver, which .ci/run installs) driven
 * by Selenium, with a fresh profile and no network chatter. Missing browser = a failing test
 * with the command that fixes it, never a silent skip. Screenshots go to
 * {@code target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    /** The width the console must hold at: a 1280 px wide laptop screen. */
    static final int WIDTH = 1280;

    ConsoleBrowser(String baseUrl) {
        this(baseUrl, "en-US");
    }

    /** A browser whose language (navigator.languages, Accept-Language) is {@code language}, e.g. zh-TW. */
    ConsoleBrowser(String baseUrl, String language) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("The console's browser tests need Chromium and its driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them).");
        }
        this.baseUrl = baseUrl;
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--window-size=" + WIDTH + ",1000", "--lang=" + language, "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                // the desk's consultants and supervisors sit in the office's zone (times are shown in the browser's)
                .withEnvironment(java.util.Map.of("TZ", System.getProperty("console.tz", "Asia/Taipei")))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebDriverWait waiting(Duration d) {
        return new WebDriverWait(driver, d);
    }

    WebElement visible(By by) {
        try {
            return waiting(Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (TimeoutException e) {
            throw new AssertionError(by + " never became visible\n" + diagnostics(), e);
        }
    }

    WebElement textIn(By by, String text) {
        try {
            waiting(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        } catch (TimeoutException e) {
            throw new AssertionError(by + " never showed '" + text + "'\n" + diagnostics(), e);
        }
        return driver.findElement(by);
    }

    /** Where the page is, what it says and what its console logged: for failure messages. */
    String diagnostics() {
        StringBuilder b = new StringBuilder("URL: ").append(driver.getCurrentUrl()).append('\n');
        try {
            b.append("page text:\n").append(driver.findElement(By.tagName("body")).getText()).append('\n');
            b.append("browser console:\n");
            driver.manage().logs().get(LogType.BROWSER).forEach(l -> b.append("  ").append(l.getLevel()).append(' ')
                    .append(l.getMessage()).append('\n'));
            b.append("screenshot: ").append(screenshot("failure-" + System.currentTimeMillis()).toAbsolutePath());
        } catch (RuntimeException e) {
            b.append("(no more: ").append(e).append(')');
        }
        return b.toString();
    }

    /** The label text of a form control, as a screen reader would announce it. */
    String labelOf(WebElement control) {
        String id = control.getAttribute("id");
        return driver.findElements(By.cssSelector("label[for='" + id + "']")).stream()
                .map(WebElement::getText).findFirst()
                .orElseGet(() -> control.getAttribute("aria-label"));
    }

    /**
     * Every visible form control on the page has an accessible name: a {@code <label for>}, an
     * enclosing {@code <label>} (radio buttons) or an {@code aria-label}. Returns how many were checked.
     */
    int assertEveryControlLabelled() {
        java.util.List<String> unlabelled = new java.util.ArrayList<>();
        int checked = 0;
        for (WebElement c : driver.findElements(By.cssSelector("input, select, textarea"))) {
            if (!c.isDisplayed()) {
                continue;
            }
            checked++;
            String id = c.getAttribute("id");
            boolean named = (id != null && !id.isEmpty() && !driver.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty())
                    || (c.getAttribute("aria-label") != null && !c.getAttribute("aria-label").isBlank())
                    || !c.findElements(By.xpath("ancestor::label")).isEmpty();
            if (!named) {
                unlabelled.add(c.getTagName() + "#" + id);
            }
        }
        if (!unlabelled.isEmpty()) {
            throw new AssertionError("form controls without a label: " + unlabelled);
        }
        return checked;
    }

    /** What a person sees on the page: its rendered text, chart labels included. */
    String visibleText() {
        Object text = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const svg = [...document.querySelectorAll('svg text')].filter(e => e.getClientRects().length)"
                        + ".map(e => e.textContent).join('\\n');"
                        + "const opts = [...document.querySelectorAll('select')].filter(e => e.offsetParent)"
                        + ".flatMap(s => [...s.options].map(o => o.text)).join('\\n');"
                        + "return document.body.innerText + '\\n' + svg + '\\n' + opts;");
        return String.valueOf(text);
    }

    /** Fails naming every code in {@code codes} that is visible on the page (words of capitals and underscores). */
    void assertNoCodeVisible(java.util.Set<String> codes, String where) {
        String text = visibleText();
        java.util.Set<String> seen = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]+(?![A-Za-z0-9_])").matcher(text);
        while (m.find()) {
            if (codes.contains(m.group())) {
                seen.add(m.group());
            }
        }
        if (!seen.isEmpty()) {
            throw new AssertionError(where + ": codes visible to a person: " + seen + "\n" + diagnostics());
        }
    }

    /** Fails when an element of {@code selector} is wider than its box (a table spilling out of its card). */
    void assertFits(String selector) {
        Object spill = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll(arguments[0])].filter(e => e.offsetParent)"
                        + ".map(e => { const box = e.closest('.card, figure, section') || e.parentElement;"
                        + " const r = e.getBoundingClientRect(), b = box.getBoundingClientRect();"
                        + " return r.right > b.right + 0.5 || r.left < b.left - 0.5 || e.scrollWidth > e.clientWidth + 1"
                        + "   ? (e.id || e.tagName) + ' ' + Math.round(r.width) + 'px in ' + Math.round(b.width) + 'px' : null; })"
                        + ".filter(x => x)", selector);
        if (spill instanceof java.util.List<?> l && !l.isEmpty()) {
            throw new AssertionError("wider than their card at " + WIDTH + " px: " + l + "\n" + diagnostics());
        }
    }

    /** Fails when two labels of {@code selector} (chart axis labels) overlap on the screen. */
    void assertNoOverlap(String selector) {
        Object overlaps = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const r = [...document.querySelectorAll(arguments[0])].map(e => [e.textContent, e.getBoundingClientRect()]);"
                        + "const out = [];"
                        + "for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) {"
                        + "  const a = r[i][1], b = r[j][1];"
                        + "  if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)"
                        + "    out.push(r[i][0] + ' / ' + r[j][0]); }"
                        + "return out;", selector);
        if (overlaps instanceof java.util.List<?> l && !l.isEmpty()) {
            throw new AssertionError("labels printed over each other: " + l + "\n" + diagnostics());
        }
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
