package org.i4tracker.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programme management in a real headless Chromium against the real service with the demo region: the agency analyst
 * creates a programme delivered by the assessor's institute (an end date before the start is refused next to the
 * field) and renames it, the assessor enrols the demo firm with the firm picker, changes its services, the firm's user grants the
 * agency its consent from "My firm" (the agency then sees the enrolment), and the assessor records a withdrawal — first
 * asked once more, then refused because someone else changed the enrolment meanwhile (409: "changed by someone else"),
 * then recorded after a reload.
 * Refusals: the assessor has no "New programme" button, the form's route shows "no access", the API answers its POST
 * with 403, and on a programme its institute does not deliver it is told why it cannot enrol. The regional base programme
 * leads to its district adaptations, and its closed enrolment window sets the date offered. Screenshots go to
 * target/screenshots/. Skips (with the reason printed) without chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgrammeBrowserTest {

    private static final String PASSWORD = "demo-password";

    private EmbeddedServer server;
    private Browser browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private String base;
    private DemoApi admin;
    private JsonNode firm;
    private long inescop;
    private long region;

    @BeforeAll
    void startServiceAndBrowser() throws Exception {
        browser = Browser.startOrSkip("programme browser tests", Duration.ofSeconds(15));
        driver = browser.driver();
        wait = browser.waiting();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1, "i4.demo.enabled", true), "test");
        base = "http://localhost:" + server.getPort();
        admin = new DemoApi(base, "admin", PASSWORD);
        JsonNode firmUser = new DemoApi(base, "firm", PASSWORD).get("/api/v1/users/me");
        firm = admin.get("/api/v1/firms/" + firmUser.get("firmId").asLong());
        inescop = new DemoApi(base, "assessor", PASSWORD).get("/api/v1/users/me").get("institutionId").asLong();
        region = new DemoApi(base, "agency", PASSWORD).get("/api/v1/users/me").get("regionId").asLong();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.viewport(1400, 900);
        driver.get(base + "/dashboards/index.html");
        browser.js("sessionStorage.clear()");
        driver.get(base + "/dashboards/index.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.console();
    }

    private void loginAs(String username) {
        signedOut();
        browser.submitLogin(username, PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        browser.settled();
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private void click(String css) {
        browser.click(driver.findElement(By.cssSelector(css)));
    }

    /** Sets a form control's value as the user's typing would (date inputs take yyyy-mm-dd whatever the locale shows). */
    private void set(String css, String value) {
        browser.js("const c = arguments[0]; c.value = arguments[1]; c.dispatchEvent(new Event('input', {bubbles: true}));",
                driver.findElement(By.cssSelector(css)), value);
    }

    private String hash() {
        return (String) browser.js("return decodeURIComponent(location.hash)");
    }

    private List<String> services(JsonNode enrolment) {
        List<String> out = new ArrayList<>();
        enrolment.get("services").forEach(s -> out.add(s.get("service").asText()));
        return out;
    }

    @Test
    void theAgencyCreatesAProgrammeTheAssessorEnrolsAFirmThatConsentsAndWithdraws() throws IOException {
        // The agency analyst creates a programme; an end before the start is refused next to the end date.
        loginAs("agency");
        click("#nav a[href='#/programmes']");
        browser.settled();
        assertTrue(text("#programme-list").contains("CV-I40"), text("#programme-list"));
        assertTrue(text("#programme-list").contains("INESCOP"), "RTIs are named: " + text("#programme-list"));
        click("#programme-new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("programme-form")));
        browser.settled();
        String code = "BT-" + System.nanoTime() % 1_000_000;
        driver.findElement(By.name("code")).sendKeys(code);
        driver.findElement(By.name("name")).sendKeys("Browser test programme");
        set("input[name=startsOn]", "2024-01-01");
        set("input[name=endsOn]", "2023-12-31");
        click("#programme-form input[name=rtiIds][value='" + inescop + "']");
        for (String service : List.of("DIGITAL_AUDIT", "TRAINING", "PILOT_PLANT_ACCESS")) {
            click("#programme-form input[name=services][value=" + service + "]");
        }
        click("#programme-save");
        WebElement endError = wait.until(d -> d.findElement(By.cssSelector("#programme-form .field-error[data-field=endsOn]")));
        assertTrue(endError.getText().contains("must not be before startsOn"), endError.getText());
        assertEquals("true", driver.findElement(By.name("endsOn")).getAttribute("aria-invalid"));
        assertEquals(endError.getAttribute("id"), driver.findElement(By.name("endsOn")).getAttribute("aria-describedby"));
        assertEquals("Not saved: correct the field marked above (Ends on).", text("#programme-problem"),
                "the summary names the field by its label, not the service's path endsOn");
        browser.screenshot("programme-form-refused");
        assertThrows(IllegalStateException.class, () -> admin.id("/api/v1/programmes?size=500", "code", code), "nothing was stored");

        set("input[name=endsOn]", "");
        click("#programme-save");
        wait.until(d -> hash().contains("saved=created"));
        browser.settled();
        long id = Long.parseLong(hash().replaceAll("#/programmes/(\\d+).*", "$1"));
        assertTrue(text("#programme-saved").contains("Programme created"));
        JsonNode stored = admin.get("/api/v1/programmes/" + id);
        assertEquals(code, stored.get("code").asText());
        assertEquals(region, stored.get("regionId").asLong());
        assertEquals(inescop, stored.get("rtiIds").get(0).asLong());
        assertEquals(3, stored.get("services").size());
        assertTrue(text("#programme-facts").contains("Digital audit, Training, Pilot plant access"), text("#programme-facts"));
        // the firm has not consented to the agency: the agency sees no enrolment of it
        assertTrue(text("#enrolments").contains("No enrolled firms to show"), text("#enrolments"));
        // a change sends the version it read
        click("#programme-edit");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("programme-form")));
        browser.settled();
        assertEquals("Browser test programme", driver.findElement(By.name("name")).getAttribute("value"));
        driver.findElement(By.name("name")).sendKeys(" 2025");
        click("#programme-save");
        wait.until(d -> hash().contains("saved=changed"));
        browser.settled();
        assertTrue(text("#programme-saved").contains("Changes saved"));
        assertEquals("Browser test programme 2025", admin.get("/api/v1/programmes/" + id).get("name").asText());
        assertEquals(1, admin.get("/api/v1/programmes/" + id).get("version").asLong());

        // The assessor, whose institute delivers the programme, enrols the demo firm and changes its services.
        loginAs("assessor");
        browser.open("#/programmes/" + id);
        assertTrue(driver.findElements(By.id("programme-edit")).isEmpty(), "assessors do not change programmes");
        browser.pickFirm(driver.findElement(By.cssSelector("#enrol-form input[role=combobox]")), firm.get("id").asLong(),
                firm.get("name").asText(), firm.get("code").asText());
        assertEquals(LocalDate.now().toString(), driver.findElement(By.cssSelector("#enrol-form input[name=enrolledOn]")).getAttribute("value"),
                "the enrolment date defaults to today");
        click("#enrol-form input[data-service=DIGITAL_AUDIT]");
        click("#enrol-submit");
        wait.until(d -> text("#enrol-status").contains("enrolled"));
        wait.until(d -> text("#enrolments").contains(firm.get("name").asText()));
        JsonNode enrolment = admin.items("/api/v1/programmes/" + id + "/enrolments").get(0);
        long enrolmentId = enrolment.get("id").asLong();
        assertEquals(firm.get("id").asLong(), enrolment.get("firmId").asLong());
        assertEquals(List.of("DIGITAL_AUDIT"), services(enrolment));
        // enrolling it again is refused, next to the firm
        browser.pickFirm(driver.findElement(By.cssSelector("#enrol-form input[role=combobox]")), firm.get("id").asLong(),
                firm.get("name").asText(), firm.get("code").asText());
        click("#enrol-submit");
        WebElement again = wait.until(d -> d.findElement(By.cssSelector("#enrol-form .field-error[data-field=firmId]")));
        assertTrue(again.getText().contains("already enrolled"), again.getText());

        click("button[data-enrolment='" + enrolmentId + "']");
        click("#services-form input[data-service=TRAINING]");
        click("#services-save");
        wait.until(d -> text("#services-form").contains("saved"));
        assertEquals(List.of("DIGITAL_AUDIT", "TRAINING"), services(admin.get("/api/v1/programmes/" + id + "/enrolments/" + enrolmentId)));
        browser.screenshot("programme-enrolment-editor");

        // The firm's user grants the agency its consent from "My firm".
        loginAs("firm");
        wait.until(d -> !d.findElements(By.cssSelector("#firm-programmes button[data-consent='" + enrolmentId + "']")).isEmpty());
        assertTrue(text("#firm-programmes").contains("Browser test programme 2025"), text("#firm-programmes"));
        click("#firm-programmes button[data-consent='" + enrolmentId + "']");
        wait.until(d -> text("#consent-status").contains("Consent granted"));
        assertTrue(text("#firm-programmes").contains("Withdraw consent"));
        assertTrue(admin.get("/api/v1/programmes/" + id + "/enrolments/" + enrolmentId + "/consent").get("granted").asBoolean());
        browser.screenshot("firm-programme-consent");

        // Now the agency sees the firm's enrolment, with its consent.
        loginAs("agency");
        browser.open("#/programmes/" + id);
        wait.until(d -> text("#enrolments").contains(firm.get("name").asText()));
        assertTrue(text("#enrolments").contains("Yes, consented"), text("#enrolments"));

        // The assessor records a withdrawal; someone else changed the enrolment meanwhile, so the first try is refused.
        loginAs("assessor");
        browser.open("#/programmes/" + id);
        click("button[data-enrolment='" + enrolmentId + "']");
        JsonNode current = admin.get("/api/v1/programmes/" + id + "/enrolments/" + enrolmentId);
        admin.put("/api/v1/programmes/" + id + "/enrolments/" + enrolmentId, Map.of("services",
                List.of(Map.of("service", "DIGITAL_AUDIT"), Map.of("service", "TRAINING"), Map.of("service", "PILOT_PLANT_ACCESS")),
                "version", current.get("version").asLong()));
        driver.findElement(By.cssSelector("#withdrawal-form input[name=reason]")).sendKeys("Moved production abroad");
        click("#withdrawal-save");
        // a withdrawal cannot be taken back: the page asks once more, naming the firm, and stores nothing before the answer
        WebElement question = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("withdrawal-confirm")));
        assertTrue(question.getText().contains(firm.get("name").asText()) && question.getText().contains("cannot be undone"), question.getText());
        assertEquals("withdrawal-yes", driver.switchTo().activeElement().getAttribute("id"), "the focus is on the answer");
        assertTrue(admin.get("/api/v1/programmes/" + id + "/enrolments/" + enrolmentId).get("withdrawnOn").isNull(), "not before the answer");
        click("#withdrawal-yes");
        WebElement stale = wait.until(d -> d.findElement(By.cssSelector("#enrolment-editor [data-problem=stale]")));
        assertTrue(stale.getText().contains("changed by someone else"), stale.getText());
        assertTrue(admin.get("/api/v1/programmes/" + id + "/enrolments/" + enrolmentId).get("withdrawnOn").isNull(), "nothing overwritten");
        browser.screenshot("programme-enrolment-stale");
        click("#enrolment-reload");
        browser.settled();
        wait.until(d -> text("#enrolments").contains("Pilot plant access"));
        click("button[data-enrolment='" + enrolmentId + "']");
        driver.findElement(By.cssSelector("#withdrawal-form input[name=reason]")).sendKeys("Moved production abroad");
        click("#withdrawal-save");
        click("#withdrawal-yes");
        wait.until(d -> text("#withdrawal-status").contains("Withdrawal of"));
        JsonNode withdrawn = admin.get("/api/v1/programmes/" + id + "/enrolments/" + enrolmentId);
        assertEquals(LocalDate.now().toString(), withdrawn.get("withdrawnOn").asText());
        assertEquals("Moved production abroad", withdrawn.get("withdrawalReason").asText());
        wait.until(d -> text("#enrolments").contains("Moved production abroad"));
        assertEquals(List.of(), browser.scriptProblems());
    }

    @Test
    void anAssessorCreatesNoProgrammeAndEnrolsOnlyInTheProgrammesItsInstituteDelivers() throws IOException {
        loginAs("assessor");
        browser.open("#/programmes");
        assertTrue(text("#programme-list").contains("CV-I40"), text("#programme-list"));
        assertTrue(driver.findElements(By.id("programme-new")).isEmpty(), "no create button for an RTI");
        browser.open("#/programmes/new");
        assertFalse(driver.findElements(By.cssSelector("#view [data-state=forbidden]")).isEmpty(), text("#view"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new DemoApi(base, "assessor", PASSWORD)
                .post("/api/v1/programmes", Map.of("code", "RTI-TRY", "name", "Not mine", "regionId", region, "startsOn", "2024-01-01",
                        "coFunding", Map.of("publicShare", 50, "firmShare", 50))));
        assertTrue(refused.getMessage().contains("answered 403"), refused.getMessage());

        // A programme its institute does not deliver: the assessor reads it, is told why it cannot enrol, and the API refuses.
        long other = admin.post("/api/v1/programmes", Map.of("code", "BT-OTHER-" + System.nanoTime() % 1_000_000, "name", "Delivered by nobody yet",
                "regionId", region, "startsOn", "2024-01-01", "coFunding", Map.of("publicShare", 50, "firmShare", 50))).get("id").asLong();
        browser.open("#/programmes/" + other);
        assertTrue(text("#enrol-not-yours").contains("Your institute does not deliver this programme"), text("#view"));
        assertTrue(driver.findElements(By.id("enrol-form")).isEmpty());
        IllegalStateException notDelivered = assertThrows(IllegalStateException.class, () -> new DemoApi(base, "assessor", PASSWORD)
                .post("/api/v1/programmes/" + other + "/enrolments", Map.of("firmId", firm.get("id").asLong(), "enrolledOn", "2024-06-01")));
        assertTrue(notDelivered.getMessage().contains("answered 403"), notDelivered.getMessage());

        // Sorting and paging live in the address; the list fits a narrow window.
        browser.viewport(800, 900);
        browser.open("#/programmes");
        click("#programme-list button[data-sort=name]");
        wait.until(d -> hash().contains("sort=name,asc"));
        browser.settled();
        click("#programme-list button[data-sort=name]");
        wait.until(d -> hash().contains("sort=name,desc"));
        browser.settled();
        assertEquals("descending", driver.findElement(By.cssSelector("#programme-list th[aria-sort]")).getAttribute("aria-sort"));
        List<String> names = driver.findElements(By.cssSelector("#programme-list td a[data-programme]")).stream().map(WebElement::getText).toList();
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, names, "sorted by name, descending");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("programme-list")));
        assertEquals("descending", driver.findElement(By.cssSelector("#programme-list th[aria-sort]")).getAttribute("aria-sort"));
        assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scrolling");
        browser.screenshot("programmes-list-800");
        assertEquals(List.of(), browser.scriptProblems());
    }

    @Test
    void aBaseProgrammeLeadsToItsDistrictAdaptationsAndAClosedEnrolmentWindowSetsTheDate() throws IOException {
        loginAs("agency");
        long base = admin.id("/api/v1/programmes?size=500", "code", "CV-I40");
        long footwear = admin.id("/api/v1/programmes?size=500", "code", "CV-I40-1520");
        String closed = admin.get("/api/v1/programmes/" + base).get("eligibility").get("enrolUntil").asText();
        browser.open("#/programmes/" + base);
        // its firms enrol in the district adaptations: the page names them and links to them instead of a bare empty list
        assertTrue(text("#programme-adaptations").contains("CV-I40-1520"), text("#programme-adaptations"));
        assertTrue(text("#enrolments").contains("Firms enrol in its district adaptations"), text("#enrolments"));
        // the demo's enrolment window has closed: the date offered is its last day and the form says why, not today's refused date
        assertTrue(LocalDate.parse(closed).isBefore(LocalDate.now()), "the demo's CV-I40 enrolment window is closed: " + closed);
        assertEquals(closed, driver.findElement(By.cssSelector("#enrol-form input[name=enrolledOn]")).getAttribute("value"));
        assertTrue(text("#enrol-form").contains("Enrolment closed on"), text("#enrol-form"));
        browser.screenshot("programme-base-adaptations");
        click("#programme-adaptations a[data-adaptation='CV-I40-1520']");
        wait.until(d -> hash().startsWith("#/programmes/" + footwear));
        browser.settled();
        assertTrue(text("#programme-facts").contains("District adaptation for"), text("#programme-facts"));
        assertTrue(driver.findElements(By.id("programme-adaptations")).isEmpty(), "an adaptation has no adaptations of its own");
        // its firms have not consented to the agency: the empty list says so instead of a bare "no firms"
        List<JsonNode> enrolled = admin.items("/api/v1/programmes/" + footwear + "/enrolments?size=100");
        assertTrue(!enrolled.isEmpty() && enrolled.stream().noneMatch(e -> e.get("consented").asBoolean()), "the demo's firms did not consent");
        wait.until(d -> text("#enrolments").contains(enrolled.size() + " firms are enrolled, but none has consented to your agency"));
        assertEquals(List.of(), browser.scriptProblems());
    }
}
