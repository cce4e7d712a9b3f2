package org.i4tracker.telemetry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the stored samples back out of {@code telemetry_chunk} for assertions (a sample is no row of its own). */
public final class StoredSamples {

    /** One decoded sample and its machine. */
    record Stored(long machineId, Sample sample) {
    }

    private StoredSamples() {
    }

    /** SQL counting the stored samples of the chunks matching the condition (e.g. {@code machine_id = 7}, or {@code 1 = 1}). */
    public static String countSql(String where) {
        return "SELECT COALESCE(SUM(samples), 0) FROM telemetry_chunk WHERE " + where;
    }

    static List<Stored> decoded(Connection c, String where) throws SQLException {
        List<Stored> all = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT machine_id, payload FROM telemetry_chunk WHERE " + where)) {
            while (rs.next()) {
                long machine = rs.getLong(1);
                for (Sample sample : SampleChunk.decode(rs.getBytes(2)).samples()) {
                    all.add(new Stored(machine, sample));
                }
            }
        }
        return all;
    }

    /** One reading to store directly, as the writer would: without seq it is deduplicated by its timestamp. */
    public record Reading(Instant ts, String state, long goodCount, long rejectCount, String metricsJson) {
    }

    /** Stores the readings of a machine through the writer's own path (head lock, dedupe, chunks) and commits. */
    public static void insert(Connection c, long machineId, List<Reading> readings) throws SQLException {
        var ref = new MachineDirectory.MachineRef(machineId, 0, 0, 1, true);
        List<TelemetryStore.SampleRow> rows = new ArrayList<>();
        for (Reading r : readings) {
            rows.add(new TelemetryStore.SampleRow(ref, new Sample(r.ts(), null, r.state(), r.goodCount(), r.rejectCount(), null,
                    r.metricsJson()), r.ts()));
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            TelemetryStore.insertSamples(c, rows);
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The earliest stored timestamp of the machine, or null without samples. */
    public static Instant firstTs(Connection c, long machineId) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(first_ts) FROM telemetry_chunk WHERE machine_id = " + machineId)) {
            rs.next();
            return rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
        }
    }

    /** The sum of good and reject counters over every stored sample. */
    public static long goodPlusReject(Connection c) throws SQLException {
        return decoded(c, "1 = 1").stream().mapToLong(s -> s.sample().goodCount() + s.sample().rejectCount()).sum();
    }

    /** The number of distinct (machine, seq) pairs stored matching the condition, samples without seq not counted. */
    public static long distinctSeqs(Connection c, String where) throws SQLException {
        return decoded(c, where).stream().filter(s -> s.sample().seq() != null)
                .map(s -> s.machineId() + ":" + s.sample().seq()).distinct().count();
    }
}
