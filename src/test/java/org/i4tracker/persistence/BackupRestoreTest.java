package org.i4tracker.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.h2.tools.Restore;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.DatabaseRows;
import org.i4tracker.testing.FirmWriters;
import org.i4tracker.testing.H2File;
import org.i4tracker.testing.Postgres;
import org.i4tracker.testing.TestAdminTokenFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 §3: an online backup of the running service on its H2 file database, taken through
 * {@code POST /api/v1/admin/backup} while writers keep creating firms and adoptions, restored with
 * {@link Restore} into a fresh folder. The restored database must be a consistent prefix of the live
 * one: the same tables and Flyway history, every foreign key satisfied, every restored row equal to the
 * live row with the same key (rows written after the backup may be missing, none may differ); and the
 * service must start on it.
 */
class BackupRestoreTest {

    private static final String DB = "i4tracker";
    private static final String BACKUP = "/api/v1/admin/backup";
    private static final String PASSWORD = "correct-horse-battery";
    private static final int WRITERS = 2;
    /** Writes (firm + adoption) the load makes before the backup, and again after it returns. */
    private static final int WRITES_EACH_SIDE = 20;

    @Test
    void backupUnderWriteLoadRestoresToAConsistentPrefixOfTheLiveDatabase(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path restored = dir.resolve("restored");
        Map<String, Object> backup;
        long firstFirm;
        try (EmbeddedServer server = H2File.start(data, DB, H2File.DEFAULT_OPTIONS);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            long region = api.create("/api/v1/regions", "{\"code\":\"BK\",\"name\":\"Backup region\"}");
            long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D\",\"naceCode\":\"25.62\"}");
            firstFirm = FirmWriters.createFirmWithAdoption(api, district, "FIRST");

            try (FirmWriters writers = new FirmWriters(api, district, WRITERS)) {
                writers.await(WRITES_EACH_SIDE);
                HttpResponse<Map<String, Object>> answer = http.toBlocking().exchange(HttpRequest.POST(BACKUP, ""),
                        Argument.mapOf(String.class, Object.class));
                assertEquals(201, answer.code());
                backup = answer.body();
                writers.await(writers.count() + WRITES_EACH_SIDE);
            }
        }

        String fileName = (String) backup.get("fileName");
        assertTrue(fileName.matches("i4tracker-\\d{8}T\\d{6}\\.\\d{3}Z\\.zip"), fileName);
        Path zip = data.resolve("backups").resolve(fileName);
        assertEquals(Files.size(zip), ((Number) backup.get("sizeBytes")).longValue());
        assertTrue(((Number) backup.get("durationMillis")).longValue() >= 0);
        try (Stream<Path> files = Files.list(zip.getParent())) {
            assertEquals(List.of(fileName), files.map(p -> p.getFileName().toString()).toList(), "one whole zip, no .part left");
        }

        Restore.execute(zip.toString(), restored.toString(), DB);
        assertTrue(Files.exists(restored.resolve(DB + ".mv.db")), "the zip holds the database file");

        try (Connection live = open(data); Connection copy = open(restored)) {
            List<String> tables = DatabaseRows.tables(live);
            assertEquals(tables, DatabaseRows.tables(copy), "the restored database has every table");
            assertTrue(tables.size() > 20, "tables: " + tables);
            assertEquals(DatabaseRows.dump(live, "flyway_schema_history"), DatabaseRows.dump(copy, "flyway_schema_history"),
                    "Flyway history complete");
            assertEquals(0, DatabaseRows.scalar(copy, "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success"));

            List<String> mismatches = DatabaseRows.differences(live, copy, tables);
            assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " restored rows differ from the live ones:\n"
                    + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));

            Map<String, Long> orphans = DatabaseRows.orphans(copy);
            assertTrue(orphans.keySet().containsAll(List.of("firm(district_id)", "adoption(firm_id)", "district(region_id)")),
                    "main keys checked: " + orphans.keySet());
            orphans.values().removeIf(n -> n == 0);
            assertTrue(orphans.isEmpty(), "rows whose parent is missing: " + orphans);

            // Taken under load: it holds writes from before the call and lacks some from after it returned.
            long restoredFirms = DatabaseRows.scalar(copy, "SELECT COUNT(*) FROM firm");
            long liveFirms = DatabaseRows.scalar(live, "SELECT COUNT(*) FROM firm");
            assertTrue(restoredFirms > WRITES_EACH_SIDE && restoredFirms < liveFirms,
                    "restored " + restoredFirms + " firms of " + liveFirms + " live");
            // A firm and its adoption are two requests: the backup may fall between them for each writer in flight.
            long restoredAdoptions = DatabaseRows.scalar(copy, "SELECT COUNT(*) FROM adoption");
            assertTrue(restoredAdoptions <= restoredFirms && restoredAdoptions >= restoredFirms - WRITERS,
                    restoredAdoptions + " adoptions for " + restoredFirms + " firms");
        }

        // The restored folder is a working service database.
        try (EmbeddedServer server = H2File.start(restored, DB, H2File.DEFAULT_OPTIONS);
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            assertEquals("Firm FIRST", api.get("/api/v1/firms/" + firstFirm).get("name"));
            assertEquals(1L, ((Number) api.get("/api/v1/adoptions?firm=" + firstFirm).get("totalItems")).longValue());
        }
    }

    @Test
    void onlyAdministratorsBackUpAndAnInMemoryDatabaseIsAConflict(@TempDir Path dir) {
        Path backups = dir.resolve("backups");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of("i4.backup.dir", backups.toString()), "test");
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            long region = api.create("/api/v1/regions", "{\"code\":\"BK\",\"name\":\"Backup region\"}");
            server.getApplicationContext().getBean(Users.class).create("bk-agency", PASSWORD, Role.AGENCY_ANALYST, null, null, region, "test");
            String agency = api.token("bk-agency", PASSWORD);

            api.problem(HttpRequest.POST(BACKUP, "").bearerAuth(agency), 403);
            assertEquals(401, api.status(HttpRequest.POST(BACKUP, "").header(TestAdminTokenFilter.ANONYMOUS, "1")));
            Map<String, Object> problem = api.problem(HttpRequest.POST(BACKUP, ""), 409);
            assertTrue(String.valueOf(problem.get("detail")).contains("in memory"), problem.toString());
            assertTrue(Files.notExists(backups), "nothing written");
        }
    }

    @Test
    void postgresAnswersConflictNamingPgDump() {
        try (Postgres pg = Postgres.freshSchemaOrSkip()) {
            Map<String, Object> properties = new HashMap<>(pg.datasourceProperties());
            properties.put("micronaut.server.port", -1);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
                 HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
                Map<String, Object> problem = new Api(http).problem(HttpRequest.POST(BACKUP, ""), 409);
                assertTrue(String.valueOf(problem.get("detail")).contains("pg_dump"), problem.toString());
            }
        }
    }

    private static Connection open(Path folder) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + folder.resolve(DB) + H2File.DEFAULT_OPTIONS, "sa", "");
    }
}
