package org.i4tracker.benchmark;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark report as a PDF over the real HTTP stack: the document is parsed back with PDFBox and its text
 * checked for the firm's name, the dimensions and bands by name, no code (identifiers in CAPITALS_WITH_UNDERSCORES,
 * "privacy floor", "k ="), and the scopes of the JSON report (out of scope = 404, agency analysts 403).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchmarkPdfApiTest {

    private static final String PASSWORD = "benchmark-pdf-password-1";
    private static final String PDF = "/benchmark/report.pdf?model=digital-maturity&version=1.0.0";
    private static final List<String> DIMENSIONS = List.of("Digital business strategy", "Digital readiness", "Human-centric digitalisation",
            "Data management and connectedness", "Automation and artificial intelligence", "Green digitalisation");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    ValidatedAssessments assessments;

    private Api api;
    private long own;
    private long other;
    private final String s = Long.toString(System.nanoTime(), 36);

    @BeforeAll
    void world() {
        api = new Api(http);
        long region = api.create("/api/v1/regions", "{\"code\":\"PDF" + s + "\",\"name\":\"Pdf region\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Riviera del Brenta\",\"naceCode\":\"15.20\"}");
        for (int i = 0; i < 7; i++) {
            long firm = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"PF" + i + "\",\"name\":\"Calzaturificio Numero "
                    + i + "\",\"naceCode\":\"15.20\",\"employees\":20}");
            if (i == 0) {
                own = firm;
                assessments.store(firm, "digital-maturity", "1.0.0", "T0", LocalDate.parse("2023-03-01"), 0, true);
                assessments.store(firm, "digital-maturity", "1.0.0", "T1", LocalDate.parse("2024-03-01"), 2, true);
            } else {
                assessments.store(firm, "digital-maturity", "1.0.0", "T0", LocalDate.parse("2024-02-01"), i % 5, true);
            }
            if (i == 1) {
                other = firm;
            }
        }
        long rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"Pdf RTI " + s + "\",\"kind\":\"RTI\",\"marketActor\":false}");
        users.create("pdf-firm-" + s, PASSWORD, Role.FIRM_USER, own, null, null, "test");
        users.create("pdf-rti-" + s, PASSWORD, Role.RTI_ASSESSOR, null, rti, null, "test");
        users.create("pdf-agency-" + s, PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
    }

    @Test
    void theFirmDownloadsItsReportWithNamesAndNoCodes() throws IOException {
        HttpResponse<byte[]> response = http.toBlocking().exchange(HttpRequest.GET("/api/v1/firms/" + own + PDF)
                .bearerAuth(api.token("pdf-firm-" + s, PASSWORD)), byte[].class);
        assertEquals(200, response.code());
        assertEquals("application/pdf", response.getContentType().orElseThrow().toString());
        assertTrue(response.header("Content-Disposition").contains("attachment"), response.header("Content-Disposition"));
        byte[] body = response.body();
        assertNotNull(body);
        String text;
        try (PDDocument document = Loader.loadPDF(body)) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains("Calzaturificio Numero 0"), text);
        assertTrue(text.contains("Riviera del Brenta"), text);
        for (String dimension : DIMENSIONS) {
            assertTrue(text.contains(dimension), dimension + " missing from " + text);
        }
        // level 2 of every item scores about 50: the "Average" band by its label; the peers' figures are shown (7 firms, k = 5)
        assertTrue(text.contains(" of 100.0 (Average)."), text);
        // the next band by the model's label ("Moderately advanced"), not its code
        assertTrue(text.contains("To reach Moderately advanced"), text);
        assertTrue(text.contains("Moderately advanced") && text.contains("Basic"), "dimension bands by label: " + text);
        // services by the label catalogue's names
        assertTrue(text.contains("Digital audit, Pilot plant access"), text);
        assertTrue(text.contains("Compared with 7 firms of Riviera del Brenta in your sector (NACE 15 Manufacture of leather and related products)"
                + " and of your size"), text);
        assertTrue(text.contains("T0 (2023-03-01)") && text.contains("T1 (2024-03-01)"), "both waves in the history: " + text);
        Matcher code = Pattern.compile("\\b[A-Z0-9]+_[A-Z0-9_]+\\b").matcher(text);
        assertFalse(code.find(), () -> "a code in the PDF: " + code.group());
        assertFalse(text.contains("privacy floor") || text.contains("k ="), text);
        assertFalse(text.contains("Calzaturificio Numero 1"), "another firm's name in the report: " + text);
    }

    @Test
    void scopesAreTheJsonReportsOutOfScopeIs404() {
        assertEquals(200, api.status(HttpRequest.GET("/api/v1/firms/" + own + PDF)), "administrator");
        assertEquals(404, api.status(HttpRequest.GET("/api/v1/firms/" + other + PDF).bearerAuth(api.token("pdf-firm-" + s, PASSWORD))),
                "a firm user asking for another firm");
        assertEquals(404, api.status(HttpRequest.GET("/api/v1/firms/" + own + PDF).bearerAuth(api.token("pdf-rti-" + s, PASSWORD))),
                "an RTI that does not serve the firm");
        assertEquals(403, api.status(HttpRequest.GET("/api/v1/firms/" + own + PDF).bearerAuth(api.token("pdf-agency-" + s, PASSWORD))),
                "agency analysts get no firm report");
        assertEquals(404, api.status(HttpRequest.GET("/api/v1/firms/999999999" + PDF)), "missing firm");
        assertEquals(400, api.status(HttpRequest.GET("/api/v1/firms/" + own + PDF + "&peers=bogus")), "bad peers");
    }
}
