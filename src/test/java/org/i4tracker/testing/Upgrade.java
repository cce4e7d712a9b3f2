package org.i4tracker.testing;

import org.flywaydb.core.Flyway;

import java.sql.SQLException;

/**
 * For migration tests: a database of either kind the service runs on, migrated to an older version,
 * filled as that version stored its data, then migrated to the end as an upgrade does.
 */
public final class Upgrade {

    /** What a migration test checks on one database. */
    public interface Check {
        void run(String url, String user) throws SQLException;
    }

    private Upgrade() {
    }

    /** Runs the check on a fresh in-memory H2 database in PostgreSQL mode, as the service opens it. */
    public static void onH2(String name, Check check) throws SQLException {
        check.run("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa");
    }

    /** Runs the check in a fresh PostgreSQL schema; skipped with a printed reason when no server is reachable. */
    public static void onPostgres(Check check) throws SQLException {
        try (Postgres pg = Postgres.freshSchemaOrSkip()) {
            check.run(pg.url(), Postgres.USER);
        }
    }

    /** Applies the project's migrations up to {@code version}, or all of them when it is null. */
    public static void migrate(String url, String user, String version) {
        var flyway = Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration");
        (version == null ? flyway : flyway.target(version)).load().migrate();
    }
}
