package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link HourRollups#sum}: the minutes of each UTC hour added up, by hand. */
class HourRollupsTest {

    private static OeeCalculator.Minute m(String t, long good, long reject, long runMs, long knownMs, double idealMs, int samples) {
        return new OeeCalculator.Minute(Instant.parse(t), good, reject, runMs, knownMs, idealMs, samples);
    }

    @Test
    void sumsTheMinutesOfEachHour() {
        var minutes = List.of(
                m("2026-12-01T08:00:00Z", 20, 1, 30_000, 60_000, 21_000.0, 2),
                m("2026-12-01T08:59:00Z", 5, 0, 60_000, 60_000, 4_250.0, 1),
                m("2026-12-01T09:00:00Z", 7, 2, 10_000, 20_000, 7_650.0, 3),
                m("2026-12-01T11:30:00Z", 1, 0, 0, 60_000, 850.0, 1));
        assertEquals(List.of(
                m("2026-12-01T08:00:00Z", 25, 1, 90_000, 120_000, 25_250.0, 3),
                m("2026-12-01T09:00:00Z", 7, 2, 10_000, 20_000, 7_650.0, 3),
                m("2026-12-01T11:00:00Z", 1, 0, 0, 60_000, 850.0, 1)), HourRollups.sum(minutes));
        assertEquals(List.of(), HourRollups.sum(List.of()));
    }

    @Test
    void refusesMinutesOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> HourRollups.sum(List.of(
                m("2026-12-01T09:00:00Z", 1, 0, 0, 0, 0, 1), m("2026-12-01T08:00:00Z", 1, 0, 0, 0, 0, 1))));
    }
}
