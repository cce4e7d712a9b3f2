package org.i4tracker.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.i4tracker.telemetry.StoredSamples;
import org.i4tracker.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assessor's day in a real headless Chromium against the real service with the demo region, the embedded MQTT
 * broker and the demo plant simulator (as the first {@code ./mvnw mn:run} starts them): names instead of codes, state in
 * the address (reload, Back), the favicon and a clean console; the worklist, the firm picker, the assessment form with
 * guidance, confidence, evidence, missing items and the partial score, draft date and delete, revisions; a session that
 * ends mid-work; pilot plants with live demo machines, plant and machine registration; dead-letter replay. Workflows run
 * at 1400 px and 800 px. Screenshots go to target/screenshots/. Skips (with the reason printed) without chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessorDashboardBrowserTest {

    private static final String PASSWORD = "demo-password";

    private EmbeddedServer server;
    private WebDriver driver;
    private WebDriverWait wait;
    private Browser browser;
    private String base;
    private int brokerPort;
    private DemoApi assessor;
    private final Deque<JsonNode> unassessed = new ArrayDeque<>();
    private JsonNode validated;
    private JsonNode model;
    private Map<String, JsonNode> labels;

    @BeforeAll
    void startServiceAndBrowser() throws Exception {
        browser = Browser.startOrSkip("assessor dashboard browser tests", Duration.ofSeconds(15));
        driver = browser.driver();
        wait = browser.waiting();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            brokerPort = probe.getLocalPort();
        }
        // The demo with telemetry on, as application.yml has it for `./mvnw mn:run`; the broker on a free port of its own.
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1, "i4.demo.enabled", true,
                "i4.mqtt.enabled", true, "i4.mqtt.embedded.port", brokerPort,
                "i4.mqtt.embedded.data-path", Files.createTempDirectory("i4-browser-mqtt").toString(),
                "i4.mqtt.client-id", "browser-test-" + brokerPort), "test");
        base = "http://localhost:" + server.getPort();
        assessor = new DemoApi(base, "assessor", PASSWORD);
        for (JsonNode f : assessor.items("/api/v1/firms?size=500&sort=id")) {
            if (unassessed.size() < 8 && assessor.get("/api/v1/assessments?firm=" + f.get("id").asLong() + "&size=1").get("totalItems").asLong() == 0) {
                unassessed.add(f);
            }
            if (validated == null) {
                validated = assessor.items("/api/v1/assessments?firm=" + f.get("id").asLong() + "&status=VALIDATED&size=50").stream()
                        .filter(a -> a.get("supersededBy").isNull()).findFirst().orElse(null);
            }
        }
        assertTrue(unassessed.size() >= 6 && validated != null, "the demo gives the assessor unassessed firms and a validated assessment");
        model = assessor.get("/api/v1/models/digital-maturity/versions/1.0.0");
        labels = Map.of("nace", assessor.get("/api/v1/labels").get("nace"), "technologies", assessor.get("/api/v1/labels").get("technologies"));

    }

    private final java.util.Set<Long> backfilled = new java.util.HashSet<>();

    /** Stores a reading every 30 s over the 24 h before the machine's first live one (once per machine). */
    private void backfillDay(long machineId) throws java.sql.SQLException {
        if (!backfilled.add(machineId)) {
            return;
        }
        DataSource ds = server.getApplicationContext().getBean(DataSourceResolver.class)
                .resolve(server.getApplicationContext().getBean(DataSource.class));
        try (Connection c = ds.getConnection()) {
            Instant stored = StoredSamples.firstTs(c, machineId);
            Instant first = stored == null ? Instant.now() : stored;
            Instant start = Instant.now().minus(Duration.ofHours(24));
            List<StoredSamples.Reading> readings = new java.util.ArrayList<>();
            int i = 0;
            for (Instant ts = start; ts.isBefore(first); ts = ts.plusSeconds(30), i++) {
                readings.add(new StoredSamples.Reading(ts, i % 10 == 9 ? "IDLE" : "EXECUTE", i, i / 40,
                        "{\"spindleTempC\":" + (40 + i % 7) + "}"));
            }
            StoredSamples.insert(c, machineId, readings);
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
        viewport(1400, 900);
        driver.get(base + "/dashboards/index.html");
        js("sessionStorage.clear()");
        driver.get(base + "/dashboards/index.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        driver.manage().logs().get(LogType.BROWSER);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

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

    /** Clicks an element after scrolling it to the middle of the viewport (clear of the sticky top bar). */
    private void click(WebElement element) {
        browser.click(element);
    }

    private String hash() {
        return (String) js("return location.hash");
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    /** Console entries at SEVERE level: script errors, CSP violations and failed requests. */
    private List<String> severe() {
        return browser.severe();
    }

    private List<String> scriptErrors() {
        return browser.scriptProblems();
    }

    private long paintedPixels(String canvasId) {
        wait.until(d -> "true".equals(js("const c = document.getElementById(arguments[0]); return c ? c.dataset.ready : null;", canvasId)));
        return ((Number) js("""
                const c = document.getElementById(arguments[0]);
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let painted = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
                return painted;""", canvasId)).longValue();
    }

    private JsonNode item(String code) {
        for (JsonNode d : model.get("dimensions")) {
            for (JsonNode i : d.get("items")) {
                if (i.get("code").asText().equals(code)) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException(code);
    }

    private String naceLabel(String code) {
        JsonNode nace = labels.get("nace");
        JsonNode d = nace.has(code) ? nace.get(code) : nace.get(code.substring(0, 2));
        return d == null ? code : code + " " + d.asText();
    }

    // ---- everyone -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1400, 800})
    void namesNotCodesStateInTheAddressAFaviconAndACleanConsole(int width) throws IOException {
        viewport(width, 900);
        login("assessor");
        assertEquals("Worklist", text("#view h1"), "the assessor starts on the worklist");
        JsonNode firm = unassessed.peekFirst();
        open("#/rti/firms");
        WebElement q = driver.findElement(By.name("q"));
        q.sendKeys(firm.get("name").asText());
        q.submit();
        wait.until(d -> hash().contains("q=") && !d.findElements(By.cssSelector("#view tbody tr")).isEmpty());
        String row = text("#view tbody tr");
        assertTrue(row.contains(naceLabel(firm.get("naceCode").asText())), "NACE code with its description: " + row);
        String district = assessor.get("/api/v1/districts/" + firm.get("districtId").asLong()).get("name").asText();
        assertTrue(row.contains(district), "the district by name: " + row);
        for (JsonNode t : firm.path("capabilities").path("technologies")) {
            assertTrue(row.contains(labels.get("technologies").get(t.asText()).asText()), "technology by its catalogue name: " + row);
        }
        String search = hash();
        screenshot("assessor-firm-search-" + width);

        driver.findElement(By.linkText(firm.get("name").asText())).click();
        wait.until(d -> d.findElements(By.cssSelector("#view h1")).stream().anyMatch(h -> h.getText().equals(firm.get("name").asText())));
        settled();
        assertTrue(text("#view .facts").contains(naceLabel(firm.get("naceCode").asText())), text("#view .facts"));
        driver.navigate().back();
        wait.until(d -> hash().equals(search) && !d.findElements(By.cssSelector("#view tbody tr")).isEmpty());
        assertEquals(firm.get("name").asText(), driver.findElement(By.name("q")).getAttribute("value"), "Back returns to the search as it was");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view tbody tr")));
        assertEquals(firm.get("name").asText(), driver.findElement(By.name("q")).getAttribute("value"), "a reload keeps the search");
        assertEquals(search, hash());

        Object favicon = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const link = document.querySelector('link[rel=icon]');
                fetch(link.href).then(r => done(r.status + ' ' + r.headers.get('content-type'))).catch(e => done(String(e)));""");
        assertTrue(String.valueOf(favicon).startsWith("200 image/svg"), "favicon: " + favicon);
        assertEquals(List.of(), severe(), "no console error on a normal visit");
    }

    /** The assessment ids of the list's rows, in order. */
    private List<Long> listedAssessments() {
        return driver.findElements(By.cssSelector("#assessment-list tbody a[data-assessment]")).stream()
                .map(a -> Long.parseLong(a.getAttribute("data-assessment"))).toList();
    }

    /** The assessment ids the API answers the assessor for a list query, in order. */
    private List<Long> apiAssessments(String query) {
        return assessor.items("/api/v1/assessments?size=20&current=true&" + query).stream().map(a -> a.get("id").asLong()).toList();
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1400, 800})
    void anAssessorListsTheAssessmentsOfItsFirmsSortsFiltersAndPagesThemInTheAddressAndOpensOne(int width) throws IOException {
        viewport(width, 900);
        login("assessor");
        open("#/rti/assessments");
        wait.until(d -> !listedAssessments().isEmpty());
        long total = assessor.get("/api/v1/assessments?current=true&size=1").get("totalItems").asLong();
        assertTrue(total > 20, "the demo gives the assessor more than a page of assessments: " + total);
        assertEquals(apiAssessments("sort=assessedOn,desc"), listedAssessments(), "newest first, the firms the institute serves only");
        assertTrue(text("#assessments-page").endsWith(String.format(java.util.Locale.UK, "%,d assessments", total)), text("#assessments-page"));
        assertEquals("descending", driver.findElement(By.cssSelector("th[aria-sort]")).getAttribute("aria-sort"));
        String firstRow = text("#assessment-list tbody tr");
        JsonNode first = assessor.get("/api/v1/assessments/" + listedAssessments().get(0));
        assertTrue(firstRow.contains(assessor.get("/api/v1/firms/" + first.get("firmId").asLong()).get("name").asText()), "the firm by name: " + firstRow);
        assertTrue(firstRow.contains("Digital maturity of district SMEs 1.0.0"), "the model by name: " + firstRow);

        // a header sorts: clicking "Assessed on" turns the order, the header keeps the focus and says how it sorts
        click(driver.findElement(By.cssSelector("button[data-sort=assessedOn]")));
        wait.until(d -> hash().contains("sort=assessedOn%2Casc"));
        settled();
        assertEquals(apiAssessments("sort=assessedOn,asc"), listedAssessments());
        assertEquals("ascending", driver.findElement(By.xpath("//button[@data-sort='assessedOn']/ancestor::th")).getAttribute("aria-sort"));
        assertEquals("assessedOn", js("return document.activeElement.dataset.sort"), "the focus stays on the header");
        // and from the keyboard: the score header, highest first
        driver.findElement(By.cssSelector("button[data-sort=overallScore]")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(d -> hash().contains("sort=overallScore%2Cdesc"));
        settled();
        assertEquals(apiAssessments("sort=overallScore,desc"), listedAssessments());
        assertEquals(1, driver.findElements(By.cssSelector("th[aria-sort]")).size(), "one column says how the list is sorted");

        // filters, then the next page; a reload keeps all of it
        new Select(driver.findElement(By.id("assessments-status"))).selectByValue("VALIDATED");
        new Select(driver.findElement(By.id("assessments-wave"))).selectByValue("T1");
        click(driver.findElement(By.id("assessments-submit")));
        wait.until(d -> hash().contains("status=VALIDATED") && hash().contains("wave=T1"));
        settled();
        assertEquals(apiAssessments("status=VALIDATED&wave=T1&sort=overallScore,desc"), listedAssessments());
        if (assessor.get("/api/v1/assessments?current=true&status=VALIDATED&wave=T1&size=20").get("totalPages").asInt() > 1) {
            click(driver.findElement(By.id("assessments-next")));
            wait.until(d -> hash().contains("page=1"));
            settled();
            assertEquals(apiAssessments("status=VALIDATED&wave=T1&sort=overallScore,desc&page=1"), listedAssessments());
        }
        String address = hash();
        List<Long> shown = listedAssessments();
        driver.navigate().refresh();
        wait.until(d -> !listedAssessments().isEmpty());
        assertEquals(address, hash());
        assertEquals(shown, listedAssessments(), "a reload shows the same page");
        assertEquals("VALIDATED", driver.findElement(By.id("assessments-status")).getAttribute("value"));
        assertEquals("descending", driver.findElement(By.xpath("//button[@data-sort='overallScore']/ancestor::th")).getAttribute("aria-sort"));
        screenshot("assessor-assessment-list-" + width);

        // a period that ends before it starts is refused on the page
        js("document.getElementById('assessments-from').value = '2025-01-01'; document.getElementById('assessments-to').value = '2024-01-01';");
        click(driver.findElement(By.id("assessments-submit")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("assessments-invalid"), "The period ends before it starts"));
        assertEquals("true", driver.findElement(By.id("assessments-to")).getAttribute("aria-invalid"));
        assertEquals(address, hash(), "nothing was searched");

        // a row opens its assessment; Back returns to the list as it was
        driver.navigate().refresh();
        wait.until(d -> !listedAssessments().isEmpty());
        long opened = listedAssessments().get(0);
        click(driver.findElement(By.cssSelector("#assessment-list a[data-assessment='" + opened + "']")));
        wait.until(d -> hash().equals("#/rti/assessments?assessment=" + opened));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        driver.navigate().back();
        wait.until(d -> hash().equals(address) && !listedAssessments().isEmpty());
        assertEquals(shown, listedAssessments());
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    void theFirmSearchSortsByAHeaderAndTheFirmUserHasNoAssessmentList() throws IOException {
        login("assessor");
        open("#/rti/firms");
        wait.until(d -> !d.findElements(By.cssSelector("#view tbody tr")).isEmpty());
        assertEquals("ascending", driver.findElement(By.xpath("//button[@data-sort='name']/ancestor::th")).getAttribute("aria-sort"), "by name first");
        click(driver.findElement(By.cssSelector("button[data-sort=employees]")));
        wait.until(d -> hash().contains("sort=employees%2Cdesc"));
        settled();
        List<Long> expected = assessor.items("/api/v1/firms?size=20&sort=employees,desc").stream().map(f -> f.get("employees").asLong()).toList();
        List<Long> shown = driver.findElements(By.cssSelector("#view tbody tr td.num")).stream()
                .map(td -> Long.parseLong(td.getText().replace(",", ""))).toList();
        assertEquals(expected, shown, "the largest firms first, as the service sorts them");
        driver.navigate().refresh();
        wait.until(d -> !d.findElements(By.cssSelector("#view tbody tr")).isEmpty());
        assertEquals("descending", driver.findElement(By.xpath("//button[@data-sort='employees']/ancestor::th")).getAttribute("aria-sort"),
                "the order is in the address");
        screenshot("assessor-firm-search-sorted");

        // the firm user has no institute list: the page is refused, and the service lists its own firm only
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        login("firm");
        open("#/rti/assessments");
        assertFalse(driver.findElements(By.cssSelector("#view [data-state=forbidden]")).isEmpty(), "the page is refused");
        DemoApi firm = new DemoApi(base, "firm", PASSWORD);
        long own = firm.get("/api/v1/users/me").get("firmId").asLong();
        assertTrue(firm.items("/api/v1/assessments?size=500").stream().allMatch(a -> a.get("firmId").asLong() == own));
        assertEquals(List.of(), scriptErrors());
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1400, 800})
    void aSessionThatEndsMidWorkSignsInAgainAndReturnsToTheSamePlace(int width) throws IOException {
        viewport(width, 900);
        JsonNode firm = unassessed.removeFirst();
        long id = assessor.post("/api/v1/assessments", Map.of("firmId", firm.get("id").asLong(), "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T0", "date", LocalDate.now().toString())).get("id").asLong();
        login("assessor");
        open("#/rti/assessments?assessment=" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        new Select(driver.findElement(By.cssSelector("select[data-item=DBS1]"))).selectByValue("3");
        // The access token expires: the page renews it with the refresh token and the save goes through.
        String before = (String) js("return JSON.parse(sessionStorage.getItem('i4.session')).accessToken");
        js("const s = JSON.parse(sessionStorage.getItem('i4.session')); s.accessToken = 'expired.' + s.accessToken.slice(7);"
                + " sessionStorage.setItem('i4.session', JSON.stringify(s));");
        click(driver.findElement(By.id("assessment-save")));
        wait.until(d -> text("#assessment-message").contains("Draft saved."));
        // the expired token was replaced (a token renewed within the second it was first issued may equal the original:
        // same claims, same issue time)
        String after = (String) js("return JSON.parse(sessionStorage.getItem('i4.session')).accessToken");
        assertFalse(after.startsWith("expired."), "the expired access token was replaced by a renewed one: " + after.equals(before));
        assertEquals(3, assessor.get("/api/v1/assessments/" + id).get("answers").get(0).get("value").asInt());

        // The session ends (access and refresh token no longer accepted) while the assessor works.
        js("const s = JSON.parse(sessionStorage.getItem('i4.session')); s.accessToken = 'x' + s.accessToken; s.refreshToken = 'x' + s.refreshToken;"
                + " sessionStorage.setItem('i4.session', JSON.stringify(s));");
        new Select(driver.findElement(By.cssSelector("select[data-item=DBS3]"))).selectByValue("true");
        click(driver.findElement(By.id("assessment-save")));
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-notice")));
        assertTrue(notice.getText().contains("Your session has ended"), notice.getText());
        assertFalse(driver.findElement(By.id("view")).isDisplayed(), "no page is left stuck on Loading…");
        screenshot("session-ended-" + width);
        login("assessor");
        assertEquals("#/rti/assessments?assessment=" + id, hash(), "signed in again, the assessor is back where they were");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        assertEquals("3", new Select(driver.findElement(By.cssSelector("select[data-item=DBS1]"))).getFirstSelectedOption().getAttribute("value"));
        assertEquals(List.of(), scriptErrors());
    }

    // ---- assessor -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1400, 800})
    void anAssessorStartsFromTheFirmPageFillsTheFormWithGuidanceConfidenceAndEvidenceThenRedatesAndDeletesTheDraft(int width) throws IOException {
        viewport(width, 900);
        JsonNode firm = unassessed.removeFirst();
        long firmId = firm.get("id").asLong();
        login("assessor");
        open("#/firms/" + firmId);
        driver.findElement(By.id("start-assessment")).click();
        settled();
        WebElement picker = wait.until(d -> d.findElement(By.cssSelector("#assessment-start input[role=combobox]")));
        wait.until(d -> picker.getAttribute("value").equals(firm.get("name").asText() + " (" + firm.get("code").asText() + ")"));
        driver.findElement(By.id("assessment-create")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        settled();
        long id = Long.parseLong(hash().replaceAll(".*assessment=(\\d+).*", "$1"));
        assertEquals(firmId, assessor.get("/api/v1/assessments/" + id).get("firmId").asLong());

        assertEquals(27, driver.findElements(By.cssSelector("#assessment-form select[data-item]")).size());
        assertEquals(27, driver.findElements(By.cssSelector("#assessment-form [data-role=guidance]")).size());
        String guidance = text("#item-DBS1 [data-role=guidance]");
        assertTrue(guidance.contains(item("DBS1").get("advice").asText()), "the item's advice: " + guidance);
        for (String code : List.of("DBS1", "DR_CONNECTED_MACHINES", "GD3")) {
            String shown = text("#item-" + code + " [data-role=guidance]");
            assertTrue(shown.startsWith("What counts: " + item(code).get("guidance").asText()), code + "'s guidance: " + shown);
        }
        List<String> confidence = new Select(driver.findElement(By.cssSelector("select[data-confidence=DBS1]"))).getOptions().stream().map(WebElement::getText).toList();
        assertEquals(List.of("Self-declared", "Evidenced", "Verified on site"), confidence);

        Select dbs2 = new Select(driver.findElement(By.cssSelector("select[data-item=DBS2]")));
        new Select(driver.findElement(By.cssSelector("select[data-item=DBS1]"))).selectByValue("4");
        new Select(driver.findElement(By.cssSelector("select[data-confidence=DBS1]"))).selectByValue("VERIFIED_ON_SITE");
        dbs2.selectByIndex(2);
        new Select(driver.findElement(By.cssSelector("select[data-item=DBS3]"))).selectByValue("true");
        click(driver.findElement(By.id("assessment-save")));
        wait.until(d -> text("#assessment-message").contains("Draft saved."));
        assertTrue(text("#assessment-score").contains("partial: 3 of 27 items"), text("#assessment-score"));
        JsonNode stored = assessor.get("/api/v1/assessments/" + id);
        assertEquals("VERIFIED_ON_SITE", stored.get("answers").get(0).get("confidence").asText());

        // Submitting while incomplete lists the missing items by question and marks them, choice fields included.
        click(driver.findElement(By.id("assessment-submit")));
        WebElement errors = wait.until(d -> d.findElement(By.id("assessment-errors")));
        List<String> missing = errors.findElements(By.cssSelector("[data-role=missing] li")).stream().map(WebElement::getText).toList();
        assertEquals(24, missing.size(), missing.toString());
        assertEquals(item("DBS4").get("text").asText(), missing.get(0), "the first unanswered item, by its question");
        assertTrue(errors.getText().startsWith("24 required items are not answered"), errors.getText());
        WebElement erpChoice = driver.findElement(By.cssSelector("select[data-item=DR_ERP_MES]"));
        assertEquals("true", erpChoice.getAttribute("aria-invalid"), "a choice field is highlighted");
        assertTrue(driver.findElement(By.id("item-DR_ERP_MES")).getAttribute("class").contains("item-missing"));
        assertFalse(driver.findElement(By.id("item-DBS1")).getAttribute("class").contains("item-missing"));
        screenshot("assessor-missing-items-" + width);

        // Evidence: a link behind DBS1, added while DBS4 holds an answer not saved yet, which stays on the page.
        new Select(driver.findElement(By.cssSelector("select[data-item=DBS4]"))).selectByIndex(1);
        String unsavedAnswer = new Select(driver.findElement(By.cssSelector("select[data-item=DBS4]"))).getFirstSelectedOption().getText();
        WebElement dbs1 = driver.findElement(By.id("item-DBS1"));
        click(dbs1.findElement(By.cssSelector("details summary")));
        dbs1.findElement(By.name("DBS1-evidence")).sendKeys("https://example.org/digital-plan.pdf");
        click(dbs1.findElement(By.cssSelector("[data-add-evidence=DBS1]")));
        wait.until(d -> d.findElement(By.id("item-DBS1")).findElements(By.cssSelector(".evidence-list a")).size() == 1);
        JsonNode evidence = assessor.get("/api/v1/assessments/" + id).get("answers").get(0).get("evidence").get(0);
        assertEquals("LINK", evidence.get("kind").asText());
        assertEquals("https://example.org/digital-plan.pdf", evidence.get("ref").asText());
        assertEquals(unsavedAnswer, new Select(driver.findElement(By.cssSelector("select[data-item=DBS4]"))).getFirstSelectedOption().getText(),
                "adding evidence keeps the answers not saved yet");

        // Leaving with that answer unsaved asks first; staying keeps the page and its address.
        String here = hash();
        js("location.hash = arguments[0]", "#/rti/worklist");
        var question = wait.until(ExpectedConditions.alertIsPresent());
        assertTrue(question.getText().contains("not saved"), question.getText());
        question.dismiss();
        assertEquals(here, hash());
        assertTrue(driver.findElement(By.id("assessment-form")).isDisplayed());
        click(driver.findElement(By.id("assessment-save")));
        wait.until(d -> text("#assessment-message").contains("Draft saved."));
        assertEquals(4, assessor.get("/api/v1/assessments/" + id).get("answers").size(), "DBS4 saved with the others");

        // Change the draft's date.
        String earlier = LocalDate.now().minusDays(3).toString();
        js("document.getElementById('assessment-date').value = arguments[0]", earlier);
        click(driver.findElement(By.id("assessment-redate")));
        wait.until(d -> text("#assessment-message").contains("Date changed."));
        assertEquals(earlier, assessor.get("/api/v1/assessments/" + id).get("date").asText());

        // The worklist lists the draft; delete it from the form after confirming.
        open("#/rti/worklist");
        assertFalse(driver.findElements(By.cssSelector("#worklist-drafts a[data-assessment='" + id + "']")).isEmpty(), text("#worklist-drafts"));
        assertTrue(text("#worklist-drafts").contains("Digital maturity of district SMEs 1.0.0")
                && !text("#worklist-drafts").contains("digital-maturity"), "the model by its name: " + text("#worklist-drafts"));
        driver.findElement(By.cssSelector("#worklist-drafts a[data-assessment='" + id + "']")).click();
        click(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-delete"))));
        click(driver.findElement(By.id("assessment-delete-yes")));
        wait.until(d -> hash().startsWith("#/rti/worklist"));
        settled();
        assertTrue(text("#view").contains("The draft was deleted."));
        assertTrue(driver.findElements(By.cssSelector("#worklist-drafts a[data-assessment='" + id + "']")).isEmpty());
        assertEquals(0, assessor.get("/api/v1/assessments?firm=" + firmId + "&size=1").get("totalItems").asLong());
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    void anAssessorAttachesAPhotoToAnAnswerSeesItListedAndDownloadsItWhileADisguisedPageIsRefused() throws Exception {
        JsonNode firm = unassessed.removeFirst();
        long id = assessor.post("/api/v1/assessments", Map.of("firmId", firm.get("id").asLong(), "modelId", "digital-maturity",
                "modelVersion", "1.0.0", "wave", "T0", "date", LocalDate.now().toString())).get("id").asLong();
        Path folder = Files.createTempDirectory("i4-evidence-");
        Path photo = folder.resolve("shop-floor photo.png");
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x2f6fde);
        javax.imageio.ImageIO.write(image, "png", photo.toFile());
        byte[] bytes = Files.readAllBytes(photo);
        Path disguised = folder.resolve("audit-report.pdf");
        Files.writeString(disguised, "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");

        login("assessor");
        open("#/rti/assessments?assessment=" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        // DBS1 and DBS4 are answered on the page but not saved; attaching the file saves DBS1's answer and keeps DBS4's on the page.
        new Select(driver.findElement(By.cssSelector("select[data-item=DBS1]"))).selectByValue("4");
        new Select(driver.findElement(By.cssSelector("select[data-item=DBS4]"))).selectByIndex(2);
        String unsaved = new Select(driver.findElement(By.cssSelector("select[data-item=DBS4]"))).getFirstSelectedOption().getText();
        WebElement dbs1 = driver.findElement(By.id("item-DBS1"));
        click(dbs1.findElement(By.cssSelector("details summary")));
        new Select(dbs1.findElement(By.name("DBS1-evidence-kind"))).selectByValue("FILE");
        assertFalse(dbs1.findElement(By.name("DBS1-evidence")).isDisplayed(), "a file replaces the link or note field");

        // A web page named like a PDF is refused by its content; the page says so and nothing is stored.
        dbs1.findElement(By.name("DBS1-evidence-file")).sendKeys(disguised.toString());
        click(dbs1.findElement(By.cssSelector("[data-add-evidence=DBS1]")));
        wait.until(d -> d.findElement(By.id("item-DBS1")).findElement(By.cssSelector("[role=status]")).getText().contains("not an accepted kind of file"));
        assertEquals("true", driver.findElement(By.name("DBS1-evidence-file")).getAttribute("aria-invalid"));
        assertEquals(0, assessor.get("/api/v1/assessments/" + id).get("answers").get(0).get("evidence").size());

        driver.findElement(By.name("DBS1-evidence-file")).sendKeys(photo.toString());
        click(driver.findElement(By.cssSelector("[data-add-evidence=DBS1]")));
        WebElement entry = wait.until(d -> d.findElement(By.id("item-DBS1")).findElements(By.cssSelector(".evidence-list li[data-kind=FILE]"))
                .stream().findFirst().orElse(null));
        assertTrue(entry.getText().startsWith("shop-floor photo.png (" + bytes.length + " B)"), "name and size: " + entry.getText());
        JsonNode evidence = assessor.get("/api/v1/assessments/" + id).get("answers").get(0).get("evidence").get(0);
        assertEquals("FILE", evidence.get("kind").asText());
        assertEquals("image/png", evidence.get("file").get("contentType").asText());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)), evidence.get("file").get("sha256").asText());
        assertEquals(unsaved, new Select(driver.findElement(By.cssSelector("select[data-item=DBS4]"))).getFirstSelectedOption().getText(),
                "adding a file keeps the answers not saved yet");
        screenshot("assessor-evidence-file");

        // Its name downloads it, with the session's token, byte for byte.
        click(entry.findElement(By.cssSelector("[data-download-evidence]")));
        Path downloaded = browser.downloads().resolve("shop-floor photo.png");
        wait.until(d -> Files.exists(downloaded) && !Files.exists(browser.downloads().resolve("shop-floor photo.png.crdownload")));
        wait.until(d -> {
            try {
                return java.util.Arrays.equals(bytes, Files.readAllBytes(downloaded));
            } catch (IOException e) {
                return false;
            }
        });
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    void historyRowsOpenTheirAssessmentAndAValidatedOneIsCorrectedByARevisionWithItsReason() throws IOException {
        login("assessor");
        long id = validated.get("id").asLong();
        open("#/firms/" + validated.get("firmId").asLong());
        WebElement row = wait.until(d -> d.findElement(By.cssSelector("a[data-assessment='" + id + "']")));
        String historyRow = row.findElement(By.xpath("ancestor::tr")).getText();
        assertTrue(historyRow.contains("Digital maturity of district SMEs 1.0.0") && !historyRow.contains("digital-maturity"),
                "the history names the model: " + historyRow);
        row.click();
        wait.until(d -> hash().equals("#/rti/assessments?assessment=" + id));
        settled();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-revise")));
        assertTrue(text("#assessment-state").contains("Validated"), text("#assessment-state"));
        click(driver.findElement(By.id("assessment-revise")));
        assertTrue(wait.until(d -> d.findElement(By.id("assessment-message"))).getText().contains("Give the reason"));
        driver.findElement(By.id("revision-reason")).sendKeys("DBS2 answered from the wrong year's accounts");
        click(driver.findElement(By.id("assessment-revise")));
        wait.until(d -> !hash().equals("#/rti/assessments?assessment=" + id) && hash().contains("assessment="));
        settled();
        long revision = Long.parseLong(hash().replaceAll(".*assessment=(\\d+).*", "$1"));
        wait.until(d -> text("#assessment-state").contains("Draft"));
        assertTrue(text("#assessment-state").contains("DBS2 answered from the wrong year's accounts"), text("#assessment-state"));
        JsonNode stored = assessor.get("/api/v1/assessments/" + revision);
        assertEquals(id, stored.get("revisionOf").asLong());
        assertEquals("DBS2 answered from the wrong year's accounts", stored.get("revisionReason").asText());
        screenshot("assessor-revision");
        driver.navigate().back();
        wait.until(d -> hash().equals("#/rti/assessments?assessment=" + id));
        settled();
        assertTrue(text("#assessment-state").contains("Validated"), "Back returns to the original");
        assertEquals(List.of(), scriptErrors());
    }

    // ---- pilot plants and first-run telemetry -------------------------------------------------------------------

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {1400, 800})
    void pilotPlantsShowTheDemoMachinesLiveAndTakeANewPlantAndMachine(int width) throws IOException, java.sql.SQLException {
        viewport(width, 900);
        login("assessor");
        open("#/rti/plants");
        // The demo simulator publishes through the embedded broker from the first start: machines report within a minute.
        WebElement machine = new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElements(By.cssSelector("[data-plant=DEMO-PLANT] button[data-machine]"))
                .stream().findFirst().orElse(null));
        click(machine);
        wait.until(d -> hash().contains("machine="));
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            List<WebElement> stats = d.findElements(By.id("machine-stats"));
            return !stats.isEmpty() && !stats.get(0).getText().contains("no reading") && !d.findElements(By.id("machine-series-chart")).isEmpty();
        });
        assertTrue(paintedPixels("machine-series-chart") > 1_000, "the live readings are drawn");
        new Select(driver.findElement(By.name("window"))).selectByValue("8h");
        wait.until(d -> hash().contains("window=8h"));
        // The panel is rebuilt for the new window: its OEE chart is per hour.
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> Boolean.TRUE.equals(js(
                "const c = document.getElementById('machine-oee-chart');"
                        + " return !!c && c.dataset.ready === 'true' && c.closest('section').innerText.includes('per hour');")));
        String stats = (String) js("return document.getElementById('machine-stats').innerText");
        assertTrue(stats.contains("Availability") && stats.contains("Performance") && stats.contains("Quality") && stats.contains("OEE"), stats);
        screenshot("assessor-plants-live-" + width);
        driver.navigate().refresh();
        wait.until(d -> !d.findElements(By.id("machine-stats")).isEmpty());
        assertEquals("8h", new Select(driver.findElement(By.name("window"))).getFirstSelectedOption().getAttribute("value"), "the window survives a reload");

        // A day of history (one reading per 30 s, more than the 1 000 raw readings a chart takes): the 24-hour window is
        // drawn whole, from time buckets, and says so.
        long machineId = Long.parseLong(hash().replaceAll(".*machine=(\\d+).*", "$1"));
        backfillDay(machineId);
        new Select(driver.findElement(By.name("window"))).selectByValue("24h");
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> Boolean.TRUE.equals(js(
                "const box = document.querySelector('#machine-detail [data-role=series]'); const c = document.getElementById('machine-series-chart');"
                        + " return !!box && box.dataset.mode === 'buckets' && !!c && c.dataset.ready === 'true';")));
        String description = text("#machine-detail [data-role=series] .muted.small");
        assertTrue(description.startsWith("Aggregated: ") && description.contains("buckets of 3 min"), description);
        @SuppressWarnings("unchecked")
        List<Number> good = (List<Number>) js("return Chart.getChart('machine-series-chart').data.datasets[0].data;");
        assertEquals(480, good.size(), "24 h in 3-minute buckets");
        assertTrue(good.get(0) != null && good.get(1) != null, "the window's first buckets hold readings: " + good.subList(0, 3));
        assertTrue(good.get(good.size() - 1) != null, "and so does the last one");
        assertTrue(paintedPixels("machine-series-chart") > 1_000, "the day is drawn");
        screenshot("assessor-plants-24h-" + width);

        // Register a plant of a firm picked by name, then a machine.
        String code = "BT-PLANT-" + width;
        click(driver.findElement(By.cssSelector("#plant-register summary")));
        JsonNode plantFirm = unassessed.peekLast();
        browser.pickFirm(driver.findElement(By.cssSelector("#plant-form input[role=combobox]")), plantFirm.get("id").asLong(),
                plantFirm.get("name").asText(), plantFirm.get("code").asText());
        driver.findElement(By.id("plant-code")).sendKeys(code);
        driver.findElement(By.id("plant-name")).sendKeys("Browser test plant");
        click(driver.findElement(By.id("plant-create")));
        WebElement card = wait.until(d -> d.findElements(By.cssSelector("[data-plant='" + code + "']")).stream().findFirst().orElse(null));
        click(card.findElement(By.cssSelector("details summary")));
        WebElement form = card.findElement(By.cssSelector("form[data-machine-form]"));
        form.findElement(By.name("machine-code")).sendKeys("PRESS-1");
        form.findElement(By.name("machine-name")).sendKeys("Press one");
        click(form.findElement(By.cssSelector("button[type=submit]")));
        // The plant's card is rebuilt once its machine list changes: read it fresh each time.
        wait.until(d -> Boolean.TRUE.equals(js("const c = document.querySelector(arguments[0]); return !!c && c.innerText.includes(arguments[1]);",
                "[data-plant='" + code + "']", "Press one (PRESS-1)")));
        JsonNode plant = assessor.items("/api/v1/plants?size=100").stream().filter(p -> p.get("code").asText().equals(code)).findFirst().orElseThrow();
        assertEquals(unassessed.peekLast().get("id").asLong(), plant.get("firmId").asLong());
        assertEquals("PRESS-1", assessor.items("/api/v1/plants/" + plant.get("id").asLong() + "/machines").get(0).get("code").asText());
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    void anAdministratorReplaysADeadLetterAndTheAssessorHasNoDeadLetters() throws Exception {
        MqttClient publisher = new MqttClient("tcp://127.0.0.1:" + brokerPort, "browser-dead-letter-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        publisher.connect(options);
        publisher.publish("i4/DEMO-PLANT/m1/telemetry", "{not json".getBytes(StandardCharsets.UTF_8), 1, false);
        publisher.disconnect();
        publisher.close();
        DemoApi admin = new DemoApi(base, "admin", PASSWORD);
        for (int i = 0; i < 100 && admin.get("/api/v1/telemetry/dead-letters?size=1").get("totalItems").asLong() == 0; i++) {
            Thread.sleep(100);
        }
        login("assessor");
        assertFalse(driver.findElement(By.id("nav")).getText().contains("Dead letters"), "dead letters are for administrators");
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        login("admin");
        open("#/rti/dead-letters");
        WebElement replay = wait.until(d -> d.findElement(By.cssSelector("button[data-replay]")));
        String letter = replay.getAttribute("data-replay");
        click(replay);
        wait.until(d -> d.findElement(By.cssSelector("[data-replay-result='" + letter + "']")).getText().contains("Rejected again"));
        screenshot("admin-dead-letter-replayed");
        assertTrue(admin.get("/api/v1/telemetry/dead-letters/" + letter).get("summary").get("replayCount").asInt() >= 1);
        assertEquals(List.of(), scriptErrors());
    }
}
