package org.i4tracker.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A firm's self-assessment in a real headless Chromium against the real service with the demo region: the firm user
 * opens "Self-assessment" from its navigation, answers every item (confidence fixed to self-declared), submits; the
 * assessor finds it on the worklist under "awaiting validation" and validates it. At 1400 px and 800 px, each width
 * with a firm of its own (a firm user created by the administrator for a demo firm the assessor serves and that has
 * no assessment yet). Screenshots go to target/screenshots/. Skips (with the reason printed) without chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfAssessmentBrowserTest {

    private static final String PASSWORD = "demo-password";

    private EmbeddedServer server;
    private WebDriver driver;
    private WebDriverWait wait;
    private Browser browser;
    private String base;
    private DemoApi assessor;
    private final Deque<JsonNode> unassessed = new ArrayDeque<>();

    @BeforeAll
    void startServiceAndBrowser() throws Exception {
        browser = Browser.startOrSkip("self-assessment browser tests", Duration.ofSeconds(15));
        driver = browser.driver();
        wait = browser.waiting();
        // every read audited (no coalescing of repeats), so that a few reads fill the audit log's pages
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1, "i4.demo.enabled", true,
                "i4.audit.repeated-read-window", "0s"), "test");
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

    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
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
        return browser.js(script, args);
    }

    private void viewport(int width, int height) {
        browser.viewport(width, height);
    }

    private void login(String username) {
        browser.submitLogin(username, PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        settled();
    }

    private void open(String hash) {
        browser.open(hash);
    }

    private void settled() {
        browser.settled();
    }

    private void click(WebElement element) {
        browser.click(element);
    }

    private String hash() {
        return (String) js("return location.hash");
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private static JsonNode answerOf(JsonNode assessment, String item) {
        for (JsonNode a : assessment.get("answers")) {
            if (item.equals(a.get("item").asText())) {
                return a;
            }
        }
        throw new AssertionError("no answer to " + item + " in " + assessment);
    }

    private void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    private List<String> scriptErrors() {
        return browser.scriptProblems();
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
        assertTrue(text("#assessment-origin").contains("Self-assessment by the firm"), text("#assessment-origin"));
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
        assertEquals("Self-assessment by the firm", text("#worklist-submitted [data-self-assessment='" + id + "']"),
                "the worklist says who prepared it");
        click(row);
        WebElement validate = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-validate")));
        settled();
        assertTrue(text("#assessment-origin").contains("Self-assessment by the firm"), text("#assessment-origin"));
        // Before validating, the assessor corrects an answer and raises its confidence: Validate saves, resubmits and validates.
        WebElement dbs1 = driver.findElement(By.cssSelector("select[data-item=DBS1]"));
        assertTrue(dbs1.isEnabled(), "the RTI corrects a submitted assessment");
        new Select(dbs1).selectByIndex(2);
        new Select(driver.findElement(By.cssSelector("select[data-confidence=DBS1]"))).selectByValue("EVIDENCED");
        click(validate);
        wait.until(d -> text("#assessment-message").contains("Validated"));
        JsonNode done = assessor.get("/api/v1/assessments/" + id);
        assertEquals("VALIDATED", done.get("status").asText());
        assertEquals("assessor", done.get("validatedBy").asText());
        JsonNode corrected = answerOf(done, "DBS1");
        assertEquals("EVIDENCED", corrected.get("confidence").asText(), "the correction was validated: " + corrected);
        assertTrue(!corrected.get("value").equals(answerOf(stored, "DBS1").get("value")), "the corrected value: " + corrected);
        screenshot("assessor-validated-self-assessment-" + width);

        // Back with the firm: its list shows the outcome.
        signOut();
        login("self-" + firmId);
        open("#/firm/self-assessment");
        assertTrue(text("#self-assessments").contains("Validated"), text("#self-assessments"));
        assertTrue(text("#self-assessments").contains("Digital maturity of district SMEs 1.0.0"), "the model by name: " + text("#self-assessments"));
        assertFalse(text("#self-assessments").contains("digital-maturity"), "no model code: " + text("#self-assessments"));
        assertEquals("Your firm", text("#self-assessments [data-started-by='" + id + "']"));
        assertEquals("T1", new Select(driver.findElement(By.cssSelector("#assessment-start select[name=wave]"))).getFirstSelectedOption()
                .getAttribute("value"), "the wave after the firm's T0 is offered");

        // A draft its RTI started opens read-only to the firm.
        long rtiDraft = assessor.post("/api/v1/assessments", Map.of("firmId", firmId, "modelId", "digital-maturity", "modelVersion", "1.0.0",
                "wave", "T1", "date", java.time.LocalDate.parse(stored.get("date").asText()).plusDays(1).toString())).get("id").asLong();
        open("#/firm/self-assessment?assessment=" + rtiDraft);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        settled();
        assertTrue(text("#assessment-origin").contains("Started by your RTI"), text("#assessment-origin"));
        assertFalse(driver.findElement(By.id("assessment-submit")).isDisplayed(), "the firm does not submit its RTI's draft");
        assertFalse(driver.findElement(By.cssSelector("#assessment-form select[data-item]")).isEnabled(), "nor answers it");
        screenshot("firm-reads-rti-draft-" + width);
        open("#/firm/self-assessment");
        assertEquals("Your RTI (read-only)", wait.until(d -> d.findElement(By.cssSelector("#self-assessments [data-started-by='" + rtiDraft + "']")))
                .getText(), "the firm's list marks the assessment its RTI started");
        assertEquals(List.of(), scriptErrors());
    }

    /**
     * A firm user the assessor invited, once an administrator activated it with a first password, signs in with that
     * password and is asked for its own before anything else; the first password then no longer opens the account.
     */
    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1400, 800})
    void aFirmUserTheAssessorInvitedChoosesItsOwnPasswordAtFirstSignIn(int width) throws IOException {
        viewport(width, 900);
        long firmId = assessor.items("/api/v1/firms?size=1&sort=id").get(0).get("id").asLong();
        String invited = "invited-" + width + "-" + firmId;
        // the assessor asks for the account on the firm's page
        login("assessor");
        open("#/firms/" + firmId);
        WebElement inviteForm = wait.until(d -> d.findElement(By.id("invite-firm-user")));
        inviteForm.findElement(By.name("invite-username")).sendKeys(invited);
        click(inviteForm.findElement(By.cssSelector("button[type=submit]")));
        wait.until(d -> text("#invite-status").startsWith("Requested: " + invited));
        screenshot("assessor-requests-firm-account-" + width);
        DemoApi adminApi = new DemoApi(base, "admin", PASSWORD);
        JsonNode request = adminApi.items("/api/v1/users?size=500").stream().filter(u -> invited.equals(u.get("username").asText()))
                .findFirst().orElseThrow();
        assertEquals(firmId, request.get("firmId").asLong());
        assertFalse(request.get("enabled").asBoolean(), "an invitation waits for an administrator");
        signOut();
        // the invitation is disabled until an administrator activates it with a first password for the firm
        adminApi.put("/api/v1/users/" + request.get("id").asLong(),
                Map.of("enabled", true, "password", PASSWORD, "version", request.get("version").asLong()));
        browser.submitLogin(invited, PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-form")));
        assertEquals("Choose your password", text("#login-title"));
        assertFalse(driver.findElement(By.id("nav")).isDisplayed(), "nothing else opens before");
        driver.findElement(By.id("password-new")).sendKeys("firm-own-password-1");
        driver.findElement(By.id("password-repeat")).sendKeys("firm-own-password-2");
        driver.findElement(By.id("password-submit")).click();
        wait.until(d -> text("#login-error").contains("differ"));
        driver.findElement(By.id("password-repeat")).clear();
        driver.findElement(By.id("password-repeat")).sendKeys("firm-own-password-1");
        screenshot("invited-firm-user-chooses-password-" + width);
        driver.findElement(By.id("password-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        settled();
        assertEquals(invited, text("#user-name"));

        signOut();
        browser.submitLogin(invited, PASSWORD);
        wait.until(d -> d.findElement(By.id("login-error")).isDisplayed());
        assertTrue(text("#login-error").contains("Wrong username or password"), text("#login-error"));
        browser.submitLogin(invited, "firm-own-password-1");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));

        // later, the user changes its password from its account page, reached from its name in the top bar
        click(driver.findElement(By.id("user-name")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("change-password")));
        settled();
        driver.findElement(By.cssSelector("#change-password [name=current-password]")).sendKeys("not-my-password");
        driver.findElement(By.cssSelector("#change-password [name=new-password]")).sendKeys("firm-own-password-2");
        driver.findElement(By.cssSelector("#change-password [name=new-password-repeat]")).sendKeys("firm-own-password-2");
        click(driver.findElement(By.cssSelector("#change-password button[type=submit]")));
        wait.until(d -> text("#password-status").contains("Current password: is not your current password"));
        assertEquals("true", driver.findElement(By.cssSelector("#change-password [name=current-password]")).getAttribute("aria-invalid"));
        driver.findElement(By.cssSelector("#change-password [name=current-password]")).clear();
        driver.findElement(By.cssSelector("#change-password [name=current-password]")).sendKeys("firm-own-password-1");
        screenshot("firm-user-changes-password-" + width);
        click(driver.findElement(By.cssSelector("#change-password button[type=submit]")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertTrue(text("#login-notice").contains("Your password is changed"), text("#login-notice"));
        browser.submitLogin(invited, "firm-own-password-2");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
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

        // Reads of one firm by the assessor are audited (every one: this service records repeated reads, see its start);
        // the log is searched by user, 50 events per page.
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
        // the pressed button was replaced with the page: the focus goes to the new page's count, not back to the top
        wait.until(d -> "audit-page".equals(d.switchTo().activeElement().getAttribute("id")));
        screenshot("admin-audit-" + width);

        // The search and the page survive a reload.
        driver.navigate().refresh();
        settled();
        wait.until(d -> d.findElement(By.id("audit-page")).getText().startsWith("Page 2"));
        assertEquals("assessor", driver.findElement(By.id("audit-user")).getAttribute("value"));

        // Filters combine: the assessor's reads of that firm, by the text of the path; each row names the firm.
        String firmName = assessor.get("/api/v1/firms/" + served).get("name").asText();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("audit-method"))).selectByValue("GET");
        WebElement text = driver.findElement(By.id("audit-text"));
        text.clear();
        text.sendKeys("/api/v1/firms/" + served);
        js("document.getElementById('audit-from').value = '2026-01-01'");
        click(driver.findElement(By.id("audit-submit")));
        wait.until(d -> hash().contains("method=GET") && hash().contains("q=") && hash().contains("from=2026-01-01") && !hash().contains("page="));
        wait.until(d -> d.findElement(By.id("audit-page")).getText().startsWith("Page 1"));
        rows = driver.findElements(By.cssSelector("#audit-results tbody tr"));
        assertEquals(50, rows.size());
        for (WebElement row : rows) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertEquals("assessor", cells.get(1).getText());
            assertTrue(cells.get(3).getText().startsWith("GET /api/v1/firms/" + served), row.getText());
            assertTrue(cells.get(5).getText().startsWith(firmName), "the firm by name: " + row.getText());
        }
        // The combined search survives a reload; a period that ends before it starts is refused on the page.
        driver.navigate().refresh();
        settled();
        wait.until(d -> d.findElement(By.id("audit-page")).getText().startsWith("Page 1"));
        assertEquals("GET", driver.findElement(By.id("audit-method")).getAttribute("value"));
        assertEquals("/api/v1/firms/" + served, driver.findElement(By.id("audit-text")).getAttribute("value"));
        js("document.getElementById('audit-to').value = '2025-12-31'");
        click(driver.findElement(By.id("audit-submit")));
        wait.until(d -> d.findElement(By.id("audit-results")).getText().contains("The period ends before it starts"));
        screenshot("admin-audit-combined-" + width);
        assertEquals(List.of(), scriptErrors());
    }
}
