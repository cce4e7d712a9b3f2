package org.i4tracker.telemetry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.job.JobProgress;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk replay of dead letters as a job: pending letters or a list of ids, a per-letter report
 * (stored / duplicate / rejected / not found), the adoption event of a machine's first sample,
 * cancellation between letters, and 400 for a request that says neither or both.
 */
@MicronautTest(transactional = false)
class DeadLetterReplayJobTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DeadLetterRepository deadLetters;
    @Inject
    DeadLetterReplayer replayer;
    @Inject
    DataSource pooled;
    @Inject
    io.micronaut.jdbc.DataSourceResolver resolver;
    @Inject
    AdoptionRecorder adoptions;

    /** An hour ago, on the minute: replayed samples must lie within i4.telemetry.max-sample-age of now. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(java.time.Duration.ofHours(1));
    private final Instant t0 = T0;

    private long letter(String topic, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return deadLetters.save(new DeadLetter(null, t0, topic, "plant has no registered machine", bytes, bytes.length, null, 0)).id();
    }

    private static String json(long seq, long good) {
        return MqttTestSupport.json(T0.plusSeconds(seq).toString(), seq, "EXECUTE", good, 0);
    }

    @Test
    void replaysPendingLettersAsAJobWithAReportAndTheAdoptionEvent() throws Exception {
        var fx = new TelemetryFixtures(http);
        long firm = fx.firm("RJ1");
        long plant = fx.plant("RJ1-hall", firm);
        long a = letter("i4/RJ1-hall/cnc/telemetry", json(1, 10));
        long b = letter("i4/RJ1-hall/cnc/telemetry", json(2, 20));
        long dup = letter("i4/RJ1-hall/cnc/telemetry", json(1, 10)); // same seq as a: stored once
        long bad = letter("i4/RJ1-hall/cnc/telemetry", "{\"ts\":\"" + t0 + "\",\"state\":\"EXECUTE\",\"goodCount\":-1,\"rejectCount\":0}");
        long machine = fx.machine(plant, "cnc", 900);

        HttpResponse<Map> submitted = http.toBlocking().exchange(
                HttpRequest.POST("/api/v1/telemetry/dead-letters/replay?pending=true", ""), Map.class);
        assertEquals(202, submitted.getStatus().getCode());
        Map<?, ?> job = awaitJob(((Number) submitted.body().get("id")).longValue());
        assertEquals("SUCCEEDED", job.get("status"));
        assertEquals(4, ((Number) job.get("total")).intValue());
        assertEquals(4, ((Number) job.get("done")).intValue());
        Map<?, ?> report = (Map<?, ?>) job.get("result");
        assertEquals(2, ((Number) report.get("stored")).intValue());
        assertEquals(1, ((Number) report.get("duplicate")).intValue());
        assertEquals(1, ((Number) report.get("rejected")).intValue());
        List<?> letters = (List<?>) report.get("letters");
        assertEquals(List.of(a, b, dup, bad), letters.stream().map(l -> ((Number) ((Map<?, ?>) l).get("id")).longValue()).toList());
        assertEquals(List.of("STORED", "STORED", "DUPLICATE", "REJECTED"), letters.stream().map(l -> ((Map<?, ?>) l).get("outcome")).toList());
        assertEquals("goodCount: must not be negative", ((Map<?, ?>) letters.get(3)).get("reason"));
        assertEquals(2, MqttTestSupport.count(resolver.resolve(pooled), StoredSamples.countSql("machine_id = " + machine)));

        // the rejected letter stays pending; the others are marked replayed
        assertNull(deadLetters.findById(bad).orElseThrow().replayedAt());
        assertTrue(deadLetters.findPendingIds().contains(bad));
        assertTrue(!deadLetters.findPendingIds().contains(a));

        List<AdoptionObserved> forFirm = adoptions.events.stream().filter(e -> e.firmId() == firm).toList();
        assertEquals(1, forFirm.size(), "replay records the adoption of the machine's first telemetry, once");
        assertEquals("CONNECTED_MACHINES", forFirm.get(0).technologyCode());
        assertEquals(AdoptionObserved.Source.TELEMETRY, forFirm.get(0).source());

        // replay by ids, including one that does not exist
        Map<?, ?> byIds = awaitJob(((Number) http.toBlocking().retrieve(HttpRequest.POST("/api/v1/telemetry/dead-letters/replay",
                "{\"ids\":[" + b + ",999999]}"), Map.class).get("id")).longValue());
        Map<?, ?> r2 = (Map<?, ?>) byIds.get("result");
        assertEquals(1, ((Number) r2.get("duplicate")).intValue());
        assertEquals(1, ((Number) r2.get("notFound")).intValue());
    }

    @Test
    void stopsBetweenLettersWhenCancelled() {
        long x = letter("i4/NOPE/m/telemetry", json(1, 1));
        long y = letter("i4/NOPE/m/telemetry", json(2, 2));
        long z = letter("i4/NOPE/m/telemetry", json(3, 3));
        var progress = new JobProgress() {
            long done;

            public void total(long total) { }

            public void advance(long n) { done += n; }

            public boolean cancelled() { return done >= 2; }
        };
        DeadLetterReplayer.ReplayReport report = replayer.replayAll(List.of(x, y, z), progress);
        assertTrue(report.cancelled());
        assertEquals(3, report.requested());
        assertEquals(2, report.replayed());
        assertEquals(2, report.rejected());
        assertEquals("plant NOPE has no registered machine m", report.letters().get(0).reason());
    }

    @Test
    void refusesNeitherOrBoth() {
        for (String path : List.of("/api/v1/telemetry/dead-letters/replay", "/api/v1/telemetry/dead-letters/replay?pending=true")) {
            String body = path.contains("pending") ? "{\"ids\":[1]}" : "";
            var e = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(HttpRequest.POST(path, body), Map.class));
            assertEquals(400, e.getStatus().getCode(), path);
        }
        var empty = org.junit.jupiter.api.Assertions.assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.POST("/api/v1/telemetry/dead-letters/replay", "{\"ids\":[]}"), Map.class));
        assertEquals(400, empty.getStatus().getCode());
    }

    private Map<?, ?> awaitJob(long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<?, ?> job = http.toBlocking().retrieve("/api/v1/jobs/" + id, Map.class);
            String status = (String) job.get("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not finish: " + job);
            }
            Thread.sleep(50);
        }
    }
}
