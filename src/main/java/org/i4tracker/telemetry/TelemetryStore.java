package org.i4tracker.telemetry;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes a batch of samples and dead letters in one JDBC transaction. Duplicates are skipped by the
 * database ({@code ON CONFLICT DO NOTHING} on the unique machine + dedupe key, understood by
 * PostgreSQL and by H2 in PostgreSQL mode), so two instances receiving the same redelivered
 * message cannot store it twice. The raw pool is used, not Micronaut's transaction manager: the
 * ingest thread owns its connection and commits explicitly before any acknowledgement is sent.
 * <p>
 * A commit must be on disk before the acknowledgement, or a crash loses messages the broker will
 * never send again: PostgreSQL's commit is durable by default, and on H2 {@code storage.H2Settings}
 * makes every commit write through to the file ({@code WRITE_DELAY 0}) and reserves sample ids in
 * large blocks.
 */
@Singleton
class TelemetryStore {

    static final String INSERT_SAMPLE = "INSERT INTO telemetry_sample (machine_id, ts, seq, dedupe_key, state, good_count,"
            + " reject_count, ideal_cycle_time_ms, metrics, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
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

    /**
     * Multi-row {@code INSERT ... VALUES (...), (...) ON CONFLICT DO NOTHING} in chunks of
     * {@link #ROWS_PER_INSERT} rows: one round trip and one statement execution per chunk instead of
     * per row (PostgreSQL's JDBC driver otherwise sends a batch row by row unless
     * {@code reWriteBatchedInserts} is set); the update count is the rows actually inserted.
     */
    private static int insertSamples(Connection c, List<SampleRow> rows) throws SQLException {
        int stored = 0;
        int full = rows.size() / ROWS_PER_INSERT;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(multiRowInsert(ROWS_PER_INSERT))) {
                for (int chunk = 0; chunk < full; chunk++) {
                    stored += insertChunk(ps, rows.subList(chunk * ROWS_PER_INSERT, (chunk + 1) * ROWS_PER_INSERT));
                }
            }
        }
        int rest = rows.size() - full * ROWS_PER_INSERT;
        if (rest > 0) {
            try (PreparedStatement ps = c.prepareStatement(multiRowInsert(rest))) {
                stored += insertChunk(ps, rows.subList(full * ROWS_PER_INSERT, rows.size()));
            }
        }
        return stored;
    }

    static final int ROWS_PER_INSERT = 100;
    private static final String SAMPLE_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static String multiRowInsert(int rows) {
        StringBuilder sql = new StringBuilder(INSERT_SAMPLE.substring(0, INSERT_SAMPLE.indexOf(SAMPLE_VALUES)));
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(SAMPLE_VALUES);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    private static int insertChunk(PreparedStatement ps, List<SampleRow> rows) throws SQLException {
        int p = 1;
        for (SampleRow row : rows) {
            Sample s = row.sample();
            ps.setLong(p++, row.machine().machineId());
            ps.setTimestamp(p++, Timestamp.from(s.ts()));
            setNullableLong(ps, p++, s.seq());
            ps.setString(p++, s.dedupeKey());
            ps.setString(p++, s.state());
            ps.setLong(p++, s.goodCount());
            ps.setLong(p++, s.rejectCount());
            setNullableLong(ps, p++, s.idealCycleTimeMs());
            ps.setString(p++, s.metricsJson());
            ps.setTimestamp(p++, Timestamp.from(row.receivedAt()));
        }
        return ps.executeUpdate();
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

    /** The machine's readings in [from, to) preceded by the last one before {@code from}, ordered by time. */
    List<OeeCalculator.Reading> readings(long machineId, Instant from, Instant to, int limit) throws SQLException {
        String columns = "SELECT ts, state, good_count, reject_count, ideal_cycle_time_ms FROM telemetry_sample WHERE machine_id = ? ";
        List<OeeCalculator.Reading> readings = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement before = c.prepareStatement(columns + "AND ts < ? ORDER BY ts DESC LIMIT 1");
                 PreparedStatement inside = c.prepareStatement(columns + "AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?")) {
                before.setLong(1, machineId);
                before.setTimestamp(2, Timestamp.from(from));
                readInto(before, readings);
                inside.setLong(1, machineId);
                inside.setTimestamp(2, Timestamp.from(from));
                inside.setTimestamp(3, Timestamp.from(to));
                inside.setInt(4, limit + 1);
                readInto(inside, readings);
            }
        }
        return readings;
    }

    /** One stored reading as the time-series chart draws it: metrics as their JSON object text (null when none). */
    record SeriesPoint(Instant ts, String state, long goodCount, long rejectCount, String metricsJson) {
    }

    /** The latest {@code limit} readings of the machine in [from, to), oldest first; one more when the range holds more. */
    List<SeriesPoint> series(long machineId, Instant from, Instant to, int limit) throws SQLException {
        List<SeriesPoint> points = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ts, state, good_count, reject_count, metrics FROM telemetry_sample"
                     + " WHERE machine_id = ? AND ts >= ? AND ts < ? ORDER BY ts DESC LIMIT ?")) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setInt(4, limit + 1);
            seriesInto(ps, points::add);
        }
        java.util.Collections.reverse(points);
        return points;
    }

    /**
     * Every reading of the machine in [from, to), preceded by the last one before {@code from} and followed by the
     * first one at or after {@code to} (they bound the state at the edges), handed to
     * {@code each} in time order as it is read: the rows are streamed from a cursor ({@value #SCAN_FETCH} per round
     * trip), never held in memory together.
     */
    void scanSeries(long machineId, Instant from, Instant to, Consumer<SeriesPoint> each) throws SQLException {
        String columns = "SELECT ts, state, good_count, reject_count, metrics FROM telemetry_sample WHERE machine_id = ? ";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // PostgreSQL's driver streams with a fetch size only inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement before = c.prepareStatement(columns + "AND ts < ? ORDER BY ts DESC LIMIT 1");
                 PreparedStatement inside = c.prepareStatement(columns + "AND ts >= ? AND ts < ? ORDER BY ts");
                 PreparedStatement after = c.prepareStatement(columns + "AND ts >= ? ORDER BY ts LIMIT 1")) {
                before.setLong(1, machineId);
                before.setTimestamp(2, Timestamp.from(from));
                seriesInto(before, each);
                inside.setFetchSize(SCAN_FETCH);
                inside.setLong(1, machineId);
                inside.setTimestamp(2, Timestamp.from(from));
                inside.setTimestamp(3, Timestamp.from(to));
                seriesInto(inside, each);
                after.setLong(1, machineId);
                after.setTimestamp(2, Timestamp.from(to));
                seriesInto(after, each);
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void seriesInto(PreparedStatement ps, Consumer<SeriesPoint> each) throws SQLException {
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                each.accept(new SeriesPoint(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
            }
        }
    }

    private static void readInto(PreparedStatement ps, List<OeeCalculator.Reading> into) throws SQLException {
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                // wasNull() refers to the last column read, so it must follow getLong(5) directly
                long ideal = rs.getLong(5);
                Long idealCycleTimeMs = rs.wasNull() ? null : ideal;
                into.add(new OeeCalculator.Reading(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), idealCycleTimeMs));
            }
        }
    }

    private static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
