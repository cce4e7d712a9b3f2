package org.i4tracker.storage;

import io.micronaut.http.client.HttpClient;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.H2File;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An H2 file database whose URL lacks {@code WRITE_DELAY=0} (a custom URL) still gets every commit
 * written through and identity caches of {@value H2Schema#IDENTITY_CACHE}, and its foreign keys
 * share the table's index on their columns; a clean restart hands out the next id, not one a cache
 * block later.
 */
class H2SettingsTest {

    /** A custom URL: neither WRITE_DELAY=0 nor AUTO_COMPACT_FILL_RATE=0. */
    private static EmbeddedServer start(Path dataDir) {
        return H2File.start(dataDir, "custom", ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    }

    @Test
    void customH2UrlGetsWriteThroughAndLargeIdentityCaches(@TempDir Path dataDir) throws SQLException {
        long first;
        try (EmbeddedServer server = start(dataDir); HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            DataSource db = server.getApplicationContext().getBean(DataSourceResolver.class)
                    .resolve(server.getApplicationContext().getBean(DataSource.class));
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                assertEquals("0", single(st, "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'"));
                List<String> small = new ArrayList<>();
                int identities = 0;
                try (ResultSet r = st.executeQuery("SELECT table_name, identity_cache FROM information_schema.columns"
                        + " WHERE is_identity = 'YES' AND table_schema = 'public'")) {
                    while (r.next()) {
                        identities++;
                        if (r.getLong(2) < H2Schema.IDENTITY_CACHE) {
                            small.add(r.getString(1) + "=" + r.getLong(2));
                        }
                    }
                }
                assertTrue(identities >= 30, "the schema's identity columns were found: " + identities);
                assertTrue(small.isEmpty(), "identity columns left with a small cache: " + small);

                // foreign keys use the table's own index on exactly their columns instead of a second one of H2's
                assertEquals(List.of(), H2Schema.foreignKeysWithRedundantIndex(c), "foreign keys still with an index of their own");
                assertEquals("ix_audit_assessment|CASCADE", single(st, "SELECT tc.index_name || '|' || rc.delete_rule"
                        + " FROM information_schema.table_constraints tc JOIN information_schema.referential_constraints rc"
                        + " ON rc.constraint_name = tc.constraint_name AND rc.constraint_schema = tc.constraint_schema"
                        + " WHERE tc.table_name = 'assessment_audit' AND tc.constraint_type = 'FOREIGN KEY'"));
                assertEquals("0", single(st, "SELECT COUNT(*) FROM information_schema.indexes WHERE table_name = 'assessment_audit'"
                        + " AND index_name <> 'ix_audit_assessment' AND index_type_name <> 'PRIMARY KEY'"), "no second index on assessment_id");
                SQLException orphan = assertThrows(SQLException.class, () -> st.execute("INSERT INTO assessment_audit"
                        + " (assessment_id, actor, action, changed_at) VALUES (999999, 'x', 'X', CURRENT_TIMESTAMP)"));
                assertEquals(23506, orphan.getErrorCode(), "the foreign key is still enforced: " + orphan.getMessage());
            }
            first = new Api(http).create("/api/v1/regions", "{\"code\":\"R1\",\"name\":\"First\"}");
        }
        try (EmbeddedServer server = start(dataDir); HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            long second = new Api(http).create("/api/v1/regions", "{\"code\":\"R2\",\"name\":\"Second\"}");
            assertEquals(first + 1, second, "a clean shutdown returns the unused part of the cached block");
            assertEquals("First", new Api(http).get("/api/v1/regions/" + first).get("name"), "the first region survived the restart");
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet r = st.executeQuery(sql)) {
            assertTrue(r.next(), sql);
            return r.getString(1);
        }
    }
}
