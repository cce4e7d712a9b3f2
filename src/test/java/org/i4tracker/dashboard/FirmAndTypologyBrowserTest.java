package org.i4tracker.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The firm's report and the agency's typology in a real headless Chromium against the service with the demo region
 * (one service and one browser for the class), each at 1400 and 800 px wide: the firm downloads its benchmark PDF and
 * reads each dimension per wave; the printable report names the firm and keeps whole labels; the typology works on the
 * demo's employment statistics, an administrator and an agency analyst import more from a CSV file and see the job's
 * progress and the rows refused (for the analyst, another region's stored figure); every chart downloads as PNG and its figures as CSV; an administrator invites, disables and resets the
 * password of users and assigns an RTI to a firm; an assessor imports a past campaign from a template it downloads and
 * sees the row of a firm it does not serve refused. Downloads land in a folder of the test's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirmAndTypologyBrowserTest {

    private static final String PASSWORD = "demo-password";
    private static final int[] WIDTHS = {1400, 800};
    private static final List<String> DIMENSIONS = List.of("Digital business strategy", "Digital readiness", "Human-centric digitalisation",
            "Data management and connectedness", "Automation and artificial intelligence", "Green digitalisation");

    private EmbeddedServer server;
    private WebDriver driver;
    private WebDriverWait wait;
    private Browser browser;
    private String base;
    private String firmName;
    private long footwearDistrict;

    @BeforeAll
    void startServiceAndBrowser() throws Exception {
        browser = Browser.startOrSkip("firm and typology browser tests", Duration.ofSeconds(20));
        driver = browser.driver();
        wait = browser.waiting();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1, "i4.demo.enabled", true), "test");
        base = "http://localhost:" + server.getPort();
        DemoApi firm = new DemoApi(base, "firm", PASSWORD);
        long firmId = firm.get("/api/v1/users/me").get("firmId").asLong();
        firmName = firm.get("/api/v1/firms/" + firmId).get("name").asText();
        footwearDistrict = new DemoApi(base, "admin", PASSWORD).id("/api/v1/districts?size=500", "naceCode", "15.20");

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
        driver.get(base + "/dashboards/index.html");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
    }

    private void viewport(int width) {
        browser.viewport(width, 900);
    }

    private void loginAs(String username) {
        driver.get(base + "/dashboards/index.html");
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(base + "/dashboards/index.html");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.submitLogin(username, PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    private void open(String hash) {
        browser.open(hash);
    }

    private void settled() {
        browser.settled();
    }

    private void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    /** Waits for a finished download (no partial .crdownload left) and returns its bytes; the file is removed. */
    private byte[] downloaded(String name) throws IOException {
        Path file = browser.downloads().resolve(name);
        wait.until(d -> Files.exists(file) && !Files.exists(browser.downloads().resolve(name + ".crdownload")));
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private List<String> scriptProblems() {
        return browser.scriptProblems();
    }

    @Test
    void theFirmDownloadsItsPdfAndReadsEachDimensionPerWave() throws IOException {
        for (int width : WIDTHS) {
            viewport(width);
            loginAs("firm");
            settled();
            WebElement history = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dimension-history")));
            for (String dimension : DIMENSIONS) {
                assertTrue(history.getText().contains(dimension), dimension + " in the history table at " + width + " px: " + history.getText());
            }
            assertTrue(history.getText().matches("(?s).*T0 \\(\\d{4}-\\d\\d-\\d\\d\\).*"), "the waves are the columns: " + history.getText());
            screenshot("firm-dimension-history-" + width);

            driver.findElement(By.id("download-pdf")).click();
            byte[] pdf = downloadedStartingWith("benchmark-");
            assertArrayEquals("%PDF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(pdf, 4), "a PDF");
            try (PDDocument document = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
                assertTrue(text.contains(firmName), "the PDF names the firm " + firmName);
                DIMENSIONS.forEach(d -> assertTrue(text.contains(d), d + " in the PDF"));
            }
            assertTrue(wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#download-pdf + [role=status]"), "PDF downloaded")));

            // The printable report: the firm by name, plain words about the privacy rule, whole radar labels, PDF beside Print.
            String link = driver.findElement(By.linkText("Open the printable benchmark report")).getAttribute("href");
            driver.get(link);
            wait.until(d -> !d.findElement(By.id("subtitle")).getText().equals("Loading…"));
            String page = driver.findElement(By.tagName("body")).getText();
            assertTrue(driver.findElement(By.id("subtitle")).getText().startsWith(firmName), driver.findElement(By.id("subtitle")).getText());
            assertFalse(page.contains("k = ") || page.contains("privacy floor") || page.contains("MODERATELY_ADVANCED")
                    || driver.findElement(By.id("subtitle")).getText().startsWith("Firm "), page);
            @SuppressWarnings("unchecked")
            List<String> labels = (List<String>) ((JavascriptExecutor) driver).executeScript("return [...document.querySelectorAll('#radar svg text')]"
                    + ".filter(t => t.querySelector('tspan')).map(t => [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' '))");
            assertEquals(DIMENSIONS, labels, "whole dimension names on the radar");
            assertTrue(driver.findElement(By.id("download-pdf")).isDisplayed() && driver.findElement(By.id("print")).isDisplayed());
            assertTrue(driver.findElement(By.id("history-table")).getText().contains("Green digitalisation"));
            // bands by the model's labels, and no enum code anywhere on the page
            String figures = driver.findElement(By.id("figures")).getText();
            assertTrue(List.of("Basic", "Average", "Moderately advanced", "Advanced").stream().anyMatch(figures::contains), figures);
            java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\b[A-Z]+_[A-Z_]+\\b").matcher(page);
            assertFalse(code.find(), () -> "a code on the printable report: " + code.group());
            screenshot("printable-report-" + width);
            driver.findElement(By.id("download-pdf")).click();
            assertArrayEquals("%PDF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(downloadedStartingWith("benchmark-firm-"), 4));
            // and back to the firm's page in the dashboards, signed in still
            String firmId = link.replaceAll(".*[?&]firm=(\\d+).*", "$1");
            browser.click(driver.findElement(By.linkText("Back to the firm's page")));
            wait.until(ExpectedConditions.urlContains("#/firms/" + firmId));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dimension-history")));
            assertTrue(driver.findElement(By.tagName("main")).getText().contains(firmName));
        }
        assertEquals(List.of(), scriptProblems());
    }

    private byte[] downloadedStartingWith(String prefix) throws IOException {
        wait.until(d -> {
            try (var files = Files.list(browser.downloads())) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".pdf"));
            } catch (IOException e) {
                return false;
            }
        });
        try (var files = Files.list(browser.downloads())) {
            String name = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".pdf")).findFirst().orElseThrow();
            return downloaded(name);
        }
    }

    @Test
    void theTypologyWorksOnTheDemoDataAndTheChartDownloadsAsPngAndCsv() throws IOException {
        for (int width : WIDTHS) {
            viewport(width);
            loginAs("agency");
            open("#/agency/typology?industry=15.20&year=2023");
            String table = driver.findElement(By.cssSelector("#view table")).getText();
            assertTrue(table.contains("Comunitat Valenciana (ES52)") && table.contains("Centre of sectoral-regional development"), table);
            assertEquals(1, driver.findElements(By.id("employment-import")).size(), "analysts import employment statistics on the page");
            wait.until(d -> "true".equals(((JavascriptExecutor) d).executeScript("return document.getElementById('typology-chart')?.dataset.ready")));
            screenshot("typology-" + width);

            driver.findElement(By.cssSelector("[data-download=csv]")).click();
            String csv = new String(downloaded("location-quotient-by-region-industry-15-20-manufacture-of-footwear-2023.csv"), StandardCharsets.UTF_8);
            assertTrue(csv.startsWith("Region,LQ,Share of industry,Type\r\n"), csv);
            assertTrue(csv.contains("Comunitat Valenciana (ES52),") && csv.contains("Centre of sectoral-regional development"), csv);
            assertEquals(18, csv.split("\r\n").length, "a header and one line per region: " + csv);

            driver.findElement(By.cssSelector("[data-download=png]")).click();
            byte[] png = downloaded("location-quotient-by-region-industry-15-20-manufacture-of-footwear-2023.png");
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG image");
            assertTrue(png.length > 2000, "the image holds the drawn chart: " + png.length + " bytes");
        }
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void anAdministratorImportsEmploymentStatisticsAndSeesTheRowsRefused() throws IOException {
        Path file = Files.createTempFile(browser.downloads().getParent(), "employment-", ".csv");
        int year = 2030;
        for (int width : WIDTHS) {
            year++;
            Files.writeString(file, "regionCode,naceCode,year,totalEmployment,industryEmployment,establishments\n"
                    + "ES52,15.20," + year + ",2000000,30000,1900\n"
                    + "ES42,15.20," + year + ",800000,900000,40\n"
                    + "ES23,15.20," + year + ",150000,3000,170\n");
            viewport(width);
            loginAs("admin");
            open("#/agency/typology?industry=15.20&year=" + year);
            assertTrue(driver.findElement(By.id("view")).getText().contains("No employment statistics for this industry and year"));
            driver.findElement(By.cssSelector("#employment-import input[type=file]")).sendKeys(file.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("#employment-import button[type=submit]")).click();
            WebElement status = driver.findElement(By.cssSelector("#employment-import ~ [role=status]"));
            wait.until(ExpectedConditions.textToBePresentInElement(status, "Imported 2 of 3 rows"));
            assertEquals("100", driver.findElement(By.cssSelector("section[aria-label='Import employment statistics'] progress")).getAttribute("value"));
            String refused = driver.findElement(By.cssSelector(".import-report table")).getText();
            assertTrue(refused.contains("3") && refused.contains("industryEmployment") && refused.contains("between 0 and totalEmployment"), refused);
            // the page reloads the typology with the imported year
            wait.until(d -> d.findElement(By.id("view")).getText().contains("Comunitat Valenciana (ES52)"));
            screenshot("typology-import-" + width);
        }
        Files.delete(file);
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void anAnalystImportsEmploymentStatisticsAndSeesAnotherRegionsFigureRefused() throws IOException {
        Path file = Files.createTempFile(browser.downloads().getParent(), "employment-agency-", ".csv");
        int year = 2050;
        for (int width : WIDTHS) {
            year++;
            // its own region's new year and a region with no figures yet are added; another agency's stored 2023 figure is not changed
            Files.writeString(file, "regionCode,naceCode,year,totalEmployment,industryEmployment,establishments\n"
                    + "ES52,15.20," + year + ",2000000,30000,1900\n"
                    + "ES42,15.20,2023,900000,1,1\n"
                    + "ES23,15.20," + year + ",150000,3000,170\n");
            viewport(width);
            loginAs("agency");
            open("#/agency/typology?industry=15.20&year=" + year);
            assertTrue(driver.findElement(By.id("view")).getText().contains("No employment statistics for this industry and year"));
            driver.findElement(By.cssSelector("#employment-import input[type=file]")).sendKeys(file.toAbsolutePath().toString());
            browser.click(driver.findElement(By.cssSelector("#employment-import button[type=submit]")));
            WebElement status = driver.findElement(By.cssSelector("#employment-import ~ [role=status]"));
            wait.until(ExpectedConditions.textToBePresentInElement(status, "Imported 2 of 3 rows"));
            assertEquals("100", driver.findElement(By.cssSelector("section[aria-label='Import employment statistics'] progress")).getAttribute("value"));
            String refused = driver.findElement(By.cssSelector(".import-report table")).getText();
            assertTrue(refused.contains("regionCode") && refused.contains("region ES42 is outside your agency's region"), refused);
            wait.until(d -> d.findElement(By.id("view")).getText().contains("Comunitat Valenciana (ES52)"));
            screenshot("typology-agency-import-" + width);
        }
        Files.delete(file);
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void anAdministratorInvitesDisablesAndResetsUsersAndAssignsAnRti() throws IOException {
        for (int width : WIDTHS) {
            viewport(width);
            loginAs("admin");
            open("#/admin/users");
            WebElement assign = driver.findElement(By.id("assign-rti"));
            new org.openqa.selenium.support.ui.Select(assign.findElement(By.name("firmId"))).selectByIndex(width == 1400 ? 1 : 2);
            assign.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#assign-rti + [role=status]"), "now serves"));
            String invited = "invited-" + width;
            WebElement form = driver.findElement(By.id("invite-user"));
            WebElement status = driver.findElement(By.cssSelector("#invite-user + [role=status]"));
            // a username past the limit is refused with the field named, and nothing is created
            form.findElement(By.name("username")).sendKeys("x".repeat(201));
            ((JavascriptExecutor) driver).executeScript("arguments[0].removeAttribute('maxlength')", form.findElement(By.name("username")));
            form.findElement(By.name("username")).clear();
            form.findElement(By.name("username")).sendKeys("y".repeat(201));
            form.findElement(By.name("password")).sendKeys("initial-password-1");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElement(status, "username"));
            assertTrue(status.getText().contains("200"), status.getText());

            form = driver.findElement(By.id("invite-user"));
            form.findElement(By.name("username")).clear();
            form.findElement(By.name("username")).sendKeys(invited);
            form.findElement(By.name("password")).clear();
            form.findElement(By.name("password")).sendKeys("initial-password-1");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#invite-user + [role=status]"), invited + " invited"));
            new DemoApi(base, invited, "initial-password-1");
            // the list reloads with the new user in it
            wait.until(d -> d.findElements(By.cssSelector("[data-user='" + invited + "'] input")).size() == 1);
            settled();
            // the message stays after the list has reloaded, and a second invite right after the first shows its own
            assertTrue(driver.findElement(By.cssSelector("#invite-user + [role=status]")).getText().contains(invited + " invited"));
            String second = invited + "-second";
            form = driver.findElement(By.id("invite-user"));
            form.findElement(By.name("username")).sendKeys(second);
            form.findElement(By.name("password")).sendKeys("initial-password-1");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#invite-user + [role=status]"), second + " invited"));
            wait.until(d -> d.findElements(By.cssSelector("[data-user='" + second + "'] input")).size() == 1);
            settled();
            assertTrue(driver.findElement(By.cssSelector("#invite-user + [role=status]")).getText().contains(second + " invited"),
                    "the second invite's message is still shown once the list has reloaded");
            new DemoApi(base, second, "initial-password-1");
            screenshot("admin-users-" + width);

            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                    driver.findElement(By.cssSelector("[data-user='" + invited + "']"))); // clear of the sticky top bar
            driver.findElement(By.cssSelector("[data-user='" + invited + "'] input")).sendKeys("a-new-password-2");
            WebElement resetRow = driver.findElement(By.cssSelector("[data-user='" + invited + "']"));
            driver.findElement(By.cssSelector("[data-user='" + invited + "'] [data-action=reset]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#users [role=status]"), "New password set for " + invited));
            new DemoApi(base, invited, "a-new-password-2");
            assertThrows(IllegalStateException.class, () -> new DemoApi(base, invited, "initial-password-1"), "the old password is gone");
            wait.until(ExpectedConditions.stalenessOf(resetRow)); // the list reloaded (with the new version of the user)
            settled();

            WebElement toggle = driver.findElement(By.cssSelector("[data-user='" + invited + "'] [data-action=toggle]"));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", toggle); // clear of the sticky top bar
            toggle.click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#users [role=status]"), invited + " disabled"));
            assertThrows(IllegalStateException.class, () -> new DemoApi(base, invited, "a-new-password-2"), "a disabled user cannot sign in");
            wait.until(d -> d.findElement(By.cssSelector("[data-user='" + invited + "'] [data-action=toggle]")).getText().equals("Enable"));
            assertTrue(driver.findElements(By.cssSelector("[data-user='admin'] [data-action=toggle]")).isEmpty(),
                    "the administrator's own row offers no Disable");

            // An assessor's invitation waits for a first password: Enable without one says so, with one it opens the account.
            DemoApi assessorApi = new DemoApi(base, "assessor", PASSWORD);
            String request = "requested-" + width;
            assessorApi.post("/api/v1/users", Map.of("username", request, "role", "FIRM_USER",
                    "firmId", assessorApi.items("/api/v1/firms?size=1&sort=id").get(0).get("id").asLong()));
            driver.navigate().refresh(); // the list as it is now
            WebElement row = wait.until(d -> d.findElement(By.cssSelector("[data-user='" + request + "']")));
            settled();
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
            assertTrue(row.findElement(By.xpath("ancestor::tr")).getText().contains("Invitation: type a first password, then Enable"),
                    row.findElement(By.xpath("ancestor::tr")).getText());
            row.findElement(By.cssSelector("[data-action=toggle]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#users [role=status]"), "give a first password"));
            assertFalse(driver.findElement(By.cssSelector("#users [role=status]")).getText().contains("(password:"), "said once");
            row.findElement(By.cssSelector("input")).sendKeys("first-password-3");
            row.findElement(By.cssSelector("[data-action=toggle]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#users [role=status]"), request + " enabled"));
            new DemoApi(base, request, "first-password-3");
        }
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void anAssessorImportsACampaignOfItsFirmsAndSeesAFirmItDoesNotServeRefused() throws IOException {
        DemoApi admin = new DemoApi(base, "admin", PASSWORD);
        DemoApi assessor = new DemoApi(base, "assessor", PASSWORD);
        java.util.Set<Long> served = new java.util.HashSet<>();
        assessor.get("/api/v1/firms?size=500").get("items").forEach(f -> served.add(f.get("id").asLong()));
        long notServed = -1;
        for (var f : admin.get("/api/v1/firms?size=500").get("items")) {
            if (!served.contains(f.get("id").asLong())) {
                notServed = f.get("id").asLong();
            }
        }
        assertTrue(notServed > 0, "the demo has firms the assessor does not serve");
        Path file = Files.createTempFile(browser.downloads().getParent(), "campaign-", ".csv");
        String[] waves = {"T0,2024-03-01", "T1,2025-03-01"};
        for (int w = 0; w < WIDTHS.length; w++) {
            viewport(WIDTHS[w]);
            loginAs("assessor");
            open("#/rti/imports");
            // the firm's id comes from the page's list of the firms the institute serves
            WebElement firstId = wait.until(d -> d.findElement(By.cssSelector("#campaign-firms tbody tr td:last-child")));
            long servedFirm = Long.parseLong(firstId.getText().strip());
            assertTrue(served.contains(servedFirm), "listed: " + servedFirm);
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("campaign-model"))).selectByValue("i40-stages@1.0.0");
            browser.click(driver.findElement(By.id("campaign-template")));
            String header = new String(downloaded("campaign-i40-stages-1.0.0.csv"), StandardCharsets.UTF_8).strip();
            assertTrue(header.startsWith("firmId,wave,date,RE1,"), header);
            String answers = ",4".repeat(header.split(",").length - 3);
            Files.writeString(file, header + "\n" + servedFirm + "," + waves[w] + answers + "\n" + notServed + "," + waves[w] + answers + "\n");
            driver.findElement(By.cssSelector("#campaign-import input[type=file]")).sendKeys(file.toAbsolutePath().toString());
            browser.click(driver.findElement(By.cssSelector("#campaign-import button[type=submit]")));
            WebElement status = driver.findElement(By.cssSelector("#campaign-import ~ [role=status]"));
            wait.until(ExpectedConditions.textToBePresentInElement(status, "Imported 1 of 2 rows; 1 problem"));
            String refused = driver.findElement(By.cssSelector("#campaign-import ~ .import-report table")).getText();
            assertTrue(refused.contains("firmId") && refused.contains("firm " + notServed + " does not exist"), refused);
            screenshot("rti-campaign-import-" + WIDTHS[w]);
        }
        long servedFirm = Long.parseLong(driver.findElement(By.cssSelector("#campaign-firms tbody tr td:last-child")).getText().strip());
        var stored = admin.get("/api/v1/assessments?firm=" + servedFirm + "&model=i40-stages&size=10").get("items");
        assertEquals(2, stored.size(), "one validated assessment per upload: " + stored);
        assertEquals("assessor", admin.get("/api/v1/assessments/" + stored.get(0).get("id").asLong()).get("validatedBy").asText());
        assertEquals(0, admin.get("/api/v1/assessments?firm=" + notServed + "&model=i40-stages").get("totalItems").asLong());
        Files.delete(file);
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void anAdministratorImportsFirmsAndSeesTheRowsRefused() throws IOException {
        Path file = Files.createTempFile(browser.downloads().getParent(), "firms-", ".csv");
        for (int width : WIDTHS) {
            Files.writeString(file, "districtId,code,name,naceCode,employees\n"
                    + footwearDistrict + ",IMP-" + width + ",Imported Footwear " + width + ",15.20,12\n"
                    + footwearDistrict + ",BAD-" + width + ",Refused Footwear,15.20,-3\n");
            viewport(width);
            loginAs("admin");
            open("#/admin/imports");
            driver.findElement(By.cssSelector("#import-firms input[type=file]")).sendKeys(file.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("#import-firms button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#import-firms ~ [role=status]"), "Imported 1 of 2 rows"));
            String refused = driver.findElement(By.cssSelector("section[aria-label=Firms] .import-report table")).getText();
            assertTrue(refused.contains("employees"), refused);
            screenshot("admin-imports-" + width);
            DemoApi admin = new DemoApi(base, "admin", PASSWORD);
            assertEquals(1, admin.get("/api/v1/firms?q=Imported%20Footwear%20" + width).get("totalItems").asLong(), "the good row is stored");
            assertEquals(0, admin.get("/api/v1/firms?q=Refused%20Footwear").get("totalItems").asLong(), "the bad row is not");
        }
        Files.delete(file);
        assertEquals(List.of(), scriptProblems());
    }

    @Test
    void anAdministratorImportsARegionArchiveAndSeesTheFileAndRowRefused() throws IOException {
        Path bad = Files.createTempFile(browser.downloads().getParent(), "region-bad-", ".zip");
        Path good = Files.createTempFile(browser.downloads().getParent(), "region-", ".zip");
        Files.write(bad, regionArchive("ARCH-BAD", "-3"));
        Files.write(good, regionArchive("ARCH-OK", "12"));
        viewport(WIDTHS[0]);
        loginAs("admin");
        open("#/admin/imports");
        driver.findElement(By.cssSelector("#import-region input[type=file]")).sendKeys(bad.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#import-region button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#import-region ~ [role=status]"), "Nothing was written"));
        String refused = driver.findElement(By.cssSelector("#import-region ~ .import-report table")).getText();
        assertTrue(refused.contains("firms.csv") && refused.contains("employees"), refused);
        screenshot("admin-imports-region-" + WIDTHS[0]);
        DemoApi admin = new DemoApi(base, "admin", PASSWORD);
        assertEquals(0, admin.get("/api/v1/firms?q=Archived%20Tiles").get("totalItems").asLong(), "nothing of the refused archive");

        driver.findElement(By.cssSelector("#import-region input[type=file]")).sendKeys(good.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("#import-region button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#import-region ~ [role=status]"), "Imported 3 of 3 rows"));
        assertEquals(1, admin.get("/api/v1/firms?q=Archived%20Tiles").get("totalItems").asLong(), "the archive's firm is stored");
        Files.delete(bad);
        Files.delete(good);
        assertEquals(List.of(), scriptProblems());
    }

    /** Presses an export card's Download and returns the file it saved (named in the card's status line). */
    private byte[] export(String card) throws IOException {
        browser.click(driver.findElement(By.id(card + "-download")));
        By status = By.cssSelector("[data-export-status='" + card + "']");
        wait.until(d -> d.findElement(status).getText().startsWith("Downloaded "));
        String name = driver.findElement(status).getText().replaceAll("^Downloaded (.+)\\.$", "$1");
        return downloaded(name);
    }

    private static String firstLine(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    /** The entry names of a zip. */
    private static List<String> entries(byte[] zip) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void anAdministratorDownloadsEachExportAndAnAgencyAnalystOnlyItsOwnRegionsArchive() throws IOException {
        DemoApi admin = new DemoApi(base, "admin", PASSWORD);
        String districtName = admin.get("/api/v1/districts/" + footwearDistrict).get("name").asText();
        long agencyRegion = new DemoApi(base, "agency", PASSWORD).get("/api/v1/users/me").get("regionId").asLong();
        String regionName = admin.get("/api/v1/regions/" + agencyRegion).get("name").asText();
        for (int width : WIDTHS) {
            viewport(width);
            loginAs("admin");
            open("#/admin/imports");
            assertEquals("Imports and exports", driver.findElement(By.cssSelector("#view h1")).getText());
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("export-firms-district"))).selectByVisibleText(districtName);
            byte[] firms = export("export-firms");
            assertEquals("districtId,code,name,naceCode,employees,marketActor,processes,certifications,technologies", firstLine(firms));
            assertTrue(new String(firms, StandardCharsets.UTF_8).lines().skip(1).allMatch(l -> l.startsWith(footwearDistrict + ",")),
                    "only the chosen district's firms");
            assertEquals("from,to,type,knowledgeKind,since,until", firstLine(export("export-links")));
            assertEquals("Digital maturity of district SMEs (1.0.0)", new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("export-assessments-model")))
                    .getFirstSelectedOption().getText(), "models by name");
            assertEquals("Past assessments (Digital maturity of district SMEs 1.0.0, stored as validated)",
                    driver.findElement(By.id("import-assessments")).getAttribute("aria-label"), "the import names its model too");
            byte[] assessments = export("export-assessments");
            assertTrue(firstLine(assessments).startsWith("assessmentId,firmId,wave,date,"), firstLine(assessments));
            assertTrue(new String(assessments, StandardCharsets.UTF_8).lines().count() > 1, "the demo's validated assessments are in it");

            // the region is chosen by name; without one nothing is fetched and the card says what is missing
            browser.click(driver.findElement(By.id("export-region-download")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section[aria-label='Region archive (zip)'] .alert"),
                    "Choose the region to export."));
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("export-region-choice"))).selectByVisibleText(regionName);
            byte[] zip = export("export-region");
            assertArrayEquals(new byte[]{'P', 'K', 3, 4}, Arrays.copyOf(zip, 4), "a zip");
            assertTrue(entries(zip).containsAll(List.of("README.txt", "firms.csv", "assessments-digital-maturity-1.0.0.csv")), entries(zip).toString());
            screenshot("admin-exports-" + width);
        }

        // An agency analyst: its own region's archive on its own page, and none of the administrator's exports.
        viewport(WIDTHS[0]);
        loginAs("agency");
        List<String> navigation = driver.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
        assertTrue(navigation.contains("Region archive") && !navigation.contains("Imports and exports"), navigation.toString());
        open("#/admin/imports");
        assertFalse(driver.findElements(By.cssSelector("#view [data-state=forbidden]")).isEmpty(), "the page is refused");
        assertTrue(driver.findElements(By.id("export-firms")).isEmpty());
        // the service refuses the route itself, whatever the page shows
        Object refused = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const token = JSON.parse(sessionStorage.getItem('i4.session')).accessToken;"
                + "Promise.all(['/api/v1/exports/firms', '/api/v1/exports/links', '/api/v1/assessments/export?model=digital-maturity&version=1.0.0']"
                + ".map((p) => fetch(p, { headers: { Authorization: 'Bearer ' + token } }).then((r) => r.status))).then(done);");
        assertEquals(List.of(403L, 403L, 403L), refused);
        open("#/agency/region-archive");
        assertTrue(driver.findElement(By.cssSelector("#view section h2")).getText().startsWith(regionName), "its region by name");
        byte[] own = export("export-own-region");
        assertArrayEquals(new byte[]{'P', 'K', 3, 4}, Arrays.copyOf(own, 4), "a zip");
        assertTrue(entries(own).contains("firms.csv"), entries(own).toString());
        screenshot("agency-region-archive");
        assertEquals(List.of(), scriptProblems());
    }

    /** A one-region archive in the layout of a region export: a region, a district, a firm with {@code employees}. */
    private static byte[] regionArchive(String code, String employees) throws IOException {
        Map<String, String> files = Map.of("regions.csv", "id,code,name,parentId\r\n7," + code + ",Archived region,\r\n",
                "districts.csv", "id,regionId,name,naceCode,description\r\n8,7,Archived tiles,23.31,\r\n",
                "firms.csv", "districtId,code,name,naceCode,employees\r\n8,T1,Archived Tiles,23.31," + employees + "\r\n",
                "firm-ids.csv", "firmId,districtId,code\r\n9,8,T1\r\n");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
