package org.i4tracker.access;

import org.i4tracker.testing.Upgrade;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Migration V99 adds {@code app_user.password_temporary} and marks the firm users an RTI assessor created before it
 * (with a password the assessor chose) as temporary, so that their firm must set its own; every other user keeps
 * its password as it is. On H2 (PostgreSQL mode, as the service runs it) and on PostgreSQL (skipped with a printed
 * reason when none is reachable).
 */
class TemporaryPasswordMigrationTest {

    @Test
    void marksOnlyFirmUsersThatAnAssessorCreatedOnH2() throws SQLException {
        Upgrade.onH2("v99", TemporaryPasswordMigrationTest::check);
    }

    @Test
    void marksOnlyFirmUsersThatAnAssessorCreatedOnPostgres() throws SQLException {
        Upgrade.onPostgres(TemporaryPasswordMigrationTest::check);
    }

    private static void check(String url, String user) throws SQLException {
        Upgrade.migrate(url, user, "98");
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO region (code, name) VALUES ('MG99', 'Migration')");
            s.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'Tiles', '23.31' FROM region");
            s.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) SELECT id, 'MG-99', 'Tiles', '23.31', 40 FROM district");
            s.execute("INSERT INTO institution (region_id, name, kind, market_actor) SELECT id, 'RTI', 'RTI', FALSE FROM region");
            String hash = "'$2a$04$0123456789012345678901uFakeHashForMigrationTestOnly0123'";
            s.execute("INSERT INTO app_user (username, password_hash, role, created_by) VALUES ('admin', " + hash + ", 'ADMIN', 'bootstrap')");
            s.execute("INSERT INTO app_user (username, password_hash, role, institution_id, created_by) SELECT 'assessor', " + hash
                    + ", 'RTI_ASSESSOR', id, 'admin' FROM institution");
            for (String[] u : new String[][]{{"invited-by-assessor", "assessor"}, {"created-by-admin", "admin"}, {"created-by-nobody", null}}) {
                s.execute("INSERT INTO app_user (username, password_hash, role, firm_id, created_by) SELECT '" + u[0] + "', " + hash
                        + ", 'FIRM_USER', id, " + (u[1] == null ? "NULL" : "'" + u[1] + "'") + " FROM firm");
            }
        }

        Upgrade.migrate(url, user, null);

        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            Map<String, Boolean> temporary = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT username, password_temporary FROM app_user ORDER BY id")) {
                while (rs.next()) {
                    temporary.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            assertEquals(Map.of("admin", false, "assessor", false, "invited-by-assessor", true, "created-by-admin", false,
                    "created-by-nobody", false), temporary);
            s.execute("INSERT INTO app_user (username, password_hash, role) VALUES ('later', 'x', 'ADMIN')");
            try (ResultSet rs = s.executeQuery("SELECT password_temporary FROM app_user WHERE username = 'later'")) {
                rs.next();
                assertEquals(false, rs.getBoolean(1), "a user created afterwards has no temporary password unless it is given one");
            }
        }
    }
}
