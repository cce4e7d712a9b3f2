package org.i4tracker.telemetry;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Rollups written from stored samples, retention of raw samples and rollups (idempotent), and KPIs of
 * windows older than the raw retention served from rollups, all against hand-computed values.
 */
@MicronautTest(transactional = false)
class TelemetryRollupTest {

    private static final double EPS = 1e-9; // tolerance: double rounding of sums of whole milliseconds

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TelemetryRollups rollups;
    @Inject
    TelemetryStore store;
    @Inject
    DataSource pooled;
    @Inject
    DataSourceResolver resolver;

    private DataSource ds() {
        return resolver.resolve(pooled);
    }

    private void sample(long machine, Instant ts, long seq, String state, long good, long reject) throws Exception {
        var ref = new MachineDirectory.MachineRef(machine, 0, 0, 1000, true);
        assertEquals(1, store.write(List.of(new TelemetryStore.SampleRow(ref, new Sample(ts, seq, state, good, reject, null, null), ts)),
                List.of()).stored());
    }

    @Test
    void rollsUpAppliesRetentionAndServesOldKpisFromRollups() throws Exception {
        var fx = new TelemetryFixtures(http);
        long plant = fx.plant("RU1-hall", fx.firm("RU1"));
        long machine = fx.machine(plant, "lathe", 1000);
        Instant t = Instant.parse("2025-03-01T08:00:00Z");
        sample(machine, t, 1, "EXECUTE", 0, 0);
        sample(machine, t.plusSeconds(30), 2, "IDLE", 20, 1);
        sample(machine, t.plusSeconds(75), 3, "EXECUTE", 20, 1);
        sample(machine, t.plusSeconds(120), 4, "STOPPED", 50, 3);
        Instant now = t.plus(Duration.ofDays(40));

        assertEquals(3, rollups.rollUp(now));
        // hand-computed in MinuteRollupTest.rollsReadingsUpPerMinute: minutes 08:00, 08:01, 08:02
        assertEquals(List.of(new OeeCalculator.Minute(t, 20, 1, 30_000, 60_000, 21_000.0, 2),
                new OeeCalculator.Minute(t.plusSeconds(60), 0, 0, 45_000, 60_000, 0.0, 1),
                new OeeCalculator.Minute(t.plusSeconds(120), 30, 2, 0, 0, 32_000.0, 1)), rollups.minutes(machine, t, t.plusSeconds(3600)));

        // a later sample (STOPPED until 08:03:30, +10 good) recomputes 08:02 and adds 08:03
        sample(machine, t.plusSeconds(210), 5, "STOPPED", 60, 3);
        assertEquals(2, rollups.rollUp(now));
        var m = rollups.minutes(machine, t.plusSeconds(120), t.plusSeconds(3600));
        assertEquals(new OeeCalculator.Minute(t.plusSeconds(120), 30, 2, 0, 60_000, 32_000.0, 1), m.get(0));
        assertEquals(new OeeCalculator.Minute(t.plusSeconds(180), 10, 0, 0, 30_000, 10_000.0, 1), m.get(1));
        assertEquals(0, rollups.rollUp(now), "nothing new: no minute rewritten");

        // a rollup past the 2-year retention, then retention at t + 40 days (raw retention 30 days)
        try (Connection c = ds().getConnection()) {
            c.createStatement().executeUpdate("INSERT INTO telemetry_rollup (machine_id, minute_start, good_increase, reject_increase,"
                    + " run_seconds, known_seconds, ideal_seconds, samples) VALUES (" + machine + ", TIMESTAMP WITH TIME ZONE"
                    + " '2022-01-01 00:00:00+00', 1, 0, 60, 60, 1, 1)");
        }
        assertArrayEquals(new long[] {5, 1}, rollups.applyRetention(now));
        assertArrayEquals(new long[] {0, 0}, rollups.applyRetention(now), "idempotent");
        assertEquals(0, MqttTestSupport.count(ds(), StoredSamples.countSql("machine_id = " + machine)));

        // KPIs of 2025-03-01 (older than 30 days) come from the rollups. Hour 08:00–09:00 by hand:
        // known 60+60+60+30 = 210 s, run 30+45 = 75 s, good 60, reject 3, ideal 63 s;
        // A = 75/210, P = 63/75 = 0.84, Q = 60/63, OEE = A×P×Q = 60/210, U = 75/3600.
        Map<?, ?> report = http.toBlocking().retrieve("/api/v1/machines/" + machine + "/kpis?from=" + t + "&to="
                + t.plusSeconds(3600) + "&window=HOUR", Map.class);
        assertNotNull(report.get("rollupsBefore"));
        Map<?, ?> h = (Map<?, ?>) ((List<?>) report.get("windows")).get(0);
        assertEquals(60, ((Number) h.get("goodCount")).intValue());
        assertEquals(3, ((Number) h.get("rejectCount")).intValue());
        assertEquals(210.0, ((Number) h.get("plannedTimeSeconds")).doubleValue(), EPS);
        assertEquals(75.0 / 210, ((Number) h.get("availability")).doubleValue(), EPS);
        assertEquals(0.84, ((Number) h.get("performance")).doubleValue(), EPS);
        assertEquals(60.0 / 63, ((Number) h.get("quality")).doubleValue(), EPS);
        assertEquals(60.0 / 210, ((Number) h.get("oee")).doubleValue(), EPS);
        assertEquals(75.0 / 3600, ((Number) h.get("utilisation")).doubleValue(), EPS);
    }

    @Test
    void parsesRetentionPeriods() {
        assertEquals(Duration.ofDays(30), TelemetryRollups.period("30d", "p"));
        assertEquals(Duration.ofDays(730), TelemetryRollups.period("2y", "p"));
        assertEquals(Duration.ofHours(12), TelemetryRollups.period("P0DT12H", "p"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TelemetryRollups.period("soon", "i4.telemetry.retention.raw"));
        assertEquals("i4.telemetry.retention.raw=soon: expected e.g. 30d, 12h, 2y or P30D", e.getMessage());
    }
}
