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
        assertEquals(1, rollups.hours(machine, t, t.plusSeconds(3600)).size(), "one hour row for 08:00");
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

    /**
     * Windows within the raw retention that the rollups cover come from them and equal the KPIs computed from the
     * samples; a sample stored late, in a minute already rolled up, sends that minute and the later ones back to
     * the samples until the next pass.
     */
    @Test
    void recentWholeMinuteWindowsFromRollupsEqualTheSamples() throws Exception {
        var fx = new TelemetryFixtures(http);
        long plant = fx.plant("RU2-hall", fx.firm("RU2"));
        long machine = fx.machine(plant, "mill", 1000);
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(4));
        String[] states = {"EXECUTE", "EXECUTE", "IDLE", "EXECUTE", "STOPPED"};
        long good = 0;
        for (int i = 0; i < 360; i++) { // every 20 s for 2 hours, seq in steps of 10 to leave room for a late one
            good += i % 7;
            sample(machine, t.plusSeconds(20L * i), 10L * i, states[i % 5], good, i / 9);
        }
        Instant to = t.plus(Duration.ofHours(2));
        assertEquals(fromSamples(machine, t, to, KpiWindows.Size.HOUR), kpis(machine, t, to, "HOUR"));
        assertEquals(null, rollups.completeBefore(machine), "no rollup yet");

        rollups.rollUp(Instant.now());
        assertEquals(HourRollups.sum(rollups.minutes(machine, t, to)), rollups.hours(machine, t, to), "each hour row is the sum of its minutes");
        assertEquals(2, rollups.hours(machine, t, to).size());
        assertEquals(t.plusSeconds(20L * 359).truncatedTo(java.time.temporal.ChronoUnit.MINUTES), rollups.completeBefore(machine));
        assertEquals(fromSamples(machine, t, to, KpiWindows.Size.HOUR), kpis(machine, t, to, "HOUR"));
        assertEquals(fromSamples(machine, t, to, KpiWindows.Size.MINUTE), kpis(machine, t, to, "MINUTE"));
        Instant midMinute = t.plusSeconds(630); // the first, partial window from the samples, the next ones from rollups
        assertEquals(fromSamples(machine, midMinute, to, KpiWindows.Size.HOUR), kpis(machine, midMinute, to, "HOUR"));
        // one window of three parts: samples up to the first whole minute, rollups, the samples of the last minute
        assertEquals(fromSamples(machine, midMinute, to, KpiWindows.Size.DAY), kpis(machine, midMinute, to, "DAY"));
        assertEquals(fromSamples(machine, t, to, KpiWindows.Size.SHIFT), kpis(machine, t, to, "SHIFT"));

        // a late sample at 00:10:05 (seq 305): the minute 00:10 and later come from the samples again
        var ref = new MachineDirectory.MachineRef(machine, 0, 0, 1000, true);
        store.write(List.of(new TelemetryStore.SampleRow(ref, new Sample(t.plusSeconds(605), 305L, "STOPPED", 400, 40, null, null),
                Instant.now())), List.of());
        assertEquals(t.plusSeconds(600), rollups.completeBefore(machine));
        assertEquals(fromSamples(machine, t, to, KpiWindows.Size.HOUR), kpis(machine, t, to, "HOUR"));
        assertEquals(fromSamples(machine, t, to, KpiWindows.Size.MINUTE), kpis(machine, t, to, "MINUTE"));

        // the next pass (past the lag) reads it: the rollups are complete up to the latest minute again
        rollups.rollUp(Instant.now().plus(TelemetryRollups.ROLLUP_LAG).plusSeconds(1));
        assertEquals(HourRollups.sum(rollups.minutes(machine, t, to)), rollups.hours(machine, t, to), "the late sample's hour rewritten");
        assertEquals(fromSamples(machine, t, to, KpiWindows.Size.HOUR), kpis(machine, t, to, "HOUR"));
        assertEquals(fromSamples(machine, midMinute, to, KpiWindows.Size.DAY), kpis(machine, midMinute, to, "DAY"));
        assertEquals(t.plusSeconds(20L * 359).truncatedTo(java.time.temporal.ChronoUnit.MINUTES), rollups.completeBefore(machine));
        assertEquals(fromSamples(machine, t, to, KpiWindows.Size.MINUTE), kpis(machine, t, to, "MINUTE"));
    }

    private List<?> kpis(long machine, Instant from, Instant to, String window) {
        Map<?, ?> report = http.toBlocking().retrieve("/api/v1/machines/" + machine + "/kpis?from=" + from + "&to=" + to
                + "&window=" + window, Map.class);
        return ((List<?>) report.get("windows")).stream().map(w -> (Map<?, ?>) w).map(w -> List.of(
                ((Number) w.get("goodCount")).longValue(), ((Number) w.get("rejectCount")).longValue(),
                ((Number) w.get("plannedTimeSeconds")).doubleValue(), ((Number) w.get("runTimeSeconds")).doubleValue(),
                String.valueOf(w.get("oee")))).toList();
    }

    private List<?> fromSamples(long machine, Instant from, Instant to, KpiWindows.Size size) throws Exception {
        var windows = new KpiWindows(java.time.ZoneOffset.UTC, java.time.LocalTime.of(6, 0)).split(from, to, size, 10_000);
        return new OeeCalculator(1000).compute(store.readings(machine, from, to, 1_000_000), windows).stream()
                .map(w -> List.of(w.goodCount(), w.rejectCount(), w.plannedTimeSeconds(), w.runTimeSeconds(), String.valueOf(w.oee())))
                .toList();
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
