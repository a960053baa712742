package org.activerecorder.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The console as a person uses it: Debian's headless Chromium, driven by its chromedriver (both at the paths the
 * packages install, so Selenium Manager never runs and nothing is downloaded), with a fresh profile each time.
 * Screenshots go to {@code target/screenshots} (the README's ones are copied from there by hand).
 */
public final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");

    private final String base;
    private final Path profile;
    private final ChromeDriver driver;

    /** A browser for the console at {@code base} (e.g. {@code http://127.0.0.1:8080}). */
    public ConsoleBrowser(String base) throws Exception {
        this.base = base;
        this.profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // As the machine's probe ran it: without the background-networking flags Chromium tries Google's hosts,
        // which the closed network refuses; the autoplay flag lets the test start the player without a gesture.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code path} of the console (from the root, e.g. {@code /recordings.xhtml}). */
    public void open(String path) {
        driver.get(base + path);
    }

    /** Logs in at the form the console shows a browser without a session, and waits for the page asked for. */
    public void logIn(String path, String user, String password) {
        logInForm(path);
        driver.findElement(By.name("j_username")).sendKeys(user);
        driver.findElement(By.name("j_password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await("the console after the login", d -> !d.findElements(By.cssSelector("header .user")).isEmpty());
    }

    /** Opens {@code path} without a session: the console answers with its login form. */
    public void logInForm(String path) {
        driver.manage().deleteAllCookies();
        open(path);
        await("the login form", d -> !d.findElements(By.name("j_username")).isEmpty());
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public Object script(String javaScript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javaScript, arguments);
    }

    /**
     * Waits (up to 30 s) until {@code condition} holds; the assertion names {@code what}. An element that a postback
     * replaced while the condition read it (stale) or has not put back yet is another try, not a failure.
     */
    public <T> T await(String what, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waiting for " + what + " on " + driver.getCurrentUrl()).until(d -> {
                    T value;
                    try {
                        value = condition.apply((ChromeDriver) d);
                    } catch (WebDriverException e) {
                        if (replaced(e)) {
                            return null;
                        }
                        throw e;
                    }
                    return Boolean.FALSE.equals(value) ? null : value;
                });
    }

    /**
     * Chromium 156 reports an element that a postback replaced between its finding and its reading as an "unhandled
     * inspector error" rather than as stale: the same thing, another try. It failed UsersBrowserIT and RulesBrowserIT
     * now and then (2026-12-06).
     */
    private static boolean replaced(WebDriverException e) {
        String message = e.getMessage();
        return message != null && message.contains("does not belong to the document");
    }

    /** The whole page as it is now (up to 2000 pixels high), as a PNG in target/screenshots/{name}.png. */
    public Path screenshot(String name) throws Exception {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".png");
        long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(Math.max(height, 300), 2000)));
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
        return file;
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
