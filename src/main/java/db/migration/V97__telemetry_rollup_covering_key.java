package db.migration;

import org.flywaydb.core.api.migration.Context;
import org.i4tracker.storage.H2Schema;

import java.sql.Connection;
import java.sql.Statement;

/**
 * On PostgreSQL, the primary key of {@code telemetry_rollup} (machine, minute) carries the rollup's other columns
 * ({@code INCLUDE}), so that the KPI read of one machine's minutes is an index-only scan. Rollup rows are written
 * minute by minute across all machines, so one machine's rows lie one to a heap page: 30 days were 43 000 page reads
 * (0.9 s measured with 100 machines, bench/results/2026-12-04-kpi-windows-pg-100x30-id-first.txt) against about 450
 * index pages (20-26 ms) with the key covering them. The price is the key's size: the table with its indexes grew
 * from 602 to 773 MB in that run. H2 has no {@code INCLUDE}; its read of the same rows took 1-13 ms, so on H2 it
 * only ends as every {@link H2Schema} migration does. Measured: as a plain Java migration that did nothing on H2, the
 * H2 file of IngestBenchmark's 110 000 samples was 152 bytes per sample instead of 15
 * (bench/results/2026-12-04-ingest-chunks-h2-100k-single-parse.txt against -before-single-parse.txt).
 */
public class V97__telemetry_rollup_covering_key extends H2Schema {

    @Override
    public void migrate(Context context) throws java.sql.SQLException {
        Connection c = context.getConnection();
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            super.migrate(context);
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE telemetry_rollup DROP CONSTRAINT pk_telemetry_rollup, ADD CONSTRAINT pk_telemetry_rollup"
                    + " PRIMARY KEY (machine_id, minute_start) INCLUDE (good_increase, reject_increase, run_seconds, known_seconds,"
                    + " ideal_seconds, samples)");
        }
    }
}
