package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Per-minute rollups of readings and KPIs from rollups, against values computed by hand. Plain unit test. */
class MinuteRollupTest {

    private static final double EPS = 1e-12; // tolerance: exact arithmetic up to double rounding
    private final Instant t = Instant.parse("2025-03-01T08:00:00Z");
    private final KpiWindows utc = new KpiWindows(ZoneOffset.UTC, LocalTime.of(6, 0));

    /**
     * Readings (ideal cycle 1 000 ms): 08:00:00 EXECUTE 0/0, 08:00:30 IDLE 20/1, 08:01:15 EXECUTE 20/1,
     * 08:02:00 STOPPED 50/3. By hand, minute 08:00: known 60 s (30 EXECUTE + 30 IDLE), run 30 s,
     * +20 good +1 reject at 08:00:30, ideal 21 s, 2 samples; 08:01: known 60 s (15 IDLE + 45
     * EXECUTE), run 45 s, no increase, 1 sample; 08:02: nothing known after the last sample, +30/+2,
     * ideal 32 s, 1 sample; 08:03: nothing, left out.
     */
    @Test
    void rollsReadingsUpPerMinute() {
        List<OeeCalculator.Reading> readings = List.of(
                new OeeCalculator.Reading(t, "EXECUTE", 0, 0, null),
                new OeeCalculator.Reading(t.plusSeconds(30), "IDLE", 20, 1, null),
                new OeeCalculator.Reading(t.plusSeconds(75), "EXECUTE", 20, 1, null),
                new OeeCalculator.Reading(t.plusSeconds(120), "STOPPED", 50, 3, null));
        var minutes = new OeeCalculator(1000).minutes(readings, utc.split(t, t.plusSeconds(240), KpiWindows.Size.MINUTE, 10));
        assertEquals(List.of(
                new OeeCalculator.Minute(t, 20, 1, 30_000, 60_000, 21_000.0, 2),
                new OeeCalculator.Minute(t.plusSeconds(60), 0, 0, 45_000, 60_000, 0.0, 1),
                new OeeCalculator.Minute(t.plusSeconds(120), 30, 2, 0, 0, 32_000.0, 1)), minutes);
    }

    /**
     * Minutes 08:00 {good 10, reject 2, run 45 s, known 60 s, ideal 36 s} and 08:01 {5, 0, 30 s, 60 s,
     * 15 s}, one hour window 08:00–09:00: A = 75/120 = 0.625, P = 51/75 = 0.68, Q = 15/17,
     * OEE = 0.625 × 0.68 × 15/17 = 0.375, U = 75/3600. The 09:00 window has no minutes: all ratios null.
     */
    @Test
    void computesKpisFromMinutes() {
        var minutes = List.of(new OeeCalculator.Minute(t, 10, 2, 45_000, 60_000, 36_000, 4),
                new OeeCalculator.Minute(t.plusSeconds(60), 5, 0, 30_000, 60_000, 15_000, 3));
        var windows = utc.split(t, t.plusSeconds(7200), KpiWindows.Size.HOUR, 10);
        var kpis = OeeCalculator.fromMinutes(minutes, windows);
        var h = kpis.get(0);
        assertEquals(15, h.goodCount());
        assertEquals(2, h.rejectCount());
        assertEquals(120.0, h.plannedTimeSeconds(), EPS);
        assertEquals(75.0, h.runTimeSeconds(), EPS);
        assertEquals(0.625, h.availability(), EPS);
        assertEquals(0.68, h.performance(), EPS);
        assertEquals(15.0 / 17, h.quality(), EPS);
        assertEquals(0.375, h.oee(), EPS);
        assertEquals(75.0 / 3600, h.utilisation(), EPS);
        assertNull(kpis.get(1).availability());
        assertNull(kpis.get(1).oee());
    }
}
