package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How {@link KpiController#parts} splits KPI windows between rollup minutes and samples. */
class KpiPartsTest {

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-12-01T" + hhmmss + "Z");
    }

    private static KpiWindows.Window w(String from, String to) {
        return new KpiWindows.Window(at(from), at(to));
    }

    private static KpiController.Part p(String from, String to, boolean rolled) {
        return new KpiController.Part(at(from), at(to), rolled);
    }

    @Test
    void theOpenWindowReadsItsRolledUpMinutesAndOnlyTheSamplesAfterThem() {
        var windows = List.of(w("00:00:00", "01:00:00"), w("01:00:00", "01:30:20"));
        assertEquals(List.of(p("00:00:00", "01:00:00", true), p("01:00:00", "01:27:00", true), p("01:27:00", "01:30:20", false)),
                KpiController.parts(windows, T.minusSeconds(86_400), at("01:27:00")));
    }

    @Test
    void aWindowStartingInsideAMinuteTakesItsSamplesUpToTheNextWholeMinute() {
        var windows = List.of(w("00:10:30", "01:00:00"));
        assertEquals(List.of(p("00:10:30", "00:11:00", false), p("00:11:00", "01:00:00", true)),
                KpiController.parts(windows, T.minusSeconds(86_400), at("02:00:00")));
    }

    @Test
    void withoutRollupsOrWithinOneMinuteEverythingComesFromSamples() {
        var windows = List.of(w("00:00:00", "01:00:00"), w("01:00:00", "01:00:40"));
        assertEquals(List.of(p("00:00:00", "01:00:00", false), p("01:00:00", "01:00:40", false)),
                KpiController.parts(windows, T.minusSeconds(86_400), null));
        assertEquals(List.of(p("00:00:00", "00:05:00", true), p("00:05:00", "01:00:00", false), p("01:00:00", "01:00:40", false)),
                KpiController.parts(windows, T.minusSeconds(86_400), at("00:05:00")));
    }

    @Test
    void windowsStartingBeforeTheRawCutoffComeWhollyFromRollups() {
        var windows = List.of(w("00:00:30", "01:00:00"), w("01:00:00", "02:00:00"));
        assertEquals(List.of(p("00:00:30", "01:00:00", true), p("01:00:00", "01:59:00", true), p("01:59:00", "02:00:00", false)),
                KpiController.parts(windows, at("00:30:00"), at("01:59:00")));
    }
}
