package org.i4tracker.telemetry;

import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * OEE KPIs of a machine per window (formulas in {@link OeeCalculator}). Windows starting before the
 * raw-sample retention cutoff ({@code i4.telemetry.retention.raw}) come from per-minute rollups
 * ({@link TelemetryRollups}). Of a later window, the whole minutes before the instant up to which the machine's
 * rollups are complete ({@link TelemetryRollups#completeBefore}) come from rollups and the rest from raw samples:
 * typically only the last minutes of a range ending now are decoded. Rolled-up time is read as whole hours from the
 * hourly rollups and the minutes around them ({@link #parts}). Consecutive parts of one source are read with one
 * query.
 */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
@Controller("/api/v1/machines/{id}/kpis")
class KpiController {

    static final int MAX_WINDOWS = 10_000;
    static final int MAX_READINGS = 2_000_000;

    /**
     * @param rollupsBefore the raw-sample retention cutoff when windows start before it (they are computed
     *                      from per-minute rollups, their samples may be deleted); null when none does
     */
    record KpiReport(long machineId, KpiWindows.Size window, long idealCycleTimeMs, @Nullable Instant rollupsBefore,
                     List<OeeCalculator.WindowKpis> windows) {
    }

    private final MachineRepository machines;
    private final TelemetryStore store;
    private final KpiWindows windows;
    private final TelemetryRollups rollups;
    private final PlantScope scope;

    KpiController(MachineRepository machines, TelemetryStore store, TelemetrySettings settings, TelemetryRollups rollups,
                  PlantScope scope) {
        this.machines = machines;
        this.scope = scope;
        this.store = store;
        this.rollups = rollups;
        this.windows = new KpiWindows(ZoneId.of(settings.getKpiZone()), LocalTime.parse(settings.getShiftStart()));
    }

    @Get
    KpiReport kpis(long id, @QueryValue Instant from, @QueryValue Instant to, @QueryValue KpiWindows.Size window)
            throws SQLException {
        Machine machine = machines.findById(id).orElseThrow(() -> DomainException.notFound("machine", id));
        try {
            scope.read(machine.plantId());
        } catch (DomainException e) {
            throw DomainException.notFound("machine", id);
        }
        Check.instant(from, "from");
        Check.instant(to, "to");
        Check.that(to.isAfter(from), "to", "must be after from");
        Check.that(Duration.between(from, to).toDays() <= 366, "to", "the range may span at most 366 days");
        List<KpiWindows.Window> split;
        try {
            split = windows.split(from, to, window, MAX_WINDOWS);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("window", "gives more than " + MAX_WINDOWS + " windows; choose a larger window or a shorter range");
        }
        Instant cutoff = rollups.rawCutoff(Instant.now());
        List<Part> parts = parts(split, cutoff, rollups.completeBefore(id));
        // sums per part, from rollup minutes or from samples, each attributed to the window its start lies in
        List<OeeCalculator.Minute> sums = new ArrayList<>();
        OeeCalculator samples = new OeeCalculator(machine.idealCycleTimeMs());
        int start = 0;
        while (start < parts.size()) {
            Source source = parts.get(start).source();
            int end = start + 1;
            while (end < parts.size() && parts.get(end).source() == source) {
                end++;
            }
            Instant runFrom = parts.get(start).from();
            Instant runTo = parts.get(end - 1).to();
            switch (source) {
                case HOURS -> sums.addAll(rollups.hours(id, runFrom, runTo));
                case MINUTES -> sums.addAll(rollups.minutes(id, runFrom, runTo));
                case SAMPLES -> {
                    // a run followed by another needs the sample after it: its state holds up to that sample
                    List<OeeCalculator.Reading> readings = end < parts.size() ? store.readingsAround(id, runFrom, runTo)
                            : store.readings(id, runFrom, runTo, MAX_READINGS);
                    if (readings.size() > MAX_READINGS) {
                        throw DomainException.unprocessable("to", "more than " + MAX_READINGS + " samples in the range; choose a shorter range");
                    }
                    List<KpiWindows.Window> run = parts.subList(start, end).stream()
                            .map(p -> new KpiWindows.Window(p.from(), p.to())).toList();
                    sums.addAll(samples.minutes(readings, run));
                }
            }
            start = end;
        }
        boolean old = !split.isEmpty() && split.get(0).from().isBefore(cutoff);
        return new KpiReport(id, window, machine.idealCycleTimeMs(), old ? cutoff : null, OeeCalculator.fromMinutes(sums, split));
    }

    /** Where a part of a KPI window is summed from: hourly rollups, per-minute rollups or raw samples. */
    enum Source { HOURS, MINUTES, SAMPLES }

    /** A part of a KPI window and its source. */
    record Part(Instant from, Instant to, Source source) {
    }

    /**
     * The parts of the windows, in order. A window starting before the raw cutoff comes from rollups (its samples
     * may be gone). Of a later window, the whole minutes before {@code complete} (the instant before which the
     * machine's rollups are complete, {@link TelemetryRollups#completeBefore}) come from rollups, and the rest before
     * and after them from samples: so the open last window of a range ending now reads its rolled-up time and
     * decodes only the samples after it, instead of up to 86 400 samples a day. Rolled-up time is read as whole UTC
     * hours ({@link HourRollups}) with the minutes before the first and after the last whole hour: 30 days are
     * 720 hour rows instead of 43 200 minute rows. The sums of the parts equal the sums over the whole window
     * because every sum of the time model is additive over consecutive intervals ({@link OeeCalculator}).
     */
    static List<Part> parts(List<KpiWindows.Window> windows, Instant cutoff, @Nullable Instant complete) {
        List<Part> parts = new ArrayList<>(windows.size() + 4);
        for (KpiWindows.Window w : windows) {
            if (w.from().isBefore(cutoff)) {
                rolledUp(parts, w.from(), w.to());
                continue;
            }
            Instant a = ceil(w.from(), ChronoUnit.MINUTES);
            Instant b = w.to().truncatedTo(ChronoUnit.MINUTES);
            if (complete != null && complete.isBefore(b)) {
                b = complete;
            }
            if (complete == null || !a.isBefore(b)) {
                parts.add(new Part(w.from(), w.to(), Source.SAMPLES));
                continue;
            }
            if (w.from().isBefore(a)) {
                parts.add(new Part(w.from(), a, Source.SAMPLES));
            }
            rolledUp(parts, a, b);
            if (b.isBefore(w.to())) {
                parts.add(new Part(b, w.to(), Source.SAMPLES));
            }
        }
        return parts;
    }

    /** [a, b) from rollups: whole UTC hours from the hourly rollups, the minutes around them from the per-minute ones. */
    private static void rolledUp(List<Part> parts, Instant a, Instant b) {
        Instant firstHour = ceil(a, ChronoUnit.HOURS);
        Instant lastHour = b.truncatedTo(ChronoUnit.HOURS);
        if (!firstHour.isBefore(lastHour)) {
            parts.add(new Part(a, b, Source.MINUTES));
            return;
        }
        if (a.isBefore(firstHour)) {
            parts.add(new Part(a, firstHour, Source.MINUTES));
        }
        parts.add(new Part(firstHour, lastHour, Source.HOURS));
        if (lastHour.isBefore(b)) {
            parts.add(new Part(lastHour, b, Source.MINUTES));
        }
    }

    private static Instant ceil(Instant t, ChronoUnit unit) {
        Instant floor = t.truncatedTo(unit);
        return floor.equals(t) ? t : floor.plus(1, unit);
    }
}
