package org.i4tracker.telemetry;

import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.Role;
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
import java.util.List;

/** OEE KPIs of a machine per window (formulas in {@link OeeCalculator}). */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
@Controller("/api/v1/machines/{id}/kpis")
class KpiController {

    static final int MAX_WINDOWS = 10_000;
    static final int MAX_READINGS = 2_000_000;

    record KpiReport(long machineId, KpiWindows.Size window, long idealCycleTimeMs, List<OeeCalculator.WindowKpis> windows) {
    }

    private final MachineRepository machines;
    private final TelemetryStore store;
    private final KpiWindows windows;

    KpiController(MachineRepository machines, TelemetryStore store, TelemetrySettings settings) {
        this.machines = machines;
        this.store = store;
        this.windows = new KpiWindows(ZoneId.of(settings.getKpiZone()), LocalTime.parse(settings.getShiftStart()));
    }

    @Get
    KpiReport kpis(long id, @QueryValue Instant from, @QueryValue Instant to, @QueryValue KpiWindows.Size window)
            throws SQLException {
        Machine machine = machines.findById(id).orElseThrow(() -> DomainException.notFound("machine", id));
        Check.that(to.isAfter(from), "to", "must be after from");
        Check.that(Duration.between(from, to).toDays() <= 366, "to", "the range may span at most 366 days");
        List<KpiWindows.Window> split;
        try {
            split = windows.split(from, to, window, MAX_WINDOWS);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("window", "gives more than " + MAX_WINDOWS + " windows; choose a larger window or a shorter range");
        }
        List<OeeCalculator.Reading> readings = store.readings(id, from, to, MAX_READINGS);
        if (readings.size() > MAX_READINGS) {
            throw DomainException.unprocessable("to", "more than " + MAX_READINGS + " samples in the range; choose a shorter range");
        }
        return new KpiReport(id, window, machine.idealCycleTimeMs(),
                new OeeCalculator(machine.idealCycleTimeMs()).compute(readings, split));
    }
}
