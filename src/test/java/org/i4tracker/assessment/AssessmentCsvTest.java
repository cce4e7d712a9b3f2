package org.i4tracker.assessment;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV import (as a job) of a past campaign on the stage model, with a per-row error report, atomic mode, and CSV export. */
@MicronautTest(transactional = false)
class AssessmentCsvTest {

    private static final String[] AREAS = {"RE", "IS", "OR", "CU"};

    @Inject
    @Client("/")
    HttpClient http;

    private long post(String path, Map<String, Object> body) {
        return ((Number) http.toBlocking().retrieve(HttpRequest.POST(path, body), Map.class).get("id")).longValue();
    }

    /** A tile maker in a region and district of its own. */
    private long tileFirm(String n) {
        long region = post("/api/v1/regions", Map.of("code", "CSV" + n, "name", "Tiles region " + n));
        long district = post("/api/v1/districts", Map.of("regionId", region, "name", "Ceramic tiles " + n, "naceCode", "23.31"));
        return post("/api/v1/firms", Map.of("districtId", district, "code", "TILE-" + n, "name", "Tiles " + n, "naceCode", "23.31", "employees", 120));
    }

    static String header() {
        List<String> columns = new ArrayList<>(List.of("firmId", "wave", "date"));
        for (String area : AREAS) {
            for (int stage = 1; stage <= 6; stage++) {
                columns.add(area + stage);
            }
        }
        return String.join(",", columns);
    }

    /** A row where items of stages up to {@code passUpTo} get {@code high}, the others {@code low}. */
    static String row(Object firm, String wave, String date, int passUpTo, int high, int low) {
        StringBuilder row = new StringBuilder(firm + "," + wave + "," + date);
        for (String ignored : AREAS) {
            for (int stage = 1; stage <= 6; stage++) {
                row.append(',').append(stage <= passUpTo ? high : low);
            }
        }
        return row.toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void importsGoodRowsReportsBadRowsAndExports() {
        long firm = tileFirm("1");

        String csv = String.join("\n",
                header(),
                // stages 1-2 at Likert 4 (75 >= threshold 75), 3-6 at 2 (25): stage 2 CONNECTIVITY
                row(firm, "T0", "2024-03-01", 2, 4, 2),
                // stages 1-3 at 5, 4-6 at 1: stage 3 VISIBILITY
                row(firm, "T1", "2025-03-01", 3, 5, 1),
                // Likert 7 in RE1 is outside the scale
                row(firm, "T2", "2025-09-01", 3, 7, 1),
                // an unknown firm
                row(999999, "T0", "2024-03-01", 1, 4, 1),
                // T3 dated before T1: waves out of order
                row(firm, "T3", "2024-01-01", 1, 4, 1)) + "\n";
        Map<String, Object> report = importJob(csv, false);
        assertEquals(5, ((Number) report.get("rows")).intValue());
        assertEquals(2, ((Number) report.get("written")).intValue());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) report.get("errors");
        // line 1 is the header: the rows are lines 2..6; lines 4, 5 and 6 fail, each naming its column
        assertEquals(List.of(4, 5, 6), errors.stream().map(e -> ((Number) e.get("line")).intValue()).toList());
        assertEquals(List.of("RE1", "firmId", "date"), errors.stream().map(e -> e.get("field")).toList());

        Map<String, Object> history = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/assessment-history?firm=" + firm + "&model=i40-stages"), Map.class);
        List<Map<String, Object>> waves = (List<Map<String, Object>>) history.get("waves");
        assertEquals(2.0, ((Number) waves.get(0).get("overall")).doubleValue(), 0);
        assertEquals("CONNECTIVITY", waves.get(0).get("overallBand"));
        assertEquals(3.0, ((Number) waves.get(1).get("overall")).doubleValue(), 0);
        assertEquals(1.0, ((Number) waves.get(1).get("overallDelta")).doubleValue(), 0); // stage 3 - stage 2

        String exported = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/assessments/export?model=i40-stages&version=1.0.0"), String.class);
        List<String> lines = exported.lines().filter(l -> l.split(",")[1].equals(String.valueOf(firm))).toList();
        assertEquals(2, lines.size());
        assertTrue(exported.startsWith("assessmentId,firmId,wave,date,RE1"), exported.lines().findFirst().orElse(""));
        assertTrue(lines.get(0).contains(",T0,2024-03-01,4,4,2,2,2,2,"), lines.get(0));

        var badHeader = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.POST("/api/v1/assessments/import?model=i40-stages&version=1.0.0", "firmId,wave,date,XX9\n1,T0,2024-01-01,3\n")
                        .contentType(MediaType.of("text/csv")), Map.class));
        assertEquals(HttpStatus.BAD_REQUEST, badHeader.getStatus());
    }

    @Test
    @SuppressWarnings("unchecked")
    void atomicImportWritesNothingWhenOneRowFailsAndEverythingOtherwise() {
        long firm = tileFirm("2");
        String good = row(firm, "T0", "2024-03-01", 2, 4, 2);
        String bad = row(firm, "T1", "2025-03-01", 3, 7, 1); // Likert 7 is outside the scale

        Map<String, Object> failed = importJob(String.join("\n", header(), good, bad), true);
        assertEquals(0, ((Number) failed.get("written")).intValue());
        assertEquals(Boolean.TRUE, failed.get("atomic"));
        List<Map<String, Object>> errors = (List<Map<String, Object>>) failed.get("errors");
        assertEquals(3, ((Number) errors.get(0).get("line")).intValue());
        assertEquals("RE1", errors.get(0).get("field"));
        assertEquals(0, waves(firm).size(), "the valid row of a failed atomic import is not written");

        Map<String, Object> ok = importJob(String.join("\n", header(), good, row(firm, "T1", "2025-03-01", 3, 5, 1)), true);
        assertEquals(2, ((Number) ok.get("written")).intValue());
        assertEquals(List.of("T0", "T1"), waves(firm).stream().map(w -> w.get("wave")).toList());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> waves(long firm) {
        return (List<Map<String, Object>>) http.toBlocking().retrieve(HttpRequest.GET("/api/v1/assessment-history?firm=" + firm
                + "&model=i40-stages"), Map.class).get("waves");
    }

    /** Posts the CSV, checks 202 + Location, waits for the job and returns its result (the import report). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> importJob(String csv, boolean atomic) {
        HttpResponse<Map<String, Object>> accepted = http.toBlocking().exchange(HttpRequest.POST(
                "/api/v1/assessments/import?model=i40-stages&version=1.0.0&atomic=" + atomic, csv).contentType(MediaType.of("text/csv")),
                Argument.mapOf(String.class, Object.class));
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus());
        Map<String, Object> job = accepted.body();
        assertEquals(job.get("href"), accepted.header("Location"));
        assertEquals("import-assessments", job.get("kind"));
        Map<String, Object> done = new Api(http).awaitJob(job);
        assertEquals("SUCCEEDED", done.get("status"), () -> String.valueOf(done));
        return (Map<String, Object>) done.get("result");
    }
}
