package org.i4tracker.programme;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UptakeCalculatorTest {

    private static final UptakeReport.Reference REF = new UptakeReport.Reference(0.41, "seed 003");

    private static UptakeCalculator.PopulationFirm firm(long id, String district) {
        return new UptakeCalculator.PopulationFirm(id, district, "District " + district);
    }

    @Test
    void handCountedQuarters() {
        // Five eligible firms: D1 = {1, 2, 3}, D2 = {4, 5}. Enrolments: firm 1 on 10 Feb (audit), firm 4 on 1 Apr
        // (audit, training; withdrawn 15 May), firm 2 on 30 Jun; firm 9 is not eligible and is ignored.
        // Q1 (Jan–Mar): cumulative 1, new 1, active 1, rate 1/5 = 0.2.
        // Q2 (Apr–Jun): cumulative 3, new 2, withdrawals 1, active 2, rate 3/5 = 0.6.
        var report = new UptakeCalculator(UptakePeriod.QUARTER, REF).report(7, "DISTRICT", LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 6, 30),
                List.of(firm(1, "D1"), firm(2, "D1"), firm(3, "D1"), firm(4, "D2"), firm(5, "D2")),
                List.of(new UptakeCalculator.Participation(1, LocalDate.of(2024, 2, 10), null, Set.of(ProgrammeServiceType.DIGITAL_AUDIT)),
                        new UptakeCalculator.Participation(4, LocalDate.of(2024, 4, 1), LocalDate.of(2024, 5, 15),
                                Set.of(ProgrammeServiceType.DIGITAL_AUDIT, ProgrammeServiceType.TRAINING)),
                        new UptakeCalculator.Participation(2, LocalDate.of(2024, 6, 30), null, Set.of()),
                        new UptakeCalculator.Participation(9, LocalDate.of(2024, 3, 1), null, Set.of())));

        assertEquals(new UptakeReport.Totals(5, 3, 2, 1, 0.6), report.totals());
        assertEquals(List.of(
                new UptakeReport.Point("2024-Q1", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31), 1, 0, 1, 1, 0.2),
                new UptakeReport.Point("2024-Q2", LocalDate.of(2024, 4, 1), LocalDate.of(2024, 6, 30), 2, 1, 2, 3, 0.6)),
                report.series());
        assertEquals(List.of(new UptakeReport.Group("D1", "District D1", 3, 2, 2.0 / 3, List.of(1, 2)),
                new UptakeReport.Group("D2", "District D2", 2, 1, 0.5, List.of(0, 1))), report.groups());
        assertEquals(Map.of(ProgrammeServiceType.DIGITAL_AUDIT, 2, ProgrammeServiceType.TRAINING, 1), report.servicesUsed());
        assertEquals(0.41, report.reference().uptakeRate());
    }

    @Test
    void noEligibleFirmGivesNullRateNotNaN() {
        var report = new UptakeCalculator(UptakePeriod.YEAR, REF).report(1, "SIZE", LocalDate.of(2024, 5, 5),
                LocalDate.of(2025, 1, 1), List.of(), List.of());
        assertNull(report.totals().uptakeRate());
        assertEquals(List.of("2024", "2025"), report.series().stream().map(UptakeReport.Point::period).toList());
        assertNull(report.series().get(0).uptakeRate());
    }

    @Test
    void periodLabels() {
        assertEquals("2024-03", UptakePeriod.MONTH.label(UptakePeriod.MONTH.start(LocalDate.of(2024, 3, 31))));
        assertEquals("2024-Q4", UptakePeriod.QUARTER.label(UptakePeriod.QUARTER.start(LocalDate.of(2024, 11, 2))));
        assertEquals(LocalDate.of(2024, 10, 1), UptakePeriod.QUARTER.start(LocalDate.of(2024, 12, 31)));
    }
}
