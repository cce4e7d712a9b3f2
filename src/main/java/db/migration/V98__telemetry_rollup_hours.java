package db.migration;

import org.flywaydb.core.api.migration.Context;
import org.i4tracker.storage.H2Schema;
import org.i4tracker.telemetry.HourRollups;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Creates {@code telemetry_rollup_hour}, the per-machine, per-UTC-hour sums of {@code telemetry_rollup}
 * ({@link HourRollups}), and fills it from the stored minutes. On PostgreSQL its primary key carries the other
 * columns ({@code INCLUDE}), as {@link V97__telemetry_rollup_covering_key} does for the minutes, so that a KPI read
 * is an index-only scan; on H2 it ends as every {@link H2Schema} migration does (the foreign key uses the key's
 * index).
 */
public class V98__telemetry_rollup_hours extends H2Schema {

    @Override
    public void migrate(Context context) throws java.sql.SQLException {
        Connection c = context.getConnection();
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE telemetry_rollup_hour ("
                    + " machine_id BIGINT NOT NULL REFERENCES machine(id) ON DELETE CASCADE,"
                    + " hour_start TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " good_increase BIGINT NOT NULL,"
                    + " reject_increase BIGINT NOT NULL,"
                    + " run_seconds DOUBLE PRECISION NOT NULL,"
                    + " known_seconds DOUBLE PRECISION NOT NULL,"
                    + " ideal_seconds DOUBLE PRECISION NOT NULL,"
                    + " samples INT NOT NULL,"
                    + " CONSTRAINT pk_telemetry_rollup_hour PRIMARY KEY (machine_id, hour_start)"
                    + (postgres ? " INCLUDE (good_increase, reject_increase, run_seconds, known_seconds, ideal_seconds, samples)" : "")
                    + ")");
        }
        HourRollups.fill(c);
        super.migrate(context);
    }
}
