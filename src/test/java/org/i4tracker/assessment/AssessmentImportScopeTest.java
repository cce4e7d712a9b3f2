package org.i4tracker.assessment;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An RTI assessor imports a past campaign of the firms its institute serves: every row's firm must be one it may write,
 * decided in the job with the scope read when the import was asked for; a firm of another institute is refused with the
 * words of a firm that does not exist. Its job is readable by it and administrators only.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentImportScopeTest {

    private static final String PASSWORD = "import-scope-password-1";
    private static final String IMPORT = "/api/v1/assessments/import?model=i40-stages&version=1.0.0";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;
    @Inject
    FirmAccess access;

    private Api api;
    private long servedA;
    private long servedB;
    private long servedC;
    private long otherInstitutes;
    private String suffix;

    @BeforeAll
    void fixture() {
        api = new Api(http);
        suffix = Long.toString(System.nanoTime(), 36);
        long region = api.create("/api/v1/regions", "{\"code\":\"IS" + suffix + "\",\"name\":\"Import scope\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Tiles\",\"naceCode\":\"23.31\"}");
        long rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"RTI " + suffix + "\",\"kind\":\"RTI\",\"marketActor\":false}");
        long otherRti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"Other RTI " + suffix
                + "\",\"kind\":\"RTI\",\"marketActor\":false}");
        servedA = firm(district, "A");
        servedB = firm(district, "B");
        servedC = firm(district, "C");
        otherInstitutes = firm(district, "X");
        access.assign(rti, servedA);
        access.assign(rti, servedB);
        access.assign(rti, servedC);
        access.assign(otherRti, otherInstitutes);
        users.create("is-rti-" + suffix, PASSWORD, Role.RTI_ASSESSOR, null, rti, null, "test");
        users.create("is-rti2-" + suffix, PASSWORD, Role.RTI_ASSESSOR, null, otherRti, null, "test");
        users.create("is-agency-" + suffix, PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
        users.create("is-firm-" + suffix, PASSWORD, Role.FIRM_USER, servedA, null, null, "test");
    }

    private long firm(long district, String code) {
        return api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"IS-" + code + "\",\"name\":\"Import scope " + code
                + " " + suffix + "\",\"naceCode\":\"23.31\",\"employees\":40}");
    }

    private String token(String user) {
        return api.token(user + "-" + suffix, PASSWORD);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAssessorImportsItsFirmsAndAFirmOfAnotherInstituteReadsAsOneThatDoesNotExist() {
        String rti = token("is-rti");
        long missing = 987_654_321L;
        String csv = String.join("\n", AssessmentCsvTest.header(),
                AssessmentCsvTest.row(servedA, "T0", "2024-03-01", 2, 4, 2),
                AssessmentCsvTest.row(servedB, "T0", "2024-04-01", 3, 5, 1),
                AssessmentCsvTest.row(otherInstitutes, "T0", "2024-03-01", 2, 4, 2),
                AssessmentCsvTest.row(missing, "T0", "2024-03-01", 2, 4, 2)) + "\n";
        Map<String, Object> job = submit(csv, false, rti);
        assertEquals("is-rti-" + suffix, job.get("createdBy"));
        Map<String, Object> done = awaitJob(job, rti);
        assertEquals("SUCCEEDED", done.get("status"), done::toString);
        Map<String, Object> report = (Map<String, Object>) done.get("result");
        assertEquals(4, ((Number) report.get("rows")).intValue());
        assertEquals(2, ((Number) report.get("written")).intValue());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) report.get("errors");
        assertEquals(List.of(4, 5), errors.stream().map(e -> ((Number) e.get("line")).intValue()).toList());
        assertEquals(List.of("firmId", "firmId"), errors.stream().map(e -> e.get("field")).toList());
        assertEquals("firm " + otherInstitutes + " does not exist", errors.get(0).get("message"));
        assertEquals("firm " + missing + " does not exist", errors.get(1).get("message"));

        for (long firm : List.of(servedA, servedB)) {
            List<Map<String, Object>> stored = assessments(firm);
            assertEquals(1, stored.size(), "firm " + firm);
            Map<String, Object> view = api.get("/api/v1/assessments/" + stored.get(0).get("id"));
            assertEquals("VALIDATED", view.get("status"));
            assertEquals("is-rti-" + suffix, view.get("validatedBy"), "the importer validates, as on the administrator's path");
            assertEquals("is-rti-" + suffix, view.get("createdBy"));
        }
        assertTrue(assessments(otherInstitutes).isEmpty(), "nothing is written for a firm of another institute");

        // the job is the assessor's: another assessor, an agency analyst and a firm user are answered as for a missing job
        for (String other : List.of("is-rti2", "is-agency", "is-firm")) {
            Api.Answer answer = api.exchange(HttpRequest.GET((String) job.get("href")).bearerAuth(token(other)));
            assertEquals(404, answer.status(), other + ": " + answer);
            assertTrue(!answer.body().contains("firm " + otherInstitutes), answer.body());
        }
        assertEquals(200, api.exchange(HttpRequest.GET((String) job.get("href"))).status(), "an administrator reads every job");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAtomicImportWithOneRowOutsideTheScopeWritesNothing() {
        String rti = token("is-rti");
        String csv = String.join("\n", AssessmentCsvTest.header(),
                AssessmentCsvTest.row(servedC, "T0", "2024-03-01", 2, 4, 2),
                AssessmentCsvTest.row(otherInstitutes, "T1", "2025-03-01", 2, 4, 2)) + "\n";
        Map<String, Object> done = awaitJob(submit(csv, true, rti), rti);
        Map<String, Object> report = (Map<String, Object>) done.get("result");
        assertEquals(0, ((Number) report.get("written")).intValue());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) report.get("errors");
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("firm " + otherInstitutes + " does not exist", errors.get(0).get("message"));
        assertTrue(assessments(servedC).isEmpty(), "the good row of a refused atomic import is not written");
        assertTrue(assessments(otherInstitutes).isEmpty());
    }

    @Test
    void agencyAnalystsAndFirmUsersMayNotImport() {
        String csv = String.join("\n", AssessmentCsvTest.header(), AssessmentCsvTest.row(servedA, "T5", "2026-03-01", 2, 4, 2)) + "\n";
        for (String user : List.of("is-agency", "is-firm")) {
            Api.Answer answer = api.exchange(HttpRequest.POST(IMPORT, csv).contentType(MediaType.of("text/csv")).bearerAuth(token(user)));
            assertEquals(403, answer.status(), user + ": " + answer);
        }
        assertTrue(assessments(servedA).stream().noneMatch(a -> "T5".equals(a.get("wave"))));
    }

    private Map<String, Object> submit(String csv, boolean atomic, String token) {
        var accepted = http.toBlocking().exchange(HttpRequest.POST(IMPORT + "&atomic=" + atomic, csv).contentType(MediaType.of("text/csv"))
                .bearerAuth(token), Argument.mapOf(String.class, Object.class));
        assertEquals(202, accepted.code());
        return accepted.body();
    }

    /** Polls the job as the user who started it until it has finished. */
    private Map<String, Object> awaitJob(Map<String, Object> job, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> current = http.toBlocking().retrieve(HttpRequest.GET((String) job.get("href")).bearerAuth(token),
                    Argument.mapOf(String.class, Object.class));
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(current.get("status"))) {
                return current;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("job did not finish in time: " + job.get("href"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> assessments(long firm) {
        return (List<Map<String, Object>>) api.get("/api/v1/assessments?firm=" + firm + "&model=i40-stages&size=50").get("items");
    }
}
