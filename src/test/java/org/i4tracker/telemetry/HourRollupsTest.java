package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link HourRollups#sum}: the minutes of each UTC hour added up, by hand; {@link HourRollups#fill} agrees with it. */
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

    /**
     * {@code fill} over two machines with 6 100 hours between them (so across its 5 000-row batch boundary), hours of
     * one to three minutes, one hour that holds a single minute at its last second: the rows it writes equal
     * {@link HourRollups#sum} of each machine's minutes, and it returns their number.
     */
    @Test
    void fillWritesTheSumsOfEveryMachinesHours() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:hour-fill;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE telemetry_rollup (machine_id BIGINT, minute_start TIMESTAMP WITH TIME ZONE, good_increase BIGINT,"
                    + " reject_increase BIGINT, run_seconds DOUBLE PRECISION, known_seconds DOUBLE PRECISION,"
                    + " ideal_seconds DOUBLE PRECISION, samples INT, PRIMARY KEY (machine_id, minute_start))");
            st.execute("CREATE TABLE telemetry_rollup_hour (machine_id BIGINT, hour_start TIMESTAMP WITH TIME ZONE, good_increase BIGINT,"
                    + " reject_increase BIGINT, run_seconds DOUBLE PRECISION, known_seconds DOUBLE PRECISION,"
                    + " ideal_seconds DOUBLE PRECISION, samples INT, PRIMARY KEY (machine_id, hour_start))");
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            List<List<OeeCalculator.Minute>> byMachine = List.of(new ArrayList<>(), new ArrayList<>());
            try (PreparedStatement ins = c.prepareStatement(TelemetryRollups.INSERT_ROLLUP)) {
                for (int machine = 1; machine <= 2; machine++) {
                    int hours = machine == 1 ? 3_100 : 3_000;
                    for (int h = 0; h < hours; h++) {
                        for (int k = 0; k <= (h + machine) % 3; k++) {
                            Instant start = t0.plusSeconds(h * 3_600L + (h == 7 ? 59 * 60 : k * 60L));
                            // whole seconds and halves, so the stored doubles read back and add up exactly
                            var m = new OeeCalculator.Minute(start, h % 11 + k, k, 1_000L * (h % 60), 60_000, 500.0 * (h % 5), 1 + k);
                            byMachine.get(machine - 1).add(m);
                            TelemetryRollups.addRollup(ins, machine, m);
                            if (h == 7) {
                                break;
                            }
                        }
                    }
                }
                ins.executeBatch();
            }
            assertEquals(6_100, HourRollups.fill(c));
            for (int machine = 1; machine <= 2; machine++) {
                List<OeeCalculator.Minute> stored = HourRollups.minutes(c, "telemetry_rollup_hour", "hour_start", machine,
                        t0, t0.plusSeconds(4_000 * 3_600L));
                List<OeeCalculator.Minute> expected = HourRollups.sum(byMachine.get(machine - 1));
                assertEquals(expected.size(), stored.size(), "hours of machine " + machine);
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i), stored.get(i), "machine " + machine + ", hour " + i);
                }
            }
        }
    }
}
