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
import java.util.ArrayList;
import java.util.List;

/**
 * OEE KPIs of a machine per window (formulas in {@link OeeCalculator}). Windows starting before the
 * raw-sample retention cutoff ({@code i4.telemetry.retention.raw}) come from per-minute rollups
 * ({@link TelemetryRollups}); so do later windows of whole minutes that end before the machine's latest
 * rollup minute and before any chunk a rollup pass has not read ({@link TelemetryRollups#completeBefore}).
 * The others, typically the last minutes of a range ending now, come from raw samples. Consecutive windows
 * of one source are read with one query.
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
        Check.that(to.isAfter(from), "to", "must be after from");
        Check.that(Duration.between(from, to).toDays() <= 366, "to", "the range may span at most 366 days");
        List<KpiWindows.Window> split;
        try {
            split = windows.split(from, to, window, MAX_WINDOWS);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("window", "gives more than " + MAX_WINDOWS + " windows; choose a larger window or a shorter range");
        }
        Instant cutoff = rollups.rawCutoff(Instant.now());
        Instant complete = rollups.completeBefore(id);
        List<OeeCalculator.WindowKpis> result = new ArrayList<>(split.size());
        int start = 0;
        while (start < split.size()) {
            boolean rolled = fromRollups(split.get(start), cutoff, complete);
            int end = start + 1;
            while (end < split.size() && fromRollups(split.get(end), cutoff, complete) == rolled) {
                end++;
            }
            List<KpiWindows.Window> run = split.subList(start, end);
            Instant runFrom = start == 0 ? from : run.get(0).from();
            Instant runTo = run.get(run.size() - 1).to();
            if (rolled) {
                result.addAll(OeeCalculator.fromMinutes(rollups.minutes(id, runFrom, runTo), run));
            } else {
                // a run followed by another (at most the range's first, partial window) needs the sample after it
                List<OeeCalculator.Reading> readings = end < split.size() ? store.readingsAround(id, runFrom, runTo)
                        : store.readings(id, runFrom, runTo, MAX_READINGS);
                if (readings.size() > MAX_READINGS) {
                    throw DomainException.unprocessable("to", "more than " + MAX_READINGS + " samples in the range; choose a shorter range");
                }
                result.addAll(new OeeCalculator(machine.idealCycleTimeMs()).compute(readings, run));
            }
            start = end;
        }
        boolean old = !split.isEmpty() && split.get(0).from().isBefore(cutoff);
        return new KpiReport(id, window, machine.idealCycleTimeMs(), old ? cutoff : null, result);
    }

    /**
     * A window starting before the raw cutoff comes from rollups (its samples may be gone); so does one of whole
     * minutes that ends by the instant before which the machine's rollups are complete, where summing at most
     * 1 440 rollup rows a day gives the same sums as decoding up to 86 400 samples a day. Others come from samples.
     */
    private static boolean fromRollups(KpiWindows.Window w, Instant cutoff, @Nullable Instant complete) {
        if (w.from().isBefore(cutoff)) {
            return true;
        }
        return complete != null && !w.to().isAfter(complete) && wholeMinute(w.from()) && wholeMinute(w.to());
    }

    private static boolean wholeMinute(Instant t) {
        return t.getEpochSecond() % 60 == 0 && t.getNano() == 0;
    }
}
