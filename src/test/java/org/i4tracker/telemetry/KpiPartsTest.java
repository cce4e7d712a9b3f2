package org.i4tracker.telemetry;

import org.i4tracker.telemetry.KpiController.Source;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.i4tracker.telemetry.KpiController.Source.HOURS;
import static org.i4tracker.telemetry.KpiController.Source.MINUTES;
import static org.i4tracker.telemetry.KpiController.Source.SAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** How {@link KpiController#parts} splits KPI windows between hourly rollups, minute rollups and samples. */
class KpiPartsTest {

    private static final Instant LONG_AGO = Instant.parse("2026-11-01T00:00:00Z");

    private static Instant at(String hhmmss) {
        return Instant.parse("2026-12-01T" + hhmmss + "Z");
    }

    private static KpiWindows.Window w(String from, String to) {
        return new KpiWindows.Window(at(from), at(to));
    }

    private static KpiController.Part p(String from, String to, Source source) {
        return new KpiController.Part(at(from), at(to), source);
    }

    @Test
    void theOpenWindowReadsItsRolledUpTimeAndOnlyTheSamplesAfterIt() {
        var windows = List.of(w("00:00:00", "01:00:00"), w("01:00:00", "02:30:20"));
        assertEquals(List.of(p("00:00:00", "01:00:00", HOURS), p("01:00:00", "02:00:00", HOURS), p("02:00:00", "02:27:00", MINUTES),
                        p("02:27:00", "02:30:20", SAMPLES)),
                KpiController.parts(windows, LONG_AGO, at("02:27:00")));
    }

    @Test
    void aWindowStartingInsideAMinuteTakesItsSamplesUpToTheNextWholeMinuteThenMinutesUpToTheHour() {
        var windows = List.of(w("00:10:30", "02:00:00"));
        assertEquals(List.of(p("00:10:30", "00:11:00", SAMPLES), p("00:11:00", "01:00:00", MINUTES), p("01:00:00", "02:00:00", HOURS)),
                KpiController.parts(windows, LONG_AGO, at("03:00:00")));
    }

    @Test
    void withoutRollupsOrWithinOneMinuteEverythingComesFromSamples() {
        var windows = List.of(w("00:00:00", "01:00:00"), w("01:00:00", "01:00:40"));
        assertEquals(List.of(p("00:00:00", "01:00:00", SAMPLES), p("01:00:00", "01:00:40", SAMPLES)),
                KpiController.parts(windows, LONG_AGO, null));
        assertEquals(List.of(p("00:00:00", "00:05:00", MINUTES), p("00:05:00", "01:00:00", SAMPLES), p("01:00:00", "01:00:40", SAMPLES)),
                KpiController.parts(windows, LONG_AGO, at("00:05:00")));
    }

    @Test
    void windowsStartingBeforeTheRawCutoffComeWhollyFromRollups() {
        var windows = List.of(w("00:00:30", "01:00:00"), w("01:00:00", "02:00:00"));
        assertEquals(List.of(p("00:00:30", "01:00:00", MINUTES), p("01:00:00", "01:59:00", MINUTES), p("01:59:00", "02:00:00", SAMPLES)),
                KpiController.parts(windows, at("00:30:00"), at("01:59:00")));
    }

    @Test
    void windowsOffTheUtcHourUseMinutesAroundTheirWholeHours() {
        // a plant at UTC+05:30: its hours start at half past the UTC hour
        var windows = List.of(w("00:30:00", "01:30:00"), w("01:30:00", "03:30:00"));
        assertEquals(List.of(p("00:30:00", "01:30:00", MINUTES), p("01:30:00", "02:00:00", MINUTES), p("02:00:00", "03:00:00", HOURS),
                        p("03:00:00", "03:30:00", MINUTES)),
                KpiController.parts(windows, LONG_AGO, at("04:00:00")));
    }
}
