package org.i4tracker.telemetry;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Writes a batch of samples and dead letters in one JDBC transaction, and reads samples back. Samples
 * are stored in per-machine, per-minute chunks ({@code telemetry_chunk}, encoded by {@link SampleChunk};
 * decision record "Why telemetry is stored in per-series chunks" in docs/architecture.md). Exactly
 * once per machine and dedupe key: the writer locks the head rows ({@code telemetry_chunk_head}) of
 * the batch's machines in id order, so writers of one machine (of any instance) take turns; the head
 * says which samples are surely new, the others are looked up in the chunks that may hold them
 * ({@link ChunkAppend}). The raw pool is used, not Micronaut's transaction manager: the ingest thread
 * owns its connection and commits explicitly before any acknowledgement is sent.
 * <p>
 * A commit must be on disk before the acknowledgement, or a crash loses messages the broker will
 * never send again: PostgreSQL's commit is durable by default, and on H2 {@code storage.H2Settings}
 * makes every commit write through to the file ({@code WRITE_DELAY 0}).
 */
@Singleton
class TelemetryStore {

    private static final String INSERT_DEAD_LETTER = "INSERT INTO telemetry_dead_letter (received_at, topic, reason,"
            + " payload, payload_size) VALUES (?, ?, ?, ?, ?)";
    private static final String MARK_FIRST = "UPDATE machine SET first_telemetry_at = ? WHERE id = ? AND first_telemetry_at IS NULL";

    record SampleRow(MachineDirectory.MachineRef machine, Sample sample, Instant receivedAt) {
    }

    record DeadLetterRow(String topic, String reason, byte[] payload, int payloadSize, Instant receivedAt) {
    }

    /** What a committed batch did: samples newly stored, duplicates skipped, machines reporting for the first time. */
    record Outcome(int stored, int duplicates, List<SampleRow> firstReports) {
    }

    private static final int SCAN_FETCH = 2_000;

    private final DataSource dataSource;

    TelemetryStore(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    Outcome write(List<SampleRow> samples, List<DeadLetterRow> deadLetters) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int stored = 0;
                if (!samples.isEmpty()) {
                    stored = insertSamples(c, samples);
                }
                if (!deadLetters.isEmpty()) {
                    insertDeadLetters(c, deadLetters);
                }
                List<SampleRow> first = markFirstReports(c, samples);
                c.commit();
                return new Outcome(stored, samples.size() - stored, first);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Per machine, in id order: lock the head, keep the samples not stored yet, append them as parts, move the head. */
    static int insertSamples(Connection c, List<SampleRow> rows) throws SQLException {
        Map<Long, List<Sample>> byMachine = new TreeMap<>();
        Map<Long, Instant> receivedAt = new HashMap<>();
        for (SampleRow row : rows) {
            long id = row.machine().machineId();
            byMachine.computeIfAbsent(id, k -> new ArrayList<>()).add(row.sample().toMicros());
            receivedAt.merge(id, row.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        int stored = 0;
        for (Map.Entry<Long, List<Sample>> e : byMachine.entrySet()) {
            long machineId = e.getKey();
            ChunkAppend.Head head = ChunkTable.lockHead(c, machineId);
            ChunkAppend.Split split = ChunkAppend.split(head, e.getValue());
            List<Sample> fresh = new ArrayList<>(split.fresh());
            if (!split.toLookUp().isEmpty()) {
                fresh.addAll(ChunkAppend.unseen(split.toLookUp(), ChunkTable.candidates(c, machineId, split.toLookUp())));
            }
            if (fresh.isEmpty()) {
                continue;
            }
            for (ChunkAppend.Part part : ChunkAppend.parts(fresh)) {
                ChunkTable.insert(c, machineId, part.minuteStart(), ChunkTable.nextPart(c, machineId, part.minuteStart()),
                        part.chunk(), receivedAt.get(machineId));
            }
            ChunkTable.updateHead(c, machineId, head.with(fresh));
            stored += fresh.size();
        }
        return stored;
    }

    private static void insertDeadLetters(Connection c, List<DeadLetterRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_DEAD_LETTER)) {
            for (DeadLetterRow row : rows) {
                ps.setTimestamp(1, Timestamp.from(row.receivedAt()));
                ps.setString(2, truncate(row.topic(), 512));
                ps.setString(3, truncate(row.reason(), 500));
                ps.setBytes(4, row.payload());
                ps.setInt(5, row.payloadSize());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The conditional update makes exactly one writer (of any instance) see a machine's first report. */
    private static List<SampleRow> markFirstReports(Connection c, List<SampleRow> samples) throws SQLException {
        List<SampleRow> first = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(MARK_FIRST)) {
            for (SampleRow row : samples) {
                long machineId = row.machine().machineId();
                if (row.machine().reportedBefore() || seen.contains(machineId)) {
                    continue;
                }
                seen.add(machineId);
                ps.setTimestamp(1, Timestamp.from(row.sample().ts()));
                ps.setLong(2, machineId);
                if (ps.executeUpdate() == 1) {
                    first.add(row);
                }
            }
        }
        return first;
    }

    /** The machine's readings in [from, to) preceded by the last one before {@code from}, ordered by time; at most {@code limit} + 1 inside. */
    List<OeeCalculator.Reading> readings(long machineId, Instant from, Instant to, int limit) throws SQLException {
        List<Sample> samples;
        try (Connection c = dataSource.getConnection()) {
            samples = ChunkTable.window(c, machineId, from, to, limit + 1, true);
        }
        List<OeeCalculator.Reading> readings = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            readings.add(new OeeCalculator.Reading(s.ts(), s.state(), s.goodCount(), s.rejectCount(), s.idealCycleTimeMs()));
        }
        return readings;
    }

    /** One stored reading as the time-series chart draws it: metrics as their JSON object text (null when none). */
    record SeriesPoint(Instant ts, String state, long goodCount, long rejectCount, String metricsJson) {
    }

    /** The latest {@code limit} readings of the machine in [from, to), oldest first; one more when the range holds more. */
    List<SeriesPoint> series(long machineId, Instant from, Instant to, int limit) throws SQLException {
        List<Sample> samples;
        try (Connection c = dataSource.getConnection()) {
            samples = ChunkTable.window(c, machineId, from, to, limit + 1, false);
        }
        List<SeriesPoint> points = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            points.add(new SeriesPoint(s.ts(), s.state(), s.goodCount(), s.rejectCount(), s.metricsJson()));
        }
        return points;
    }

    /**
     * Every reading of the machine in [from, to), preceded by the last one before {@code from} and followed by the
     * first one at or after {@code to} (they bound the state at the edges), handed to {@code each} in time order as
     * it is read: chunks are streamed from a cursor ({@value #SCAN_FETCH} per round trip) and decoded a minute at a
     * time, never held in memory together.
     */
    void scanSeries(long machineId, Instant from, Instant to, Consumer<SeriesPoint> each) throws SQLException {
        scan(machineId, from, to, s -> each.accept(new SeriesPoint(s.ts(), s.state(), s.goodCount(), s.rejectCount(), s.metricsJson())));
    }

    /**
     * The machine's readings in [from, to), preceded by the last one before {@code from} and followed by the first one
     * at or after {@code to}, ordered by time: with both edges the time model knows the state over the whole range.
     */
    List<OeeCalculator.Reading> readingsAround(long machineId, Instant from, Instant to) throws SQLException {
        List<OeeCalculator.Reading> readings = new ArrayList<>();
        scan(machineId, from, to, s -> readings.add(new OeeCalculator.Reading(s.ts(), s.state(), s.goodCount(), s.rejectCount(),
                s.idealCycleTimeMs())));
        return readings;
    }

    private void scan(long machineId, Instant from, Instant to, Consumer<Sample> each) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // PostgreSQL's driver streams with a fetch size only inside a transaction.
            c.setAutoCommit(false);
            try {
                ChunkTable.scan(c, machineId, from, to, SCAN_FETCH, each);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
