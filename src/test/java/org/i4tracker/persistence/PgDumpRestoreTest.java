package org.i4tracker.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.flywaydb.core.Flyway;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.DatabaseRows;
import org.i4tracker.testing.FirmWriters;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 21 §3 on PostgreSQL: the commands of docs/configuration.md ("Backup and restore") back up a running service.
 * The service runs on a database of its own in the local server while writers keep adding firms and adoptions through
 * the API; {@code pg_dump -Fc} runs in the middle of that load; {@code createdb} and {@code pg_restore --no-owner} put the
 * dump into a fresh database. The restored database must hold everything acknowledged before the dump started, be a
 * consistent earlier state of the live one (every table, every restored row equal to the live row with its key, no
 * orphan), pass Flyway's validation, and serve a service started on it, a real login included. Skipped with a printed
 * reason where PostgreSQL does not answer or its client tools are missing.
 */
class PgDumpRestoreTest {

    /** Folder of the PostgreSQL 15 tools; property {@code i4.test.pg.bin}. The PATH is searched when they are not there. */
    private static final Path BIN = Path.of(System.getProperty("i4.test.pg.bin", "/usr/lib/postgresql/15/bin"));
    private static final String PASSWORD = "restored-login-password";
    private static final int WRITERS = 2;
    /** Firms (each with an adoption) written before the dump starts, and again after it has finished. */
    private static final int WRITES_EACH_SIDE = 20;

    @Test
    void aDumpTakenUnderWriteLoadRestoresIntoAFreshDatabaseThatServesTheData(@TempDir Path dir) throws Exception {
        Map<String, String> tools = tools();
        try (Postgres pg = Postgres.freshDatabaseOrSkip()) {
            String restored = Postgres.freshName();
            Path dump = dir.resolve("i4tracker.dump");
            try {
                long firstFirm;
                List<Long> ackedBeforeDump;
                try (EmbeddedServer server = start(pg.url());
                     HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
                    Api api = new Api(http);
                    long region = api.create("/api/v1/regions", "{\"code\":\"PGD\",\"name\":\"Dump region\"}");
                    long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D\",\"naceCode\":\"25.62\"}");
                    server.getApplicationContext().getBean(Users.class).create("pg-dump-agency", PASSWORD, Role.AGENCY_ANALYST, null, null,
                            region, "test");
                    firstFirm = FirmWriters.createFirmWithAdoption(api, district, "FIRST");

                    try (FirmWriters writers = new FirmWriters(api, district, WRITERS)) {
                        writers.await(WRITES_EACH_SIDE);
                        ackedBeforeDump = writers.acknowledged();
                        run(dir, tools.get("pg_dump"), "-Fc", "-h", Postgres.HOST, "-p", String.valueOf(Postgres.PORT), "-U", Postgres.USER,
                                "-d", pg.database(), "-f", dump.toString());
                        writers.await(writers.count() + WRITES_EACH_SIDE);
                    }
                }
                assertTrue(Files.size(dump) > 0, "the dump file is written");

                run(dir, tools.get("createdb"), "-h", Postgres.HOST, "-p", String.valueOf(Postgres.PORT), "-U", Postgres.USER,
                        "-O", Postgres.USER, restored);
                run(dir, tools.get("pg_restore"), "-h", Postgres.HOST, "-p", String.valueOf(Postgres.PORT), "-U", Postgres.USER,
                        "-d", restored, "--no-owner", dump.toString());

                try (Connection live = open(pg.url()); Connection copy = open(Postgres.urlOf(restored))) {
                    List<String> tables = DatabaseRows.tables(live);
                    assertEquals(tables, DatabaseRows.tables(copy), "the restored database has every table");
                    assertTrue(tables.size() > 20, "tables: " + tables);
                    assertEquals(DatabaseRows.dump(live, "flyway_schema_history"), DatabaseRows.dump(copy, "flyway_schema_history"),
                            "Flyway history complete");
                    List<String> mismatches = DatabaseRows.differences(live, copy, tables);
                    assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " restored rows differ from the live ones:\n"
                            + String.join("\n", mismatches.subList(0, Math.min(20, mismatches.size()))));
                    Map<String, Long> orphans = DatabaseRows.orphans(copy);
                    assertTrue(orphans.keySet().containsAll(List.of("firm(district_id)", "adoption(firm_id)")), "keys checked: " + orphans.keySet());
                    orphans.values().removeIf(n -> n == 0);
                    assertTrue(orphans.isEmpty(), "rows whose parent is missing: " + orphans);

                    String ids = ackedBeforeDump.stream().map(String::valueOf).collect(Collectors.joining(","));
                    assertEquals(ackedBeforeDump.size(), DatabaseRows.scalar(copy, "SELECT COUNT(*) FROM firm WHERE id IN (" + ids + ")"),
                            "every firm acknowledged before the dump started is in it");
                    assertEquals(ackedBeforeDump.size(), DatabaseRows.scalar(copy, "SELECT COUNT(DISTINCT firm_id) FROM adoption WHERE firm_id IN ("
                            + ids + ")"), "and its adoption");
                    long restoredFirms = DatabaseRows.scalar(copy, "SELECT COUNT(*) FROM firm");
                    long liveFirms = DatabaseRows.scalar(live, "SELECT COUNT(*) FROM firm");
                    assertTrue(restoredFirms < liveFirms, "the writes after the dump are not in it: restored " + restoredFirms + " of "
                            + liveFirms);
                }

                Flyway.configure().dataSource(Postgres.urlOf(restored), Postgres.USER, "").locations("classpath:db/migration").load().validate();
                try (EmbeddedServer server = start(Postgres.urlOf(restored));
                     HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
                    Api api = new Api(http);
                    assertEquals("Firm FIRST", api.get("/api/v1/firms/" + firstFirm).get("name"));
                    assertEquals(1L, ((Number) api.get("/api/v1/adoptions?firm=" + firstFirm).get("totalItems")).longValue());
                    assertTrue(api.token("pg-dump-agency", PASSWORD).length() > 20, "a user of the dump logs in on the restored database");
                }
            } finally {
                Postgres.dropDatabase(restored);
            }
        }
    }

    private static EmbeddedServer start(String url) {
        Map<String, Object> properties = new HashMap<>(Postgres.datasourceProperties(url));
        properties.put("micronaut.server.port", -1);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    /** pg_dump, pg_restore and createdb from {@link #BIN} or the PATH; skips the test, printing why, when one is missing. */
    private static Map<String, String> tools() {
        Map<String, String> tools = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("pg_dump", "pg_restore", "createdb")) {
            Path found = Files.isExecutable(BIN.resolve(tool)) ? BIN.resolve(tool) : onPath(tool);
            if (found == null) {
                missing.add(tool);
            } else {
                tools.put(tool, found.toString());
            }
        }
        String reason = missing.isEmpty() ? null : missing + " not found in " + BIN + " nor on the PATH (set -Di4.test.pg.bin)";
        if (reason != null) {
            System.out.println("SKIPPED pg_dump/pg_restore test: " + reason);
        }
        assumeTrue(reason == null, () -> "PostgreSQL client tools missing: " + reason);
        return tools;
    }

    private static Path onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder).resolve(tool);
            if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs a command (2 minutes at most) and fails the test with its output when it does not end with status 0. */
    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir, "command-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 2 minutes: " + Files.readString(output));
        }
        assertEquals(0, process.exitValue(), () -> {
            try {
                return String.join(" ", command) + ": " + Files.readString(output);
            } catch (IOException e) {
                return String.join(" ", command) + ": (no output: " + e + ")";
            }
        });
    }

    private static Connection open(String url) throws SQLException {
        return DriverManager.getConnection(url, Postgres.USER, "");
    }
}
