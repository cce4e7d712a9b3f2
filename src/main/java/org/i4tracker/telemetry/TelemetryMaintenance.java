package org.i4tracker.telemetry;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Runs the per-minute rollup ({@code i4.telemetry.rollup.interval}, default every minute) and the
 * retention ({@code i4.telemetry.retention.interval}, default hourly) on every instance; both are
 * idempotent (see {@link TelemetryRollups}). Off with {@code i4.telemetry.maintenance.enabled=false}.
 */
@Singleton
@Requires(property = "i4.telemetry.maintenance.enabled", notEquals = "false")
class TelemetryMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryMaintenance.class);

    private final TelemetryRollups rollups;

    TelemetryMaintenance(TelemetryRollups rollups) {
        this.rollups = rollups;
    }

    @Scheduled(fixedDelay = "${i4.telemetry.rollup.interval:1m}", initialDelay = "${i4.telemetry.rollup.initial-delay:1m}")
    void rollUp() {
        try {
            rollups.rollUp(Instant.now());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("telemetry rollup failed, the next pass repeats it: {}", e.toString());
        }
    }

    @Scheduled(fixedDelay = "${i4.telemetry.retention.interval:1h}", initialDelay = "${i4.telemetry.retention.initial-delay:10m}")
    void retention() {
        try {
            rollups.applyRetention(Instant.now());
        } catch (SQLException | RuntimeException e) {
            LOG.warn("telemetry retention failed, the next pass repeats it: {}", e.toString());
        }
    }
}
