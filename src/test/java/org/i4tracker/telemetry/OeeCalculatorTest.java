package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Hand-computed windows (SOURCE: the arithmetic in the comments, following the ISO 22400-2
 * definitions quoted in {@link OeeCalculator}); TOLERANCE 1e-9 on ratios (pure double arithmetic).
 */
class OeeCalculatorTest {

    private static final double EPS = 1e-9;
    private static final KpiWindows HOURS = new KpiWindows(ZoneOffset.UTC, LocalTime.of(6, 0));

    private static Instant at(String hhmm) {
        return Instant.parse("2025-03-03T" + hhmm + ":00Z");
    }

    private static OeeCalculator.Reading r(String hhmm, String state, long good, long reject) {
        return new OeeCalculator.Reading(at(hhmm), state, good, reject, null);
    }

    @Test
    void stateChangesInsideAWindowAndACounterReset() {
        List<OeeCalculator.Reading> readings = List.of(
                r("09:50", "EXECUTE", 100, 0),   // before the window: gives the state at 10:00
                r("10:10", "IDLE", 140, 2),      // +40 good, +2 reject
                r("10:30", "EXECUTE", 140, 2),   // +0
                r("10:50", "EXECUTE", 10, 0),    // reset: +10 good, +0 reject
                r("11:00", "EXECUTE", 50, 1));   // next window: +40 good, +1 reject
        var windows = HOURS.split(at("10:00"), at("12:00"), KpiWindows.Size.HOUR, 10);
        var kpis = new OeeCalculator(30_000).compute(readings, windows);

        var first = kpis.get(0);
        // planned: 10:00-11:00 all known = 3600 s; run: 10:00-10:10 + 10:30-11:00 = 600 + 1800 = 2400 s
        assertEquals(3600, first.plannedTimeSeconds(), EPS);
        assertEquals(2400, first.runTimeSeconds(), EPS);
        assertEquals(50, first.goodCount());
        assertEquals(2, first.rejectCount());
        assertEquals(2400.0 / 3600, first.availability(), EPS);          // 0.6667
        assertEquals(30.0 * 52 / 2400, first.performance(), EPS);        // 30 s x 52 / 2400 s = 0.65
        assertEquals(50.0 / 52, first.quality(), EPS);                    // 0.9615
        assertEquals(2.0 / 3 * 0.65 * 50 / 52, first.oee(), EPS);         // 0.41667
        assertEquals(2400.0 / 3600, first.utilisation(), EPS);

        var second = kpis.get(1);
        // only the 11:00 reading: nothing known after it, so no planned or run time
        assertEquals(0, second.plannedTimeSeconds(), EPS);
        assertEquals(40, second.goodCount());
        assertEquals(1, second.rejectCount());
        assertNull(second.availability());
        assertNull(second.performance());
        assertEquals(40.0 / 41, second.quality(), EPS);
        assertNull(second.oee());
        assertEquals(0.0, second.utilisation(), EPS);
    }

    /**
     * A machine whose counters jump between 0 and the largest allowed counter adds 2^53 - 1 on each jump up (the jump
     * down is a reset to 0); the 2 000 jumps up among 4 000 readings in one window exceed a long (1 024 would). The sums stop at Long.MAX_VALUE instead of wrapping to
     * a negative good count and a negative quality.
     */
    @Test
    void countsThatWouldOverflowALongSaturate() {
        List<OeeCalculator.Reading> readings = new java.util.ArrayList<>();
        Instant t = at("10:00");
        for (int i = 0; i < 4_000; i++) {
            long count = i % 2 == 1 ? OeeCalculator.MAX_COUNTER : 0;
            readings.add(new OeeCalculator.Reading(t.plusSeconds(i), "EXECUTE", count, count, null));
        }
        var windows = HOURS.split(at("10:00"), at("11:00"), KpiWindows.Size.HOUR, 10);
        var w = new OeeCalculator(1_000).compute(readings, windows).get(0);
        assertEquals(Long.MAX_VALUE, w.goodCount());
        assertEquals(Long.MAX_VALUE, w.rejectCount());
        assertEquals(0.5, w.quality(), EPS);
        // the same saturation where the KPI windows are summed from stored minutes
        var minute = new OeeCalculator.Minute(at("10:00"), Long.MAX_VALUE - 1, 0, 60_000, 60_000, 0.0, 1);
        var fromMinutes = OeeCalculator.fromMinutes(List.of(minute, new OeeCalculator.Minute(at("10:01"),
                OeeCalculator.MAX_COUNTER, 0, 60_000, 60_000, 0.0, 1)), windows).get(0);
        assertEquals(Long.MAX_VALUE, fromMinutes.goodCount());
        assertEquals(Long.MAX_VALUE, HourRollups.sum(List.of(minute, minute)).get(0).goodCount());
    }

    @Test
    void dataStartingInsideTheWindowAndPerMessageCycleTime() {
        List<OeeCalculator.Reading> readings = List.of(
                new OeeCalculator.Reading(at("09:40"), "EXECUTE", 0, 0, null),
                new OeeCalculator.Reading(at("09:50"), "HELD", 20, 0, 20_000L),   // 20 units at 20 s
                new OeeCalculator.Reading(at("09:55"), "EXECUTE", 20, 0, null));
        var kpis = new OeeCalculator(30_000).compute(readings, HOURS.split(at("09:00"), at("10:00"), KpiWindows.Size.HOUR, 10));
        var w = kpis.get(0);
        // known 09:40-09:55 = 900 s; run 09:40-09:50 = 600 s; ideal time 20 x 20 s = 400 s
        assertEquals(900, w.plannedTimeSeconds(), EPS);
        assertEquals(600, w.runTimeSeconds(), EPS);
        assertEquals(600.0 / 900, w.availability(), EPS);
        assertEquals(400.0 / 600, w.performance(), EPS);
        assertEquals(1.0, w.quality(), EPS);
        assertEquals(600.0 / 3600, w.utilisation(), EPS);
    }

    @Test
    void noReadingsGiveNullRatiosNotNaN() {
        var w = new OeeCalculator(1000).compute(List.of(), HOURS.split(at("09:00"), at("10:00"), KpiWindows.Size.HOUR, 10)).get(0);
        assertNull(w.availability());
        assertNull(w.performance());
        assertNull(w.quality());
        assertNull(w.oee());
        assertEquals(0.0, w.utilisation(), EPS);
    }

    @Test
    void shiftsAreAlignedToTheShiftStartAndCut() {
        var w = HOURS.split(at("05:00"), at("15:00"), KpiWindows.Size.SHIFT, 10);
        assertEquals(List.of(new KpiWindows.Window(at("05:00"), at("06:00")),
                new KpiWindows.Window(at("06:00"), at("14:00")),
                new KpiWindows.Window(at("14:00"), at("15:00"))), w);
        // Days in Europe/Rome on the DST change (2025-03-30): 23 hours long
        var rome = new KpiWindows(ZoneId.of("Europe/Rome"), LocalTime.of(6, 0));
        var days = rome.split(Instant.parse("2025-03-29T23:00:00Z"), Instant.parse("2025-03-30T22:00:00Z"), KpiWindows.Size.DAY, 10);
        assertEquals(1, days.size());
        assertEquals(23 * 3600, java.time.Duration.between(days.get(0).from(), days.get(0).to()).getSeconds());
    }
}
