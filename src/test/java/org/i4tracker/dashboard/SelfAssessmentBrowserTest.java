package org.i4tracker.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A firm's self-assessment in a real headless Chromium against the real service with the demo region: the firm user
 * opens "Self-assessment" from its navigation, answers every item (confidence fixed to self-declared), submits; the
 * assessor finds it on the worklist under "awaiting validation" and validates it. At 1400 px and 800 px, each width
 * with a firm of its own (a firm user created by the administrator for a demo firm the assessor serves and that has
 * no assessment yet). Screenshots go to target/screenshots/. Skips (with the reason printed) without chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfAssessmentBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "demo-password";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private EmbeddedServer server;
    private WebDriver driver;
    private WebDriverWait wait;
    private Path profile;
    private String base;
    private DemoApi assessor;
    private final Deque<JsonNode> unassessed = new ArrayDeque<>();

    @BeforeAll
    void startServiceAndBrowser() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            System.out.println("SKIPPED self-assessment browser tests: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (apt-get install -y chromium chromium-driver)");
        }
        assumeTrue(installed, "chromium and chromedriver are not installed");
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1, "i4.demo.enabled", true), "test");
        base = "http://localhost:" + server.getPort();
        assessor = new DemoApi(base, "assessor", PASSWORD);
        DemoApi admin = new DemoApi(base, "admin", PASSWORD);
        for (JsonNode f : assessor.items("/api/v1/firms?size=500&sort=id")) {
            if (unassessed.size() < 2 && assessor.get("/api/v1/assessments?firm=" + f.get("id").asLong() + "&size=1").get("totalItems").asLong() == 0) {
                unassessed.add(f);
            }
        }
        assertEquals(2, unassessed.size(), "the demo gives the assessor firms without an assessment");
        for (JsonNode f : unassessed) {
            admin.post("/api/v1/users", Map.of("username", "self-" + f.get("id").asLong(), "password", PASSWORD,
                    "role", "FIRM_USER", "firmId", f.get("id").asLong()));
        }

        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("i4-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=en-GB");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void signedOut() {
        signOut();
    }

    private void signOut() {
        driver.get(base + "/dashboards/index.html");
        js("sessionStorage.clear()");
        driver.get(base + "/dashboards/index.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        driver.manage().logs().get(LogType.BROWSER);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = ((Number) js("return window.innerWidth")).longValue();
        long innerHeight = ((Number) js("return window.innerHeight")).longValue();
        driver.manage().window().setSize(new Dimension(2 * width - (int) innerWidth, 2 * height - (int) innerHeight));
    }

    private void login(String username) {
        driver.findElement(By.id("login-username")).sendKeys(username);
        driver.findElement(By.id("login-password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        settled();
    }

    private void open(String hash) {
        js("location.hash = arguments[0]", hash);
        settled();
    }

    private void settled() {
        wait.until(d -> d.findElements(By.cssSelector("#view [data-state=loading]")).isEmpty()
                && !d.findElements(By.cssSelector("#view > *")).isEmpty());
    }

    private void click(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private String hash() {
        return (String) js("return location.hash");
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private void screenshot(String name) throws IOException {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Uncaught") || m.contains("Content Security Policy") || m.contains("TypeError") || m.contains("ReferenceError"))
                .toList();
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1400, 800})
    void theFirmSubmitsItsSelfAssessmentAndTheAssessorValidatesItFromTheWorklist(int width) throws IOException {
        viewport(width, 900);
        JsonNode firm = unassessed.removeFirst();
        long firmId = firm.get("id").asLong();
        login("self-" + firmId);
        assertFalse(driver.findElements(By.cssSelector("#nav a[href='#/firm/self-assessment']")).isEmpty(), "the firm's navigation offers it");
        open("#/firm/self-assessment");
        assertTrue(text("#self-assessments").contains("No assessment yet"), text("#self-assessments"));
        click(driver.findElement(By.id("assessment-create")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        settled();
        long id = Long.parseLong(hash().replaceAll(".*assessment=(\\d+).*", "$1"));
        assertTrue(hash().startsWith("#/firm/self-assessment?"), hash());
        assertEquals(firmId, assessor.get("/api/v1/assessments/" + id).get("firmId").asLong());

        // Confidence is self-declared and fixed; the RTI-only actions are absent.
        Select confidence = new Select(driver.findElement(By.cssSelector("select[data-confidence=DBS1]")));
        assertEquals(List.of("Self-declared"), confidence.getOptions().stream().map(WebElement::getText).toList());
        assertFalse(driver.findElement(By.cssSelector("select[data-confidence=DBS1]")).isEnabled());
        assertFalse(driver.findElement(By.id("assessment-validate")).isDisplayed());
        assertFalse(driver.findElement(By.id("assessment-delete")).isDisplayed());
        assertFalse(driver.findElement(By.id("assessment-revision")).isDisplayed());

        List<WebElement> items = driver.findElements(By.cssSelector("#assessment-form select[data-item]"));
        assertEquals(27, items.size());
        for (WebElement item : items) {
            new Select(item).selectByIndex(1);
        }
        click(driver.findElement(By.id("assessment-submit")));
        wait.until(d -> text("#assessment-message").contains("Submitted: your RTI reviews and validates it."));
        assertTrue(text("#assessment-state").contains("Awaiting validation by your RTI"), text("#assessment-state"));
        JsonNode stored = assessor.get("/api/v1/assessments/" + id);
        assertEquals("SUBMITTED", stored.get("status").asText());
        assertEquals(27, stored.get("answers").size());
        stored.get("answers").forEach(a -> assertEquals("SELF_DECLARED", a.get("confidence").asText(), a.toString()));
        screenshot("firm-self-assessment-submitted-" + width);

        // The open assessment lives in the address: a reload shows it again; the list shows it awaiting validation.
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        settled();
        assertTrue(text("#assessment-state").contains("Awaiting validation by your RTI"));
        open("#/firm/self-assessment");
        assertTrue(text("#self-assessments").contains("Submitted, awaiting validation by your RTI"), text("#self-assessments"));
        assertEquals(List.of(), scriptErrors());

        // The assessor finds it on the worklist and validates it.
        signOut();
        login("assessor");
        open("#/rti/worklist");
        WebElement row = wait.until(d -> d.findElement(By.cssSelector("#worklist-submitted a[data-assessment='" + id + "']")));
        click(row);
        WebElement validate = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-validate")));
        settled();
        click(validate);
        wait.until(d -> text("#assessment-message").contains("Validated"));
        JsonNode done = assessor.get("/api/v1/assessments/" + id);
        assertEquals("VALIDATED", done.get("status").asText());
        assertEquals("assessor", done.get("validatedBy").asText());
        screenshot("assessor-validated-self-assessment-" + width);

        // Back with the firm: its list shows the outcome.
        signOut();
        login("self-" + firmId);
        open("#/firm/self-assessment");
        assertTrue(text("#self-assessments").contains("Validated"), text("#self-assessments"));
        assertEquals(List.of(), scriptErrors());
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1400, 800})
    void theAdministratorListsTheModelVersionsAndSearchesTheAuditLogWithTheSearchInTheAddress(int width) throws IOException {
        viewport(width, 900);
        login("admin");
        open("#/admin/models");
        WebElement model = wait.until(d -> d.findElement(By.cssSelector("section[data-model='digital-maturity']")));
        assertTrue(model.getText().contains("1.0.0"), model.getText());
        DemoApi admin = new DemoApi(base, "admin", PASSWORD);
        assertEquals(admin.get("/api/v1/models/digital-maturity/versions").size(), model.findElements(By.cssSelector("tbody tr")).size());

        // Reads of one firm by the assessor are audited; the log is searched by user, 50 events per page.
        long served = assessor.items("/api/v1/firms?size=1&sort=id").get(0).get("id").asLong();
        for (int i = 0; i < 55; i++) {
            assessor.get("/api/v1/firms/" + served);
        }
        open("#/admin/audit");
        WebElement user = wait.until(d -> d.findElement(By.id("audit-user")));
        user.sendKeys("assessor");
        click(driver.findElement(By.id("audit-submit")));
        wait.until(d -> hash().contains("user=assessor"));
        wait.until(d -> !d.findElements(By.cssSelector("#audit-results tbody tr")).isEmpty());
        List<WebElement> rows = driver.findElements(By.cssSelector("#audit-results tbody tr"));
        assertEquals(50, rows.size());
        rows.forEach(r -> assertTrue(r.findElements(By.tagName("td")).get(1).getText().equals("assessor"), r.getText()));
        click(driver.findElement(By.id("audit-next")));
        wait.until(d -> hash().contains("page=1"));
        wait.until(d -> d.findElement(By.id("audit-page")).getText().startsWith("Page 2"));
        screenshot("admin-audit-" + width);

        // The search and the page survive a reload.
        driver.navigate().refresh();
        settled();
        wait.until(d -> d.findElement(By.id("audit-page")).getText().startsWith("Page 2"));
        assertEquals("assessor", driver.findElement(By.id("audit-user")).getAttribute("value"));

        // One filter at a time, as the API answers: the page says so instead of searching.
        js("document.getElementById('audit-from').value = '2026-01-01'");
        click(driver.findElement(By.id("audit-submit")));
        wait.until(d -> d.findElement(By.id("audit-results")).getText().contains("one at a time"));
        assertEquals(List.of(), scriptErrors());
    }
}
