package org.i4tracker.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The data move of migration {@code V95__telemetry_chunks}: the rows of {@code telemetry_sample} become
 * chunks, machine by machine and minute by minute (one minute's rows in memory at a time), each
 * machine gets its head row, and the rollup progress mark becomes a chunk id. Public only for the
 * migration in {@code db.migration}.
 */
public final class ChunkUpgrade {

    private ChunkUpgrade() {
    }

    /** PostgreSQL DDL for the partitions from yesterday to {@link TelemetryRollups#PARTITIONS_AHEAD} days ahead. */
    public static List<String> partitionsAhead(Instant now) {
        return ChunkPartitions.toCreate(now, TelemetryRollups.PARTITIONS_AHEAD, Set.of()).stream()
                .map(ChunkPartitions::createSql).toList();
    }

    /**
     * Encodes every row of {@code telemetry_sample} into {@code telemetry_chunk} and fills
     * {@code telemetry_chunk_head}. The progress mark becomes the highest chunk id when the rollup had
     * read every sample, else 0 (the next pass recomputes the minutes of all moved chunks).
     */
    public static void moveSamples(Connection c) throws SQLException {
        List<Long> machines = new ArrayList<>();
        long maxSampleId;
        long mark;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT machine_id FROM telemetry_sample ORDER BY machine_id")) {
                while (rs.next()) {
                    machines.add(rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM telemetry_sample")) {
                rs.next();
                maxSampleId = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT last_sample_id FROM telemetry_rollup_progress WHERE id = 1")) {
                mark = rs.next() ? rs.getLong(1) : 0;
            }
        }
        for (long machineId : machines) {
            moveMachine(c, machineId);
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate(mark >= maxSampleId
                    ? "UPDATE telemetry_rollup_progress SET last_sample_id = (SELECT COALESCE(MAX(id), 0) FROM telemetry_chunk)"
                    : "UPDATE telemetry_rollup_progress SET last_sample_id = 0");
        }
    }

    private static void moveMachine(Connection c, long machineId) throws SQLException {
        ChunkAppend.Head head = ChunkAppend.Head.EMPTY;
        List<Sample> minute = new ArrayList<>();
        Instant minuteStart = null;
        Instant receivedAt = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT ts, seq, state, good_count, reject_count, ideal_cycle_time_ms,"
                + " metrics, received_at FROM telemetry_sample WHERE machine_id = ? ORDER BY ts, id")) {
            ps.setLong(1, machineId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant ts = rs.getTimestamp(1).toInstant();
                    long seqValue = rs.getLong(2);
                    Long seq = rs.wasNull() ? null : seqValue;
                    long ideal = rs.getLong(6);
                    Long idealCycleTimeMs = rs.wasNull() ? null : ideal;
                    Sample sample = new Sample(ts, seq, rs.getString(3), rs.getLong(4), rs.getLong(5), idealCycleTimeMs, rs.getString(7));
                    Instant received = rs.getTimestamp(8).toInstant();
                    Instant m = ts.truncatedTo(ChronoUnit.MINUTES);
                    if (minuteStart != null && !m.equals(minuteStart)) {
                        head = flush(c, machineId, minute, receivedAt, head);
                        minute.clear();
                        receivedAt = null;
                    }
                    minuteStart = m;
                    minute.add(sample);
                    receivedAt = receivedAt == null || received.isAfter(receivedAt) ? received : receivedAt;
                }
            }
        }
        head = flush(c, machineId, minute, receivedAt, head);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO telemetry_chunk_head (machine_id) VALUES (?)")) {
            ps.setLong(1, machineId);
            ps.executeUpdate();
        }
        ChunkTable.updateHead(c, machineId, head);
    }

    private static ChunkAppend.Head flush(Connection c, long machineId, List<Sample> samples, Instant receivedAt,
                                          ChunkAppend.Head head) throws SQLException {
        if (samples.isEmpty()) {
            return head;
        }
        int part = 0;
        for (ChunkAppend.Part p : ChunkAppend.parts(samples)) {
            ChunkTable.insert(c, machineId, p.minuteStart(), part++, p.chunk(), receivedAt);
        }
        return head.with(samples);
    }
}
