package org.i4tracker.programme;

import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Uptake of a programme (DESIGN.md §8): uptake rate = firms ever enrolled / eligible firms,
 * overall, per group and cumulatively per calendar period from the programme's start to
 * {@code asOf}. The population is the eligible firms plus any enrolled firm that no longer
 * passes the rules (it was eligible when it enrolled), so the rate never exceeds 1. A firm is
 * active in a period when enrolled on or before its last day and not withdrawn by then.
 * A group with no eligible firm has a null rate. Plain Java, immutable.
 */
public final class UptakeCalculator {

    /** A firm of the population with the group it falls in. */
    public record PopulationFirm(long firmId, String groupKey, String groupLabel) {
    }

    /** An enrolment as uptake needs it. */
    public record Participation(long firmId, LocalDate enrolledOn, LocalDate withdrawnOn, Set<ProgrammeServiceType> services) {
    }

    private static final int MAX_PERIODS = 1200;

    private final UptakePeriod period;
    private final UptakeReport.Reference reference;

    public UptakeCalculator(UptakePeriod period, UptakeReport.Reference reference) {
        this.period = Check.notNull(period, "period");
        this.reference = reference;
    }

    public UptakeReport report(long programmeId, String by, LocalDate startsOn, LocalDate asOf,
                               List<PopulationFirm> population, List<Participation> participations) {
        Check.that(!asOf.isBefore(startsOn), "asOf", "must not be before the programme's start " + startsOn);
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate s = period.start(startsOn); !s.isAfter(asOf); s = period.next(s)) {
            starts.add(s);
            if (starts.size() > MAX_PERIODS) {
                throw DomainException.unprocessable("period", "more than " + MAX_PERIODS + " periods; choose a coarser period");
            }
        }
        Map<Long, PopulationFirm> firms = new TreeMap<>();
        population.forEach(f -> firms.put(f.firmId(), f));
        Map<Long, Participation> counted = new TreeMap<>();
        for (Participation p : participations) {
            if (!p.enrolledOn().isAfter(asOf) && firms.containsKey(p.firmId())) {
                counted.put(p.firmId(), p);
            }
        }
        List<UptakeReport.Point> series = new ArrayList<>();
        Map<String, List<Integer>> groupSeries = new TreeMap<>();
        firms.values().forEach(f -> groupSeries.putIfAbsent(f.groupKey(), new ArrayList<>()));
        for (LocalDate start : starts) {
            LocalDate next = period.next(start);
            LocalDate end = next.minusDays(1).isAfter(asOf) ? asOf : next.minusDays(1);
            int fresh = 0;
            int withdrawals = 0;
            int active = 0;
            int cumulative = 0;
            Map<String, Integer> byGroup = new TreeMap<>();
            for (Participation p : counted.values()) {
                if (p.enrolledOn().isAfter(end)) {
                    continue;
                }
                cumulative++;
                byGroup.merge(firms.get(p.firmId()).groupKey(), 1, Integer::sum);
                if (!p.enrolledOn().isBefore(start)) {
                    fresh++;
                }
                boolean withdrawn = p.withdrawnOn() != null && !p.withdrawnOn().isAfter(end);
                if (withdrawn && !p.withdrawnOn().isBefore(start)) {
                    withdrawals++;
                }
                if (!withdrawn) {
                    active++;
                }
            }
            series.add(new UptakeReport.Point(period.label(start), start, end, fresh, withdrawals, active, cumulative,
                    rate(cumulative, firms.size())));
            groupSeries.forEach((k, list) -> list.add(byGroup.getOrDefault(k, 0)));
        }
        List<UptakeReport.Group> groups = new ArrayList<>();
        groupSeries.forEach((key, cumulative) -> {
            List<PopulationFirm> members = firms.values().stream().filter(f -> f.groupKey().equals(key)).toList();
            int enrolled = (int) counted.keySet().stream().filter(id -> firms.get(id).groupKey().equals(key)).count();
            groups.add(new UptakeReport.Group(key, members.get(0).groupLabel(), members.size(), enrolled,
                    rate(enrolled, members.size()), List.copyOf(cumulative)));
        });
        Map<ProgrammeServiceType, Integer> services = new EnumMap<>(ProgrammeServiceType.class);
        counted.values().forEach(p -> p.services().forEach(s -> services.merge(s, 1, Integer::sum)));
        int withdrawn = (int) counted.values().stream().filter(p -> p.withdrawnOn() != null && !p.withdrawnOn().isAfter(asOf)).count();
        var totals = new UptakeReport.Totals(firms.size(), counted.size(), counted.size() - withdrawn, withdrawn,
                rate(counted.size(), firms.size()));
        return new UptakeReport(programmeId, by, period, asOf, totals, groups, series, services, reference);
    }

    private static Double rate(int enrolled, int eligible) {
        return eligible == 0 ? null : (double) enrolled / eligible;
    }
}
