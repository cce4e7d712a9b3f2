package org.i4tracker.telemetry;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/machines/{id}/samples} over a stored day of readings every 10 s: the raw form keeps the
 * latest {@code limit}, the bucket form ({@code points}) covers the whole day; bad ranges name their field.
 */
@MicronautTest(transactional = false)
class MachineSeriesApiTest {

    private static final Instant DAY = Instant.parse("2025-04-01T00:00:00Z");
    private static final int EVERY_S = 10;
    private static final int READINGS = 24 * 3600 / EVERY_S;
    /** A spike at 13:37:00: the one reading with temp 95 (all others 40 or 41). */
    private static final Instant SPIKE = Instant.parse("2025-04-01T13:37:00Z");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TelemetryStore store;

    private long storedDay(String code) throws Exception {
        var fx = new TelemetryFixtures(http);
        long firm = fx.firm(code);
        long plant = fx.plant(code + "-p", firm);
        long machine = fx.machine(plant, "m1", 850);
        var ref = new MachineDirectory.MachineRef(machine, plant, firm, 850, true);
        List<TelemetryStore.SampleRow> rows = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            Instant ts = DAY.plusSeconds((long) i * EVERY_S);
            // producing in the morning (before 12:00), idle after; one good part per reading
            String state = ts.isBefore(DAY.plus(Duration.ofHours(12))) ? "EXECUTE" : "IDLE";
            double temp = ts.equals(SPIKE) ? 95 : 40 + (i % 2);
            rows.add(new TelemetryStore.SampleRow(ref, new Sample(ts, (long) i, state, i, 0, null, "{\"temp\":" + temp + "}"),
                    Instant.now()));
        }
        for (int from = 0; from < rows.size(); from += 1_000) {
            store.write(rows.subList(from, Math.min(rows.size(), from + 1_000)), List.of());
        }
        return machine;
    }

    private Map<String, Object> get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private String failingField(String uri) {
        var e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.GET(uri), Map.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), uri);
        return (String) ((List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors")).get(0).get("field");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDayIsWholeInBucketsAndTruncatedRaw() throws Exception {
        long machine = storedDay("MS1");
        String day = "/api/v1/machines/" + machine + "/samples?from=2025-04-01T00:00:00Z&to=2025-04-02T00:00:00Z";

        Map<String, Object> raw = get(day);
        assertEquals(true, raw.get("truncated"));
        List<Map<String, Object>> samples = (List<Map<String, Object>>) raw.get("samples");
        assertEquals(1_000, samples.size());
        assertEquals("2025-04-01T21:13:20Z", samples.get(0).get("ts"), "raw: only the latest 1 000 readings (the last 2 h 47 min)");
        assertNull(raw.get("buckets"));

        Map<String, Object> bucketed = get(day + "&points=96");
        assertEquals(false, bucketed.get("truncated"));
        assertEquals(900.0, ((Number) bucketed.get("bucketSeconds")).doubleValue());
        assertEquals(READINGS, ((Number) bucketed.get("readings")).intValue());
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) bucketed.get("buckets");
        assertEquals(96, buckets.size());
        assertEquals("2025-04-01T00:00:00Z", buckets.get(0).get("from"));
        assertEquals("2025-04-02T00:00:00Z", buckets.get(95).get("to"));
        for (int k = 0; k < 96; k++) {
            Map<String, Object> b = buckets.get(k);
            assertEquals(90, ((Number) b.get("readings")).intValue(), "15 min at one reading per 10 s");
            // the last reading of bucket k is reading 90k + 89, whose good count is its index
            assertEquals(90 * k + 89, ((Number) b.get("goodCount")).intValue());
            assertEquals(k < 48 ? "EXECUTE" : "IDLE", b.get("state"));
            Map<String, Object> temp = (Map<String, Object>) ((Map<String, Object>) b.get("metrics")).get("temp");
            boolean spike = k == (13 * 60 + 37) / 15;
            assertEquals(spike ? 95.0 : 41.0, ((Number) temp.get("max")).doubleValue(), "bucket " + k);
            assertEquals(40.0, ((Number) temp.get("min")).doubleValue());
            double mean = spike ? (44 * 40 + 45 * 41 + 95) / 90.0 : 40.5;
            assertEquals(mean, ((Number) temp.get("mean")).doubleValue(), 1e-9);
        }
        // producing share: the morning buckets produce all along, the afternoon ones not at all; the last bucket
        // knows its state until the last reading (23:59:50) only
        assertEquals(1.0, ((Number) buckets.get(0).get("producingShare")).doubleValue());
        assertEquals(0.0, ((Number) buckets.get(48).get("producingShare")).doubleValue());
        assertEquals(890.0, ((Number) ((Map<String, Object>) buckets.get(95).get("stateSeconds")).get("IDLE")).doubleValue());

        // a window over part of the day: the reading before it gives the state at its start
        Map<String, Object> part = get("/api/v1/machines/" + machine
                + "/samples?from=2025-04-01T11:59:55Z&to=2025-04-01T12:00:25Z&points=3");
        List<Map<String, Object>> three = (List<Map<String, Object>>) part.get("buckets");
        assertEquals(Map.of("EXECUTE", 5.0, "IDLE", 5.0), three.get(0).get("stateSeconds"));
    }

    @Test
    void badRangesAndPointsNameTheirField() throws Exception {
        long machine = storedDay("MS2");
        String base = "/api/v1/machines/" + machine + "/samples?from=2025-04-01T00:00:00Z&to=";
        assertEquals("points", failingField(base + "2025-04-02T00:00:00Z&points=0"));
        assertEquals("points", failingField(base + "2025-04-02T00:00:00Z&points=2001"));
        assertEquals("limit", failingField(base + "2025-04-02T00:00:00Z&points=100&limit=10"));
        assertEquals("to", failingField(base + "2025-05-03T00:00:00Z&points=100"));
        assertEquals("to", failingField(base + "2025-04-09T00:00:00Z"));
        assertEquals("to", failingField(base + "2025-04-01T00:00:00Z&points=100"));
        // instants far outside the years 1900 to 2999: 400 naming them, for the readings and the KPIs alike
        String far = "/api/v1/machines/" + machine + "/samples?from=-1000000000-01-01T00:00:00Z&to=-1000000000-01-02T00:00:00Z";
        assertEquals("from", failingField(far + "&points=10"));
        assertEquals("from", failingField(far.replace("/samples?", "/kpis?") + "&window=HOUR"));
        assertEquals("to", failingField("/api/v1/machines/" + machine + "/kpis?from=2025-04-01T00:00:00Z&to=%2B1000000000-12-31T00:00:00Z&window=SHIFT"));
        // 31 days is the longest bucket range; it holds the stored day
        Map<String, Object> month = get(base + "2025-05-02T00:00:00Z&points=2000");
        assertEquals(READINGS, ((Number) month.get("readings")).intValue());
        assertFalse(((List<?>) month.get("buckets")).isEmpty());
        assertTrue(((List<?>) month.get("buckets")).size() <= 2000);
    }
}
