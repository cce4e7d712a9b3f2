package org.i4tracker.storage;

import org.i4tracker.testing.Upgrade;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migration V75 ({@link H2Schema}) brings an H2 database of V74, data in it, to identity caches of
 * {@value H2Schema#IDENTITY_CACHE} and foreign keys without an index of their own, keeping the data and the
 * keys' enforcement; on PostgreSQL it runs and changes nothing (identity caches stay 1; skipped with a
 * printed reason when no server is reachable).
 */
class H2SchemaMigrationTest {

    @Test
    void upgradesTheH2SchemaInTheMigration() throws SQLException {
        Upgrade.onH2("v75", (url, user) -> {
            Upgrade.migrate(url, user, "74");
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                assertFalse(H2Schema.identityColumnsBelow(c, H2Schema.IDENTITY_CACHE).isEmpty(), "V74 has H2's default identity cache");
                assertFalse(H2Schema.foreignKeysWithRedundantIndex(c).isEmpty(), "V74 has foreign keys with an index of their own");
                s.execute("INSERT INTO region (code, name) VALUES ('MG75', 'Before')");
            }

            Upgrade.migrate(url, user, null);

            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                assertEquals(0, H2Schema.identityColumnsBelow(c, H2Schema.IDENTITY_CACHE).size(), "every identity cache raised");
                assertEquals(0, H2Schema.foreignKeysWithRedundantIndex(c).size(), "every foreign key uses the table's index");
                assertEquals("ix_audit_assessment|CASCADE", single(s, "SELECT tc.index_name || '|' || rc.delete_rule"
                        + " FROM information_schema.table_constraints tc JOIN information_schema.referential_constraints rc"
                        + " ON rc.constraint_name = tc.constraint_name AND rc.constraint_schema = tc.constraint_schema"
                        + " WHERE tc.table_name = 'assessment_audit' AND tc.constraint_type = 'FOREIGN KEY'"), "the key keeps its delete rule");
                SQLException orphan = assertThrows(SQLException.class, () -> s.execute("INSERT INTO assessment_audit"
                        + " (assessment_id, actor, action, changed_at) VALUES (999999, 'x', 'X', CURRENT_TIMESTAMP)"));
                assertEquals(23506, orphan.getErrorCode(), "the foreign key is still enforced: " + orphan.getMessage());
                assertEquals("Before", single(s, "SELECT name FROM region WHERE code = 'MG75'"), "the data survived");
                s.execute("INSERT INTO region (code, name) VALUES ('MG76', 'After')");
                assertEquals("1", single(s, "SELECT (SELECT id FROM region WHERE code = 'MG76') - (SELECT id FROM region WHERE code = 'MG75')"),
                        "ids go on from where they were");
            }
        });
    }

    @Test
    void changesNothingOnPostgres() throws SQLException {
        Upgrade.onPostgres((url, user) -> {
            Upgrade.migrate(url, user, null);
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                assertEquals("true", single(s, "SELECT CAST(success AS VARCHAR) FROM flyway_schema_history WHERE version = '75'"));
                assertTrue(Long.parseLong(single(s, "SELECT COUNT(*) FROM pg_sequences WHERE schemaname = current_schema()")) >= 30,
                        "the schema's identity sequences were found");
                assertEquals("1", single(s, "SELECT MAX(cache_size) FROM pg_sequences WHERE schemaname = current_schema()"),
                        "PostgreSQL keeps a cache of 1");
            }
        });
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet r = st.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getString(1);
        }
    }
}
