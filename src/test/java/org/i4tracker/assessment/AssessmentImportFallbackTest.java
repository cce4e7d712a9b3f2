package org.i4tracker.assessment;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch whose write fails is rolled back as a whole and its rows are written one by one, while the other
 * writer threads carry on: with two writers and two-row batches, the batches holding one firm's rows fail
 * after writing, and every write holding another firm's rows fails even alone (see {@link FailingBatchWriter}).
 * Every row of the first firm, and of the firms batched with it, must still be stored exactly once, with the
 * scores the batch path gives the others; the second firm's two lines must be reported by line, nothing of
 * that firm stored.
 */
@MicronautTest(transactional = false)
@Property(name = "test.failing-batch-writer", value = "true")
@Property(name = "i4.assessments.import.writers", value = "2")
@Property(name = "i4.assessments.import.batch-size", value = "2")
class AssessmentImportFallbackTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    @SuppressWarnings("unchecked")
    void aFailedBatchIsRolledBackAndItsRowsImportedOneByOne() {
        Api api = new Api(http);
        Campaign campaign = campaign(api, "FB1", 6);
        List<Long> firms = campaign.firms();
        String csv = campaign.csv();
        long failing = firms.get(1);
        long rejected = firms.get(4);
        FailingBatchWriter.failFor.add(failing);
        FailingBatchWriter.alwaysFailFor.add(rejected);
        try {
            Map<String, Object> accepted = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/assessments/import?model=i40-stages&version=1.0.0",
                    csv).contentType(MediaType.of("text/csv")), Argument.mapOf(String.class, Object.class));
            Map<String, Object> job = api.awaitJob(accepted);
            assertEquals("SUCCEEDED", job.get("status"), () -> String.valueOf(job));
            Map<String, Object> result = (Map<String, Object>) job.get("result");
            assertEquals(10, result.get("written"), () -> String.valueOf(result));
            List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
            // the rejected firm's rows are lines 10 and 11 of the file (line 1 is the header)
            assertEquals(List.of(10, 11), errors.stream().map(e -> e.get("line")).toList(), () -> String.valueOf(errors));
            errors.forEach(e -> assertEquals("could not be stored: simulated failure of the batch of lines " + e.get("line") + ".." + e.get("line"),
                    e.get("message")));
        } finally {
            FailingBatchWriter.failFor.clear();
            FailingBatchWriter.alwaysFailFor.clear();
        }
        assertEquals(0, ((Number) api.get("/api/v1/assessments?firm=" + rejected).get("totalItems")).intValue(), "nothing of the rejected firm");
        for (long firm : firms.stream().filter(f -> f != rejected).toList()) {
            List<Map<String, Object>> items = (List<Map<String, Object>>) api.get("/api/v1/assessments?firm=" + firm + "&sort=waveNumber").get("items");
            assertEquals(List.of("T0", "T1"), items.stream().map(a -> a.get("wave")).toList(), "firm " + firm + " has each wave once");
            List<Map<String, Object>> waves = (List<Map<String, Object>>) api.get("/api/v1/assessment-history?firm=" + firm + "&model=i40-stages")
                    .get("waves");
            assertEquals(List.of(2.0, 3.0), waves.stream().map(w -> ((Number) w.get("overall")).doubleValue()).toList(), "firm " + firm);
        }
    }

    /**
     * Cancelling while the writers work: the writers are held after their first batch (two writers, two-row
     * batches, so the checking fills their queues and waits), the job is cancelled, then they are let go.
     * The job must end CANCELLED, without hanging, having written only the batches it wrote before, and
     * exactly those assessments must be stored.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aCancelledImportStopsWithWhatItHadWritten() throws InterruptedException {
        Api api = new Api(http);
        Campaign campaign = campaign(api, "FB2", 40);
        List<Long> firms = campaign.firms();
        String csv = campaign.csv();
        FailingBatchWriter.written = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        FailingBatchWriter.resume = resume;
        Map<String, Object> job;
        try {
            Map<String, Object> accepted = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/assessments/import?model=i40-stages&version=1.0.0",
                    csv).contentType(MediaType.of("text/csv")), Argument.mapOf(String.class, Object.class));
            assertTrue(FailingBatchWriter.written.await(20, TimeUnit.SECONDS), "a first batch was written");
            http.toBlocking().exchange(HttpRequest.POST("/api/v1/jobs/" + accepted.get("id") + "/cancel", ""));
            resume.countDown();
            job = api.awaitJob(accepted);
        } finally {
            FailingBatchWriter.resume = null;
            resume.countDown();
        }
        assertEquals("CANCELLED", job.get("status"), () -> String.valueOf(job));
        Map<String, Object> result = (Map<String, Object>) job.get("result");
        int written = ((Number) result.get("written")).intValue();
        assertTrue(written >= 2 && written <= 4, "one batch per writer got through before the cancel: " + result);
        assertEquals(true, result.get("cancelled"));
        long stored = 0;
        for (long firm : firms) {
            stored += ((Number) api.get("/api/v1/assessments?firm=" + firm).get("totalItems")).longValue();
        }
        assertEquals(written, stored, "what the report says was written is what is stored");
    }

    /** Firms of one new region and district, and a CSV with a T0 (2024) and a T1 (2025) i40-stages row for each. */
    private record Campaign(List<Long> firms, String csv) {
    }

    private static Campaign campaign(Api api, String regionCode, int firmCount) {
        long region = api.create("/api/v1/regions", "{\"code\":\"" + regionCode + "\",\"name\":\"Region " + regionCode + "\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Tiles\",\"naceCode\":\"23.31\"}");
        List<Long> firms = new ArrayList<>();
        StringBuilder csv = new StringBuilder(AssessmentCsvTest.header()).append('\n');
        for (int f = 0; f < firmCount; f++) {
            long firm = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + regionCode + "-" + f
                    + "\",\"name\":\"Firm " + f + "\",\"naceCode\":\"23.31\",\"employees\":50}");
            firms.add(firm);
            csv.append(AssessmentCsvTest.row(firm, "T0", "2024-03-01", 2, 4, 2)).append('\n');
            csv.append(AssessmentCsvTest.row(firm, "T1", "2025-03-01", 3, 5, 1)).append('\n');
        }
        return new Campaign(firms, csv.toString());
    }
}
