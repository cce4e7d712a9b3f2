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
 * ({@link TelemetryRollups}), later ones from raw samples.
 */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
@Controller("/api/v1/machines/{id}/kpis")
class KpiController {

    static final int MAX_WINDOWS = 10_000;
    static final int MAX_READINGS = 2_000_000;

    /**
     * @param rollupsBefore windows starting before this instant (the raw-sample retention cutoff) are
     *                      computed from per-minute rollups; null when every window comes from raw samples
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
        int old = 0;
        while (old < split.size() && split.get(old).from().isBefore(cutoff)) {
            old++;
        }
        List<OeeCalculator.WindowKpis> result = new ArrayList<>(split.size());
        if (old > 0) {
            List<KpiWindows.Window> rolled = split.subList(0, old);
            result.addAll(OeeCalculator.fromMinutes(rollups.minutes(id, from, rolled.get(old - 1).to()), rolled));
        }
        if (old < split.size()) {
            List<KpiWindows.Window> recent = split.subList(old, split.size());
            List<OeeCalculator.Reading> readings = store.readings(id, recent.get(0).from(), to, MAX_READINGS);
            if (readings.size() > MAX_READINGS) {
                throw DomainException.unprocessable("to", "more than " + MAX_READINGS + " samples in the range; choose a shorter range");
            }
            result.addAll(new OeeCalculator(machine.idealCycleTimeMs()).compute(readings, recent));
        }
        return new KpiReport(id, window, machine.idealCycleTimeMs(), old > 0 ? cutoff : null, result);
    }
}
