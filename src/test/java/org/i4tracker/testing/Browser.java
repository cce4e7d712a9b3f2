package org.i4tracker.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven by Selenium for the dashboard browser tests: started with the flags TOOLCHAIN.md
 * names and a fresh profile, pointed at {@code /usr/bin/chromedriver} so that Selenium Manager downloads nothing,
 * with its console log kept, downloads going to a folder of its own, and the waits and page helpers the dashboard
 * tests share. {@link #startOrSkip} skips the calling test class, printing why, where chromium is not installed.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final Path profile;
    private final Path downloads;

    private Browser(WebDriver driver, WebDriverWait wait, Path profile, Path downloads) {
        this.driver = driver;
        this.wait = wait;
        this.profile = profile;
        this.downloads = downloads;
    }

    /**
     * A headless Chromium whose waits give up after {@code timeout}; aborts the calling test class (JUnit assumption)
     * with the reason printed when chromium or chromedriver is missing.
     */
    public static Browser startOrSkip(String suite, Duration timeout) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.out.println("SKIPPED " + suite + ": " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install -y chromium chromium-driver)");
        }
        assumeTrue(installed, "chromium and chromedriver are not installed");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("i4-chromium-");
        Path downloads = Files.createTempDirectory("i4-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "profile.default_content_setting_values.automatic_downloads", 1));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        WebDriver driver = new ChromeDriver(service, options);
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        // Views re-render after a change or a live refresh; a condition that met a replaced element is checked again.
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
        return new Browser(driver, wait, profile, downloads);
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    /** The folder downloads land in. */
    public Path downloads() {
        return downloads;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Sizes the window so that the page's viewport (window.innerWidth × innerHeight) is width × height CSS pixels. */
    public void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = ((Number) js("return window.innerWidth")).longValue();
        long innerHeight = ((Number) js("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(2 * width - (int) innerWidth, 2 * height - (int) innerHeight));
    }

    /** Opens a dashboard route and waits until its view has settled. */
    public void open(String hash) {
        // the view on screen is marked first, so that the wait below is for the new view, not the one still shown
        // until the router handles the hash change (under load that is long enough for a lookup to find nothing)
        js("const target = arguments[0].startsWith('#') ? arguments[0] : '#' + arguments[0];"
                + "if (location.hash !== target) document.querySelectorAll('#view > *').forEach((e) => e.setAttribute('data-left', ''));"
                + "location.hash = arguments[0]", hash);
        wait.until(d -> d.findElements(By.cssSelector("#view > [data-left]")).isEmpty());
        settled();
    }

    /** Waits until the view shows something and no loading state is left in it. */
    public void settled() {
        wait.until(d -> d.findElements(By.cssSelector("#view [data-state=loading]")).isEmpty()
                && !d.findElements(By.cssSelector("#view > *")).isEmpty());
    }

    /** Fills the login form, clearing what it held, and submits it; the caller waits for what it expects next. */
    public void submitLogin(String username, String password) {
        for (String[] field : new String[][]{{"login-username", username}, {"login-password", password}}) {
            driver.findElement(By.id(field[0])).clear();
            driver.findElement(By.id(field[0])).sendKeys(field[1]);
        }
        driver.findElement(By.id("login-submit")).click();
    }

    /** Clicks an element after scrolling it to the middle of the viewport (clear of the sticky top bar). */
    public void click(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Types a firm's name into a firm picker (dashboards/js/firm-picker.js) and picks the firm from the suggestions. */
    public void pickFirm(WebElement input, long id, String name, String code) {
        input.clear();
        input.sendKeys(name);
        WebElement option = wait.until(d -> d.findElements(By.cssSelector("li[role=option][data-firm='" + id + "']")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        option.click();
        wait.until(d -> input.getAttribute("value").contains(code));
    }

    /** Saves the page as target/screenshots/{name}.png. */
    public void screenshot(String name) throws IOException {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Console entries since the last call. */
    public List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Console entries at SEVERE level since the last call: script errors, CSP violations and failed requests. */
    public List<String> severe() {
        return console().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** The messages of the console entries since the last read. */
    public List<String> consoleMessages() {
        return console().stream().map(LogEntry::getMessage).toList();
    }

    /** Script errors and CSP violations in the console since the last read (failed API calls the page handled are fine). */
    public List<String> scriptProblems() {
        return scriptProblems(consoleMessages());
    }

    /** The script errors and CSP violations among console messages. */
    public static List<String> scriptProblems(List<String> console) {
        return console.stream().filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught")
                || m.contains("TypeError") || m.contains("ReferenceError")).toList();
    }

    @Override
    public void close() {
        driver.quit();
        for (Path dir : new Path[]{profile, downloads}) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
