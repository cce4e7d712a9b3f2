package org.i4tracker.telemetry;

import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Ingest counters since this instance started (the same figures are exported to Prometheus). */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI})
@Controller("/api/v1/telemetry/stats")
class TelemetryStatsController {

    private final TelemetryStats stats;

    TelemetryStatsController(TelemetryStats stats) {
        this.stats = stats;
    }

    @Get
    TelemetryStats.Snapshot stats() {
        return stats.snapshot();
    }
}
