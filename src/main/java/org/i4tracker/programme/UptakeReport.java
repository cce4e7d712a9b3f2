package org.i4tracker.programme;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Programme uptake: how many eligible firms enrolled, overall, per group and over time.
 * Rates are fractions 0..1, null when there is no eligible firm (never NaN).
 *
 * @param programmeId   the programme
 * @param by            grouping: DISTRICT, SECTOR (NACE division) or SIZE
 * @param period        bucket of the time series
 * @param asOf          last day counted
 * @param totals        all eligible firms
 * @param groups        one row per group, sorted by key
 * @param series        cumulative uptake per period, oldest first
 * @param servicesUsed  number of enrolled firms that used each service
 * @param reference     comparison line for dashboards
 */
public record UptakeReport(long programmeId, String by, UptakePeriod period, LocalDate asOf, Totals totals,
                           List<Group> groups, List<Point> series, Map<ProgrammeServiceType, Integer> servicesUsed,
                           Reference reference) {

    /** Counts over all eligible firms; {@code enrolledFirms} counts every firm ever enrolled (withdrawn ones too). */
    public record Totals(int eligibleFirms, int enrolledFirms, int activeFirms, int withdrawnFirms, Double uptakeRate) {
    }

    /** One group; {@code cumulativeEnrolled} is aligned with the report's series. */
    public record Group(String key, String label, int eligibleFirms, int enrolledFirms, Double uptakeRate,
                        List<Integer> cumulativeEnrolled) {
    }

    /** One bucket of the time series. */
    public record Point(String period, LocalDate start, LocalDate end, int newEnrolments, int withdrawals,
                        int activeFirms, int cumulativeEnrolled, Double uptakeRate) {
    }

    /** A participation rate to compare with, and where it comes from. */
    public record Reference(double uptakeRate, String source) {
    }
}
