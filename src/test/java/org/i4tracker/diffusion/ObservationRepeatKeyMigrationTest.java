package org.i4tracker.diffusion;

import org.flywaydb.core.Flyway;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Migration V63 gives adoption observations a unique key on what makes two of them identical repeats
 * (firm, technology, day, source, reference; two missing references are equal). A database migrated to
 * V62 and holding repeats, as a race between two writers could leave, keeps the oldest of each; afterwards
 * the database itself refuses a repeat, and {@code ON CONFLICT DO NOTHING} skips it. On H2 (PostgreSQL
 * mode, as the service runs it) and on PostgreSQL (skipped with a printed reason when none is reachable).
 */
class ObservationRepeatKeyMigrationTest {

    private static final String INSERT = "INSERT INTO adoption_observation (firm_id, technology_code, observed_on, source, reference) "
            + "SELECT id, 'ROBOTICS', DATE '2021-03-01', 'ASSESSMENT', ";

    @Test
    void keepsTheOldestOfEachRepeatAndRefusesNewOnesOnH2() throws SQLException {
        check("jdbc:h2:mem:v63-" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa");
    }

    @Test
    void keepsTheOldestOfEachRepeatAndRefusesNewOnesOnPostgres() throws SQLException {
        try (Postgres pg = Postgres.freshSchemaOrSkip()) {
            check(pg.url(), Postgres.USER);
        }
    }

    private static void check(String url, String user) throws SQLException {
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("62").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO region (code, name) VALUES ('MG3', 'Migration')");
            s.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'Tiles', '23.31' FROM region");
            s.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) SELECT id, 'MG-3', 'Tiles', '23.31', 40 FROM district");
            for (String reference : new String[]{"NULL", "'assessment 1'", "NULL", "'assessment 1'", "'assessment 2'", "NULL"}) {
                s.execute(INSERT + reference + " FROM firm");
            }
        }

        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            assertEquals(List.of("1 null", "2 assessment 1", "5 assessment 2"), observations(s), "the oldest of each repeat stays");
            SQLException refused = assertThrows(SQLException.class, () -> s.execute(INSERT + "NULL FROM firm"),
                    "a repeat with a missing reference equals the stored one");
            assertEquals("23505", refused.getSQLState(), "unique violation");
            assertEquals(0, s.executeUpdate(INSERT + "'assessment 2' FROM firm ON CONFLICT DO NOTHING"), "a repeat is skipped");
            assertEquals(1, s.executeUpdate(INSERT + "'assessment 3' FROM firm ON CONFLICT DO NOTHING"), "another reference is no repeat");
        }
    }

    private static List<String> observations(Statement s) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT id, reference FROM adoption_observation ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
