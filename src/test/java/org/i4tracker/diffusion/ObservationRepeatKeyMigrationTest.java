package org.i4tracker.diffusion;

import org.i4tracker.testing.Upgrade;
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
        Upgrade.onH2("v63", ObservationRepeatKeyMigrationTest::check);
    }

    @Test
    void keepsTheOldestOfEachRepeatAndRefusesNewOnesOnPostgres() throws SQLException {
        Upgrade.onPostgres(ObservationRepeatKeyMigrationTest::check);
    }

    private static void check(String url, String user) throws SQLException {
        Upgrade.migrate(url, user, "62");
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO region (code, name) VALUES ('MG3', 'Migration')");
            s.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'Tiles', '23.31' FROM region");
            s.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) SELECT id, 'MG-3', 'Tiles', '23.31', 40 FROM district");
            for (String reference : new String[]{"NULL", "'assessment 1'", "NULL", "'assessment 1'", "'assessment 2'", "NULL"}) {
                s.execute(INSERT + reference + " FROM firm");
            }
        }

        Upgrade.migrate(url, user, null);

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
