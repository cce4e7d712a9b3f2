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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards in a real headless Chromium against the real service with the demo region: each
 * role's navigation, the login error, the uptake and diffusion charts drawn from API data, and the
 * firm user's 403 on another firm. Screenshots of every view go to target/screenshots/. Skips (with
 * the reason printed) when Debian's chromium and chromedriver are not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final String PASSWORD = "demo-password";

    private EmbeddedServer server;
    private WebDriver driver;
    private WebDriverWait wait;
    private Browser browser;
    private String base;
    private long programmeId;
    private long footwearId;
    private long ownFirmId;
    private long otherFirmId;
    private long baseProgrammeId;
    private long footwearProgrammeId;
    private String footwearFirstQuarter;
    private String baseFirstQuarter;
    private String footwearAtt;
    private String roboticsFirstYear;
    private long unassessedFirmId;

    @BeforeAll
    void startServiceAndBrowser() throws Exception {
        browser = Browser.startOrSkip("dashboard browser tests", Duration.ofSeconds(15));
        driver = browser.driver();
        wait = browser.waiting();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1, "i4.demo.enabled", true,
                "i4.test.dashboard-outcomes", true), "test");
        base = "http://localhost:" + server.getPort();
        prepareData();

    }

    /**
     * The demo region brings programmes (regional base CV-I40 with enrolments only in its district adaptations such as
     * CV-I40-1520), adoption histories and T0/T1 assessments; the test adds a regional programme of its own with
     * enrolments in every district 2023–2025 (unique code) and employment statistics, as the administrator would.
     */
    private void prepareData() throws InterruptedException {
        DemoApi admin = new DemoApi(base, "admin", PASSWORD);
        long region = admin.id("/api/v1/regions?size=500", "code", "ES52");
        footwearId = admin.id("/api/v1/districts?size=500", "naceCode", "15.20");
        List<Long> footwear = ids(admin.items("/api/v1/firms?district=" + footwearId + "&size=500&sort=id"));
        List<Long> enrolled = new ArrayList<>();
        List<Long> population = new ArrayList<>();
        for (JsonNode d : admin.items("/api/v1/districts?region=" + region + "&size=500")) {
            enrolled.addAll(ids(admin.items("/api/v1/firms?district=" + d.get("id").asLong() + "&size=12&sort=id")));
            population.addAll(ids(admin.items("/api/v1/firms?district=" + d.get("id").asLong() + "&size=500&sort=id")));
        }
        Map<Long, LocalDate> enrolledOn = new HashMap<>();
        programmeId = admin.programmeWithEnrolments(region, enrolled, enrolledOn);
        server.getApplicationContext().getBean(DashboardOutcomes.class).simulate(population, enrolledOn);
        if (admin.get("/api/v1/adoptions?district=" + footwearId + "&technology=ROBOTICS&size=1").get("totalItems").asLong() == 0) {
            admin.adoptions(footwear, "ROBOTICS", 2015, new int[] {1, 2, 3, 5, 7, 9, 8, 6, 4, 2, 1});
        }
        roboticsFirstYear = admin.items("/api/v1/adoptions?district=" + footwearId + "&technology=ROBOTICS&size=500").stream()
                .map(a -> a.get("adoptedOn").asText().substring(0, 4)).min(String::compareTo).orElseThrow();
        List<JsonNode> programmes = admin.items("/api/v1/programmes?size=500");
        baseProgrammeId = programmes.stream().filter(p -> p.get("code").asText().equals("CV-I40")).findFirst().orElseThrow().get("id").asLong();
        footwearProgrammeId = programmes.stream().filter(p -> p.get("code").asText().equals("CV-I40-1520")).findFirst().orElseThrow().get("id").asLong();
        footwearFirstQuarter = admin.get("/api/v1/programmes/" + footwearProgrammeId + "/uptake?by=DISTRICT&period=QUARTER")
                .get("series").get(0).get("period").asText();
        baseFirstQuarter = admin.get("/api/v1/programmes/" + baseProgrammeId + "/uptake?by=DISTRICT&period=QUARTER")
                .get("series").get(0).get("period").asText();
        footwearAtt = String.format(java.util.Locale.ROOT, "+%.2f", admin.get("/api/v1/programmes/" + footwearProgrammeId
                + "/evaluation?outcome=overall&design=DID").get("did").get("att").asDouble());
        admin.employmentStatistics("""
                regionCode,naceCode,year,totalEmployment,industryEmployment,establishments
                ES52,15.20,2024,1800000,28000,1900
                ES42,15.20,2024,800000,6500,420
                ES51,15.20,2024,3500000,4200,260
                ES61,15.20,2024,3200000,2500,150
                ES30,15.20,2024,3300000,1200,80
                ES62,15.20,2024,650000,900,60
                ES21,15.20,2024,1000000,150,4
                """);
        // A firm the assessor serves that has no assessment yet: a T0 of it changes no programme's DID estimate (a firm
        // without T1 is left out), unlike a later wave of an assessed firm, which would move the DID's default post wave.
        DemoApi assessor = new DemoApi(base, "assessor", PASSWORD);
        unassessedFirmId = ids(assessor.items("/api/v1/firms?size=500&sort=id")).stream()
                .filter(id -> assessor.get("/api/v1/assessments?firm=" + id + "&size=1").get("totalItems").asLong() == 0)
                .findFirst().orElseThrow(() -> new IllegalStateException("every firm the assessor serves has an assessment"));
        DemoApi firm = new DemoApi(base, "firm", PASSWORD);
        ownFirmId = firm.get("/api/v1/users/me").get("firmId").asLong();
        otherFirmId = footwear.stream().filter(id -> id != ownFirmId).findFirst().orElseThrow();
    }

    private static List<Long> ids(List<JsonNode> nodes) {
        return nodes.stream().map(n -> n.get("id").asLong()).collect(Collectors.toList());
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

    /** Sizes the window so that the page itself (the viewport) is width × height CSS pixels. */
    private void viewport(int width, int height) {
        browser.viewport(width, height);
    }

    @BeforeEach
    void signedOut() {
        viewport(1280, 800);
        driver.get(base + "/dashboards/index.html");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(base + "/dashboards/index.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    }

    private void login(String username, String password) {
        browser.submitLogin(username, password);
    }

    private void loginAs(String username) {
        login(username, PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    private List<String> navigation() {
        return driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
    }

    private void open(String hash) {
        browser.open(hash);
    }

    /** Waits until no loading state is left in the view. */
    private void settled() {
        browser.settled();
    }

    private void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    /** Painted pixels of a chart's canvas once Chart.js has drawn it (0 when not drawn). */
    private long paintedPixels(String canvasId) {
        wait.until(d -> "true".equals(((JavascriptExecutor) d).executeScript(
                "const c = document.getElementById(arguments[0]); return c ? c.dataset.ready : null;", canvasId)));
        Object n = ((JavascriptExecutor) driver).executeScript("""
                const c = document.getElementById(arguments[0]);
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let painted = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
                return painted;""", canvasId);
        return ((Number) n).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> chartLabels(String canvasId, String what) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "const chart = Chart.getChart(arguments[0]); return arguments[1] === 'datasets'"
                        + " ? chart.data.datasets.map(d => d.label) : chart.data.labels.map(String);", canvasId, what);
    }

    /** Script errors and CSP violations in the browser console (failed API calls the page handled are fine). */
    private List<String> scriptProblems() {
        return browser.scriptProblems();
    }

    private List<String> consoleMessages() {
        return browser.consoleMessages();
    }

    private static List<String> scriptProblems(List<String> console) {
        return Browser.scriptProblems(console);
    }

    @Test
    void wrongPasswordShowsAClearErrorAndKeepsTheUserOnTheLoginPage() throws IOException {
        login("agency", "not-the-password");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertTrue(error.getText().contains("Wrong username or password"), error.getText());
        assertEquals("true", driver.findElement(By.id("login-password")).getAttribute("aria-invalid"));
        assertFalse(driver.findElement(By.id("nav")).isDisplayed());
        screenshot("login-wrong-password");
    }

    @Test
    void eachRoleSeesItsOwnNavigation() throws IOException {
        Map<String, List<String>> expected = Map.of(
                "agency", List.of("Programme uptake", "Technology diffusion", "District typology", "Programme effect", "Region archive",
                        "Programmes", "My account"),
                "assessor", List.of("Worklist", "Firm search", "Assessments", "Import a campaign", "Pilot plants", "Programmes", "My account"),
                "firm", List.of("My firm", "Self-assessment", "My account"),
                "admin", List.of("Programme uptake", "Technology diffusion", "District typology", "Programme effect", "Programmes",
                        "Worklist", "Firm search", "Assessments", "Pilot plants", "Dead letters", "Users", "Imports and exports",
                        "Assessment models", "Audit log", "My account"));
        for (var user : List.of("agency", "assessor", "firm", "admin")) {
            signedOut();
            loginAs(user);
            assertEquals(expected.get(user), navigation(), user + "'s navigation");
            settled();
            screenshot("home-" + user);
            driver.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
            assertEquals("You have signed out.", driver.findElement(By.id("login-notice")).getText());
        }
    }

    @Test
    void uptakeOpensOnTheRegionalProgrammeWithItsAdaptationsEnrolmentsAndLinksToThem() throws IOException {
        loginAs("agency");
        open("#/agency/uptake");
        assertEquals(String.valueOf(baseProgrammeId), new org.openqa.selenium.support.ui.Select(
                driver.findElement(By.name("programme"))).getFirstSelectedOption().getAttribute("value"),
                "the base programme CV-I40 (first by code) counts the enrolments of its district adaptations");
        assertTrue(paintedPixels("uptake-chart") > 2_000, "the regional programme's uptake is drawn");
        assertEquals(baseFirstQuarter, chartLabels("uptake-chart", "labels").get(0), "the demo enrolments' first quarter");
        WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-role='adaptations']")));
        assertTrue(note.findElement(By.xpath(".//a[starts-with(text(), 'CV-I40-1520')]")).getAttribute("href")
                .endsWith("#/agency/uptake?programme=" + footwearProgrammeId), note.getText());
        screenshot("agency-uptake-base-programme");
        open("#/agency/uptake?programme=" + footwearProgrammeId);
        wait.until(d -> String.valueOf(footwearProgrammeId).equals(new org.openqa.selenium.support.ui.Select(
                d.findElement(By.name("programme"))).getFirstSelectedOption().getAttribute("value")));
        settled();
        assertTrue(paintedPixels("uptake-chart") > 2_000, "an adaptation's own uptake is drawn");
        assertEquals(footwearFirstQuarter, chartLabels("uptake-chart", "labels").get(0));
        assertEquals(List.of(), driver.findElements(By.cssSelector("[data-role='adaptations']")), "an adaptation has no adaptations");
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void uptakeChartDrawsTheProgrammeAgainstThe41PercentReference() throws IOException {
        loginAs("agency");
        open("#/agency/uptake?programme=" + programmeId);
        assertTrue(paintedPixels("uptake-chart") > 2_000, "the uptake chart is drawn");
        List<String> periods = chartLabels("uptake-chart", "labels");
        assertEquals("2023-Q1", periods.get(0), "quarters from the first enrolment");
        List<String> series = chartLabels("uptake-chart", "datasets");
        assertTrue(series.contains("All eligible firms"), series.toString());
        assertTrue(series.stream().anyMatch(s -> s.startsWith("Reference 41 %")), series.toString());
        assertTrue(series.contains("Elche-Elda footwear district"), "one line per district: " + series);
        screenshot("agency-uptake");
        // the settings go to the address, so a reload (or a shared link) shows the same view
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("period"))).selectByValue("YEAR");
        wait.until(d -> String.valueOf(((JavascriptExecutor) d).executeScript("return location.hash")).contains("period=YEAR"));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("period")));
        settled();
        assertEquals("YEAR", new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("period"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertEquals("2023", chartLabels("uptake-chart", "labels").get(0), "years after the reload");
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void diffusionChartDrawsAdoptersWithTheBassFitAndForecast() throws IOException {
        loginAs("agency");
        open("#/agency/diffusion?district=" + footwearId + "&technology=ROBOTICS");
        assertTrue(paintedPixels("diffusion-chart") > 2_000, "the diffusion chart is drawn");
        List<String> periods = chartLabels("diffusion-chart", "labels");
        assertEquals(roboticsFirstYear, periods.get(0), "from the first recorded robotics adoption in the district");
        assertTrue(periods.contains("2025"), periods.toString());
        List<String> series = chartLabels("diffusion-chart", "datasets");
        assertTrue(series.contains("Adopters (observed)"), series.toString());
        assertTrue(series.contains("Bass fit (NLS)"), series.toString());
        assertTrue(paintedPixels("categories-chart") > 500, "the adopter categories are drawn");
        assertEquals(String.valueOf(LocalDate.now().getYear()), periods.get(periods.size() - 1 - forecastPeriods(periods)),
                "the observed series runs to the current period");
        WebElement bass = driver.findElement(By.id("bass-card"));
        assertTrue(bass.getText().contains("Bass model (NLS)") && bass.getText().contains("years after " + roboticsFirstYear),
                "the peak carries its unit: " + bass.getText());
        assertEquals(1, bass.findElements(By.cssSelector("[data-trust]")).size(), "the fit says how far to trust it");
        screenshot("agency-diffusion");

        // the method is a control: OLS draws its own fit or says why there is none
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("method"))).selectByValue("OLS");
        settled();
        wait.until(d -> d.findElement(By.id("bass-card")).getText().contains("Bass model (OLS)"));

        // participants of the test's programme (12 footwear firms) against the other firms: two curves, p and q differences
        open("#/agency/diffusion?district=" + footwearId + "&technology=ROBOTICS&compare=programme:" + programmeId);
        assertTrue(paintedPixels("share-chart") > 500, "the split is drawn");
        List<String> groups = chartLabels("share-chart", "datasets");
        assertEquals(2, groups.size(), groups.toString());
        assertTrue(groups.get(0).startsWith("Participants (") && groups.get(1).startsWith("Other firms ("), groups.toString());
        String split = driver.findElement(By.id("split-card")).getText();
        assertTrue(split.contains("Did the programme speed up diffusion?"), split);
        assertTrue(split.contains("Innovation p:") && split.contains("Imitation q:") || split.contains("No NLS fit for both groups"), split);
        screenshot("agency-diffusion-split");

        // two districts on one chart
        long other = new DemoApi(base, "admin", PASSWORD).items("/api/v1/districts?size=500").stream()
                .mapToLong(d -> d.get("id").asLong()).filter(id -> id != footwearId).findFirst().orElseThrow();
        open("#/agency/diffusion?district=" + footwearId + "&technology=ROBOTICS&compare=district:" + other);
        paintedPixels("share-chart");
        assertEquals(2, chartLabels("share-chart", "datasets").size(), "footwear and a second district");
        assertEquals(List.of(), scriptProblems());
    }

    /** Forecast labels drawn after the observed periods (the view projects at most 15). */
    private int forecastPeriods(List<String> labels) {
        Object n = ((JavascriptExecutor) driver).executeScript(
                "const c = Chart.getChart('diffusion-chart'); const bars = c.data.datasets[0].data;"
                        + " let k = 0; for (let i = bars.length - 1; i >= 0 && bars[i] === null; i--) k++; return k;");
        return ((Number) n).intValue();
    }

    /** The assessment state line, read again when the view re-rendered it between lookup and read. */
    private static String stateText(org.openqa.selenium.WebDriver d) {
        try {
            return d.findElement(By.id("assessment-state")).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }

    @Test
    void firmUserSeesItsOwnFirmButNotAnotherFirm() throws IOException {
        loginAs("firm");
        settled();
        assertTrue(driver.findElement(By.cssSelector("#view h1")).isDisplayed());
        assertTrue(driver.findElement(By.id("print")).isDisplayed(), "print button");
        // The demo firm has validated assessments: its radar against peer P50/P75 is drawn.
        assertTrue(paintedPixels("benchmark-chart") > 500, "the benchmark radar is drawn");
        // dimension names are broken into short lines at the radar's axes, whole and in order, so they do not collide
        @SuppressWarnings("unchecked")
        List<Object> axisLabels = (List<Object>) ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart(document.getElementById('benchmark-chart')).data.labels");
        for (Object l : axisLabels) {
            List<?> lines = l instanceof List<?> list ? list : List.of(l);
            assertTrue(lines.stream().allMatch(line -> String.valueOf(line).length() <= 16 || !String.valueOf(line).contains(" ")),
                    "short lines: " + axisLabels);
        }
        assertTrue(axisLabels.stream().anyMatch(l -> l instanceof List<?>), "a long name is wrapped: " + axisLabels);
        assertTrue(driver.findElement(By.id("view")).getText().contains("Digital maturity of district SMEs 1.0.0"),
                "the history names the model, not its code");
        assertTrue(driver.findElement(By.id("view")).getText().contains("Peer group"), "the peer group used is named");
        DemoApi api = new DemoApi(base, "firm", PASSWORD);
        JsonNode report = api.get("/api/v1/firms/" + ownFirmId + "/benchmark?model=digital-maturity&version=1.0.0");
        String districtName = api.get("/api/v1/districts/" + api.get("/api/v1/firms/" + ownFirmId).get("districtId").asLong()).get("name").asText();
        String shownGroup = driver.findElement(By.id("view")).getText();
        assertTrue(shownGroup.contains(report.get("peerGroup").get("n").asInt() + " firms of " + districtName)
                && shownGroup.contains("this firm included"), "the group in words, by the district's name: " + shownGroup);
        screenshot("firm-report");
        // The printable report words each gap by its side of the figure: a score above the peers' median is never "below" it.
        browser.click(driver.findElement(By.linkText("Open the printable benchmark report")));
        WebElement advice = wait.until(d -> d.findElements(By.cssSelector("#advice li")).isEmpty() ? null : d.findElement(By.id("advice")));
        for (JsonNode w : report.get("advice").get("weakestDimensions")) {
            String line = advice.findElements(By.tagName("li")).stream().map(WebElement::getText)
                    .filter(t -> t.startsWith(w.get("name").asText() + ":")).findFirst().orElseThrow();
            if (!w.get("gapToMedian").isNull()) {
                String side = w.get("gapToMedian").asDouble() >= 0 ? "points below the peers' median" : "points above the peers' median";
                assertTrue(line.contains(side), "gap " + w.get("gapToMedian") + " reads: " + line);
            }
            assertFalse(line.matches(".*-[0-9][0-9.,]* points (below|above).*"), "no signed distance: " + line);
        }
        driver.navigate().back();
        settled();
        open("#/firms/" + otherFirmId);
        // Another firm is answered as if it did not exist; the page says so without claiming which.
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#view [data-state=not-found]")));
        assertTrue(refused.getText().contains("Nothing to show here"), refused.getText());
        assertTrue(refused.getText().contains("firm " + otherFirmId + " does not exist, or it is not shared with you"),
                "the API's answer is shown: " + refused.getText());
        screenshot("firm-other-firm-not-found");
        List<String> console = consoleMessages();
        assertTrue(console.stream().anyMatch(m -> m.contains("404")), "the console is read (it shows the refused request): " + console);
        assertEquals(List.of(), scriptProblems(console));
    }

    @Test
    void assessorSearchesFirmsByCapabilityAndPages() throws IOException {
        loginAs("assessor");
        open("#/rti/firms");
        String firstPage = driver.findElement(By.cssSelector("#view tbody tr")).getText();
        assertTrue(driver.findElement(By.id("firm-count")).getText().matches("\\d+ firms"));
        driver.findElement(By.xpath("//button[text()='Next →']")).click();
        wait.until(d -> !d.findElement(By.cssSelector("#view tbody tr")).getText().equals(firstPage));
        assertTrue(driver.findElement(By.cssSelector(".pager")).getText().contains("Page 2 of"));
        screenshot("rti-firm-search");
        // a technology is searched by the name the table shows, and the address keeps its code
        String robotics = new DemoApi(base, "assessor", PASSWORD).get("/api/v1/labels").get("technologies").get("ROBOTICS").asText();
        WebElement capability = driver.findElement(By.name("capability"));
        capability.clear();
        capability.sendKeys(robotics);
        driver.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        wait.until(d -> String.valueOf(((JavascriptExecutor) d).executeScript("return location.hash")).contains("capability=ROBOTICS"));
        settled();
        assertTrue(driver.findElement(By.id("firm-count")).getText().matches("[1-9]\\d* firms"), driver.findElement(By.id("firm-count")).getText());
        assertTrue(driver.findElement(By.cssSelector("#view tbody")).getText().contains(robotics), "each row lists " + robotics);
        open("#/firms/" + otherFirmId);
        assertTrue(driver.findElement(By.cssSelector("#view h1")).isDisplayed(), "the assessor opens a firm its institute serves");
    }

    @Test
    void assessorFillsSubmitsAndValidatesAnAssessmentThroughTheGeneratedForm() throws IOException {
        loginAs("assessor");
        open("#/rti/assessments?firm=" + unassessedFirmId);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("model"))).selectByValue("digital-maturity@1.0.0");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("wave"))).selectByValue("T0");
        driver.findElement(By.id("assessment-create")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("assessment-form")));
        settled();
        List<WebElement> items = driver.findElements(By.cssSelector("#assessment-form select[data-item]"));
        assertEquals(27, items.size(), "one control per item of digital-maturity 1.0.0");
        // Answer every item but the first with the second-best choice its scale offers (never "Not applicable").
        ((JavascriptExecutor) driver).executeScript("""
                const selects = [...document.querySelectorAll('#assessment-form select[data-item]')];
                selects.slice(1).forEach((s) => {
                  const answers = [...s.options].filter((o) => o.value !== '' && o.value !== 'NA');
                  s.value = answers[Math.max(0, answers.length - 2)].value;
                });""");
        driver.findElement(By.id("assessment-submit")).click();
        WebElement message = wait.until(d -> d.findElement(By.cssSelector("#assessment-message .alert-error")));
        assertTrue(message.getText().contains("1 required item is not answered") || message.getText().contains("not answered"), message.getText());
        WebElement first = items.get(0);
        assertEquals("true", first.getAttribute("aria-invalid"), "the unanswered item " + first.getAttribute("name") + " is marked");
        new org.openqa.selenium.support.ui.Select(first).selectByValue("4");
        driver.findElement(By.id("assessment-submit")).click();
        wait.until(d -> stateText(d).contains("Submitted"));
        screenshot("rti-assessment-submitted");
        driver.findElement(By.id("assessment-validate")).click();
        wait.until(d -> stateText(d).contains("Validated"));
        assertFalse(driver.findElement(By.id("assessment-validate")).isDisplayed(), "nothing left to validate");
        String hash = (String) ((JavascriptExecutor) driver).executeScript("return location.hash");
        long id = Long.parseLong(hash.replaceAll(".*assessment=(\\d+).*", "$1"));
        JsonNode stored = new DemoApi(base, "assessor", PASSWORD).get("/api/v1/assessments/" + id);
        assertEquals("VALIDATED", stored.get("status").asText());
        assertEquals(unassessedFirmId, stored.get("firmId").asLong());
        assertEquals("T0", stored.get("wave").asText());
        assertEquals(27, stored.get("answers").size(), "every answer went to the API");
        double overall = stored.get("score").get("overall").asDouble();
        String shown = new java.math.BigDecimal(overall).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        assertTrue(driver.findElement(By.id("assessment-state")).getText().contains(shown),
                "the API's overall score " + overall + " is shown: " + driver.findElement(By.id("assessment-state")).getText());
        screenshot("rti-assessment-validated");
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void programmeEffectShowsTheAttWithItsIntervalAndTheEventTimePlot() throws IOException {
        loginAs("agency");
        open("#/agency/effect?programme=" + footwearProgrammeId + "&design=DID");
        String did = driver.findElement(By.id("view")).getText();
        assertTrue(did.contains("Difference-in-differences") && did.contains("95 % interval"), did);
        assertTrue(did.contains(footwearAtt), "the ATT of the demo assessments (T0 → T1) as the API computes it, " + footwearAtt + ": " + did);
        assertTrue(did.contains("The interval lies above zero"), "CV-I40-1520's participants gained about 12 points more: " + did);
        screenshot("agency-effect-did");
        // The demo assessments have two waves only; the event-time plot needs more waves and cohorts (simulated outcome).
        open("#/agency/effect?programme=" + programmeId + "&design=STAGGERED&outcome=" + DashboardOutcomes.SIMULATED);
        assertTrue(paintedPixels("event-time-chart") > 1_000, "the event-time plot is drawn");
        List<String> eventTimes = chartLabels("event-time-chart", "labels");
        assertTrue(eventTimes.contains("e = 0") && eventTimes.contains("e = -1"), eventTimes.toString());
        assertTrue(chartLabels("event-time-chart", "datasets").contains("Simultaneous band"), "the event study's simultaneous band");
        String preTrends = driver.findElement(By.id("pre-trends")).getText();
        assertTrue(preTrends.contains("Pre-trends are a concern") || preTrends.contains("No sign of diverging pre-trends"), preTrends);
        screenshot("agency-effect-staggered");

        // adoption of a technology as the outcome, on the demo programme of the footwear district
        open("#/agency/effect?programme=" + footwearProgrammeId + "&design=STAGGERED&outcome=adoption&technology=ROBOTICS");
        assertTrue(paintedPixels("event-time-chart") > 1_000, "the adoption event study is drawn");
        String adoption = driver.findElement(By.id("view")).getText();
        assertTrue(adoption.contains("share of firms that adopted") && adoption.contains(" to " + LocalDate.now().getYear()),
                "yearly waves up to this year: " + adoption);
        screenshot("agency-effect-adoption");
        assertEquals(List.of(), scriptProblems());
    }

    /** Identifiers in CAPITALS_WITH_UNDERSCORES: an enum code shown as it is. */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]+_[A-Z_]+\\b");

    private void assertNoCode(String where) {
        String text = driver.findElement(By.id("view")).getText();
        Matcher code = CODE.matcher(text);
        assertFalse(code.find(), () -> "a code in the " + where + " view: " + code.group() + "\n" + text);
    }

    private List<String> optionTexts(String name) {
        return new org.openqa.selenium.support.ui.Select(driver.findElement(By.name(name))).getOptions().stream()
                .map(o -> o.getAttribute("textContent")).toList();
    }

    @Test
    void agencyViewsNameTechnologiesSectorsAndSizesFromTheCatalogueAndShowNoCode() throws IOException {
        JsonNode names = new DemoApi(base, "admin", PASSWORD).get("/api/v1/labels");
        String robotics = names.get("technologies").get("ROBOTICS").asText();
        String erp = names.get("technologies").get("ERP_MES").asText();
        assertTrue(erp.contains("ERP") && !erp.contains("_"), "the catalogue's name of ERP_MES: " + erp);
        loginAs("agency");

        open("#/agency/effect?programme=" + footwearProgrammeId + "&design=STAGGERED&outcome=adoption&technology=ROBOTICS");
        paintedPixels("event-time-chart");
        assertEquals(robotics, new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("technology"))).getFirstSelectedOption().getText());
        assertEquals("Effect on the probability of having adopted " + robotics, ((JavascriptExecutor) driver).executeScript(
                "return Chart.getChart('event-time-chart').options.scales.y.title.text"), "the axis names the technology");
        assertTrue(optionTexts("technology").contains(erp), optionTexts("technology").toString());
        assertTrue(optionTexts("outcome").contains("Digital readiness"), "dimensions by name: " + optionTexts("outcome"));
        assertNoCode("effect");

        open("#/agency/diffusion?district=" + footwearId + "&technology=ROBOTICS");
        paintedPixels("diffusion-chart");
        assertTrue(optionTexts("technology").contains(erp), optionTexts("technology").toString());
        assertTrue(driver.findElement(By.id("view")).getText().contains(robotics), "the chart title names " + robotics);
        assertNoCode("diffusion");

        open("#/agency/uptake?programme=" + programmeId);
        paintedPixels("uptake-chart");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("by"))).selectByValue("SECTOR");
        wait.until(d -> d.findElement(By.id("view")).getText().contains("15 Manufacture of leather and related products"));
        assertTrue(driver.findElement(By.id("view")).getText().contains("Uptake by sector (NACE division)"));
        assertNoCode("uptake by sector");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("by"))).selectByValue("SIZE");
        String small = names.get("sizeClasses").get("SMALL").asText();
        wait.until(d -> d.findElement(By.id("view")).getText().contains(small));
        assertNoCode("uptake by size");

        open("#/agency/typology?industry=15.20&year=2024");
        assertTrue(optionTexts("industry").stream().anyMatch(o -> o.startsWith("15.20 Manufacture of footwear")), optionTexts("industry").toString());
        assertNoCode("typology");
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void everyViewRendersADesignedStateAtDesktopAndPhoneWidth() throws IOException {
        loginAs("admin");
        for (var view : Map.of("agency-typology", "#/agency/typology?industry=15.20&year=2024",
                "rti-assessments", "#/rti/assessments", "rti-plants", "#/rti/plants", "rti-dead-letters", "#/rti/dead-letters",
                "admin-firm-report", "#/firms/" + ownFirmId).entrySet()) {
            open(view.getValue());
            assertTrue(driver.findElements(By.cssSelector("#view [data-state=error]")).isEmpty(), view.getKey() + " shows no error");
            screenshot(view.getKey());
        }
        open("#/agency/typology?industry=15.20&year=2024");
        assertTrue(driver.findElement(By.cssSelector("#view table")).getText().contains("Centre of sectoral-regional development"));
        viewport(390, 844);
        open("#/agency/uptake?programme=" + programmeId);
        paintedPixels("uptake-chart");
        long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        screenshot("phone-agency-uptake");
        assertTrue(overflow <= 0, "no horizontal scrolling at phone width, overflow " + overflow + " px");
        driver.findElement(By.id("menu-toggle")).click();
        assertTrue(driver.findElement(By.cssSelector("#nav a")).isDisplayed(), "the menu opens at phone width");
        screenshot("phone-menu");
        assertEquals(List.of(), scriptProblems());
    }
}
