package org.i4tracker.telemetry;

import io.micronaut.context.ApplicationContext;

import java.sql.SQLException;
import java.time.Instant;

/** Runs the service's rollup pass now, as the scheduled one would once the rollup lag has passed (for benchmarks). */
public final class RollupPass {

    private RollupPass() {
    }

    /** One pass over everything stored so far; returns the machine minutes rolled up (their parts merged). */
    public static int run(ApplicationContext ctx) throws SQLException {
        return ctx.getBean(TelemetryRollups.class).rollUp(Instant.now().plus(TelemetryRollups.ROLLUP_LAG).plusSeconds(1));
    }
}
