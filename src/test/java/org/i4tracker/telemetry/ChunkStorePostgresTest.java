package org.i4tracker.telemetry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunked storage on PostgreSQL, where {@code telemetry_chunk} is partitioned by day: writes land in
 * the day's partition or the default one, the rollup merges parts, and retention drops the partitions
 * past the cutoff, deletes the rest from the default partition and creates the coming days'. Skipped
 * with a printed reason when PostgreSQL is not reachable.
 */
class ChunkStorePostgresTest {

    @Test
    void partitionsTakeWritesMergesAndRetention() throws Exception {
        try (Postgres pg = Postgres.freshSchemaOrSkip()) {
            Map<String, Object> properties = new HashMap<>(pg.datasourceProperties());
            properties.put("micronaut.server.port", -1);
            properties.put("i4.telemetry.maintenance.enabled", false);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
                 HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
                 Connection c = DriverManager.getConnection(pg.url(), Postgres.USER, "")) {
                TelemetryStore store = server.getApplicationContext().getBean(TelemetryStore.class);
                TelemetryRollups rollups = server.getApplicationContext().getBean(TelemetryRollups.class);
                var fx = new TelemetryFixtures(http);
                long machine = fx.machine(fx.plant("PGC-hall", fx.firm("PGC")), "press", 1000);
                var ref = new MachineDirectory.MachineRef(machine, 0, 0, 1000, true);

                Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
                Instant minute = now.minus(Duration.ofMinutes(10));
                Instant old = now.minus(Duration.ofDays(40));
                List<TelemetryStore.SampleRow> first = new ArrayList<>();
                first.add(row(ref, old, 1));
                first.add(row(ref, minute, 2));
                assertEquals(2, store.write(first, List.of()).stored());
                assertEquals(1, store.write(List.of(row(ref, minute.plusSeconds(20), 3), row(ref, minute, 2)), List.of()).stored());

                String today = ChunkPartitions.of(LocalDate.ofInstant(minute, ZoneOffset.UTC)).name();
                assertEquals(2, count(c, "SELECT COUNT(*) FROM " + today), "two parts of today's minute in today's partition");
                assertEquals(1, count(c, "SELECT COUNT(*) FROM telemetry_chunk_default"), "a day without a partition lands in the default one");

                rollups.rollUp(now.plus(Duration.ofHours(1)));
                assertEquals(1, count(c, "SELECT COUNT(*) FROM " + today), "the minute's parts merged");
                assertEquals(0, store.write(List.of(row(ref, minute.plusSeconds(20), 3)), List.of()).stored(), "found after the merge");

                // 40 days on: today's partition is past the 30-day cutoff and is dropped; the old chunk goes from the default one
                Instant later = now.plus(Duration.ofDays(40));
                assertArrayEquals(new long[] {3, 0}, rollups.applyRetention(later));
                assertEquals(0, count(c, "SELECT COUNT(*) FROM pg_class WHERE relname = '" + today + "' AND relnamespace = "
                        + "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"));
                String ahead = ChunkPartitions.of(LocalDate.ofInstant(later, ZoneOffset.UTC).plusDays(TelemetryRollups.PARTITIONS_AHEAD)).name();
                assertTrue(count(c, "SELECT COUNT(*) FROM pg_class WHERE relname = '" + ahead + "'") > 0, "the coming days' partitions exist");
                assertEquals(0, count(c, StoredSamples.countSql("machine_id = " + machine)));
                assertArrayEquals(new long[] {0, 0}, rollups.applyRetention(later), "idempotent");
            }
        }
    }

    private static TelemetryStore.SampleRow row(MachineDirectory.MachineRef ref, Instant ts, long seq) {
        return new TelemetryStore.SampleRow(ref, new Sample(ts, seq, "EXECUTE", seq, 0, null, null), ts);
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
