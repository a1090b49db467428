package dev.slipway.cli.loop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless browser for the console's tests: Debian's {@code /usr/bin/chromium} driven through
 * {@code /usr/bin/chromedriver} by Selenium, with a fresh profile in a temporary folder, no network but loopback
 * (no background networking, no component updates, no sync), at 1280×800. Screenshots go to
 * {@code target/console-screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path SHOTS = Path.of("target", "console-screenshots");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private String base;

    Browser(String base, Path profile) throws Exception {
        this.base = base;
        Files.createDirectories(SHOTS);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .withLogFile(profile.resolveSibling("chromedriver.log").toFile())
                .build();
        final ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1280,800");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    WebDriver driver() {
        return driver;
    }

    /** From now on opens the console at {@code base} (a restarted {@code slipway up} listens on another port). */
    void at(String base) {
        this.base = base;
    }

    /** Opens a console path (e.g. {@code /pipelines}). */
    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits (at most {@code limit}) until {@code done} gives a non-null, non-false value; returns it. */
    <T> T await(Duration limit, Function<WebDriver, T> done) {
        return new WebDriverWait(driver, limit, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(done);
    }

    /** Runs a script in the page; returns what it returns. */
    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an asynchronous script in the page: its last argument is the callback. */
    Object async(String script, Object... args) {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Saves the page as {@code target/console-screenshots/NAME.png}; returns the file. */
    Path screenshot(String name) throws Exception {
        final File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        final Path to = SHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        return to;
    }

    /** A full-height screenshot of the page (the window grows to the page's height, then returns to 1280×800). */
    Path screenshotPage(String name) throws Exception {
        final Object height = ((JavascriptExecutor) driver)
                .executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
        final Dimension before = driver.manage().window().getSize();
        driver.manage()
                .window()
                .setSize(new Dimension(
                        before.getWidth(), Math.min(2400, Math.max(800, ((Number) height).intValue() + 20))));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Phone width (390×844) until {@link #desktop()}. */
    void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
