package org.i4tracker.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The SQL of the chunk tables ({@code telemetry_chunk}, {@code telemetry_chunk_head}; migration V95) for
 * {@link TelemetryStore} and {@link TelemetryRollups}: head locks, span lookups, part inserts and window
 * reads. The decisions without SQL are {@link ChunkAppend}'s.
 */
final class ChunkTable {

    private static final String COLUMNS = "(machine_id, minute_start, part, first_ts, last_ts, min_seq, max_seq, samples,"
            + " received_at, payload)";

    private ChunkTable() {
    }

    /** Creates the machine's head row when missing and locks it until the transaction ends. */
    static ChunkAppend.Head lockHead(Connection c, long machineId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO telemetry_chunk_head (machine_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, machineId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT max_seq, max_unnumbered_ts FROM telemetry_chunk_head"
                + " WHERE machine_id = ? FOR UPDATE")) {
            ps.setLong(1, machineId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no chunk head for machine " + machineId);
                }
                long seq = rs.getLong(1);
                Long maxSeq = rs.wasNull() ? null : seq;
                Timestamp ts = rs.getTimestamp(2);
                return new ChunkAppend.Head(maxSeq, ts == null ? null : ts.toInstant());
            }
        }
    }

    static void updateHead(Connection c, long machineId, ChunkAppend.Head head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE telemetry_chunk_head SET max_seq = ?, max_unnumbered_ts = ?"
                + " WHERE machine_id = ?")) {
            setNullableLong(ps, 1, head.maxSeq());
            ps.setTimestamp(2, head.maxUnnumberedTs() == null ? null : Timestamp.from(head.maxUnnumberedTs()));
            ps.setLong(3, machineId);
            ps.executeUpdate();
        }
    }

    /** The decoded chunks of the machine whose span may hold one of the samples (by seq range, or by minute and ts range). */
    static List<SampleChunk> candidates(Connection c, long machineId, List<Sample> toLookUp) throws SQLException {
        List<Sample> numbered = toLookUp.stream().filter(s -> s.seq() != null).toList();
        List<Sample> unnumbered = toLookUp.stream().filter(s -> s.seq() == null).toList();
        List<SampleChunk> chunks = new ArrayList<>();
        if (!numbered.isEmpty()) {
            long min = numbered.stream().mapToLong(Sample::seq).min().orElseThrow();
            long max = numbered.stream().mapToLong(Sample::seq).max().orElseThrow();
            collect(c, "SELECT first_ts, last_ts, min_seq, max_seq, payload FROM telemetry_chunk WHERE machine_id = ?"
                    + " AND max_seq >= ? AND min_seq <= ?", machineId, min, max, numbered, chunks);
        }
        if (!unnumbered.isEmpty()) {
            Instant min = unnumbered.stream().map(Sample::ts).min(Instant::compareTo).orElseThrow();
            Instant max = unnumbered.stream().map(Sample::ts).max(Instant::compareTo).orElseThrow();
            collect(c, "SELECT first_ts, last_ts, min_seq, max_seq, payload FROM telemetry_chunk WHERE machine_id = ?"
                    + " AND minute_start >= ? AND minute_start <= ?", machineId, Timestamp.from(min.truncatedTo(ChronoUnit.MINUTES)),
                    Timestamp.from(max.truncatedTo(ChronoUnit.MINUTES)), unnumbered, chunks);
        }
        return chunks;
    }

    private static void collect(Connection c, String sql, long machineId, Object low, Object high, List<Sample> wanted,
                                List<SampleChunk> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, machineId);
            ps.setObject(2, low);
            ps.setObject(3, high);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long minSeq = rs.getLong(3);
                    Long min = rs.wasNull() ? null : minSeq;
                    long maxSeq = rs.getLong(4);
                    Long max = rs.wasNull() ? null : maxSeq;
                    SampleChunk.Span span = new SampleChunk.Span(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), min, max);
                    if (wanted.stream().anyMatch(s -> ChunkAppend.mayHold(span, s))) {
                        into.add(SampleChunk.decode(rs.getBytes(5)));
                    }
                }
            }
        }
    }

    /** The part number after the highest one of the machine's minute (0 for a new minute); callers hold the head lock. */
    static int nextPart(Connection c, long machineId, Instant minuteStart) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(part), -1) + 1 FROM telemetry_chunk"
                + " WHERE machine_id = ? AND minute_start = ?")) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(minuteStart));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Inserts one part; with {@code id} null the table's sequence numbers it. */
    static void insert(Connection c, long machineId, Instant minuteStart, int part, SampleChunk chunk, Instant receivedAt)
            throws SQLException {
        insert(c, null, machineId, minuteStart, part, chunk, receivedAt);
    }

    static void insert(Connection c, Long id, long machineId, Instant minuteStart, int part, SampleChunk chunk, Instant receivedAt)
            throws SQLException {
        String sql = id == null ? "INSERT INTO telemetry_chunk " + COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "INSERT INTO telemetry_chunk (id, " + COLUMNS.substring(1) + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        SampleChunk.Span span = chunk.span();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (id != null) {
                ps.setLong(p++, id);
            }
            ps.setLong(p++, machineId);
            ps.setTimestamp(p++, Timestamp.from(minuteStart));
            ps.setInt(p++, part);
            ps.setTimestamp(p++, Timestamp.from(span.firstTs()));
            ps.setTimestamp(p++, Timestamp.from(span.lastTs()));
            setNullableLong(ps, p++, span.minSeq());
            setNullableLong(ps, p++, span.maxSeq());
            ps.setInt(p++, chunk.samples().size());
            ps.setTimestamp(p++, Timestamp.from(receivedAt));
            ps.setBytes(p, chunk.encode());
            ps.executeUpdate();
        }
    }

    /**
     * The machine's samples in [from, to) in read order: with {@code oldest} the first {@code max} of them,
     * led by the last sample before {@code from} when there is one; otherwise the last {@code max}. Chunks are
     * decoded minute by minute from the end the window is read from, and reading stops at the first minute
     * boundary with {@code max} samples in hand.
     */
    static List<Sample> window(Connection c, long machineId, Instant from, Instant to, int max, boolean oldest) throws SQLException {
        Instant fromMinute = from.truncatedTo(ChronoUnit.MINUTES);
        Instant lower = oldest ? minuteBefore(c, machineId, fromMinute) : fromMinute;
        String sql = "SELECT minute_start, payload FROM telemetry_chunk WHERE machine_id = ? AND minute_start >= ?"
                + " AND minute_start < ? ORDER BY minute_start" + (oldest ? "" : " DESC");
        List<SampleChunk> chunks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(lower));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                Instant minute = null;
                int inside = 0;
                while (rs.next()) {
                    Instant m = rs.getTimestamp(1).toInstant();
                    if (!m.equals(minute) && inside >= max) {
                        break;
                    }
                    minute = m;
                    SampleChunk chunk = SampleChunk.decode(rs.getBytes(2));
                    chunks.add(chunk);
                    for (Sample s : chunk.samples()) {
                        inside += s.ts().isBefore(from) || !s.ts().isBefore(to) ? 0 : 1;
                    }
                }
            }
        }
        List<Sample> samples = ChunkAppend.window(chunks, from, to, oldest);
        if (oldest) {
            boolean led = !samples.isEmpty() && samples.get(0).ts().isBefore(from);
            int keep = (int) Math.min(samples.size(), (long) max + (led ? 1 : 0));
            return new ArrayList<>(samples.subList(0, keep));
        }
        return samples.size() <= max ? samples : new ArrayList<>(samples.subList(samples.size() - max, samples.size()));
    }

    /**
     * Hands {@code each} the machine's samples in [from, to) in read order, led by the last one before {@code from}
     * and followed by the first one at or after {@code to}, when there are such. Chunks are read from a cursor of
     * {@code fetchSize} rows and decoded a minute at a time; reading stops at the first sample at or after {@code to}.
     */
    static void scan(Connection c, long machineId, Instant from, Instant to, int fetchSize, Consumer<Sample> each) throws SQLException {
        Instant lower = minuteBefore(c, machineId, from.truncatedTo(ChronoUnit.MINUTES));
        try (PreparedStatement ps = c.prepareStatement("SELECT minute_start, payload FROM telemetry_chunk WHERE machine_id = ?"
                + " AND minute_start >= ? ORDER BY minute_start")) {
            ps.setFetchSize(fetchSize);
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(lower));
            Sample[] preceding = new Sample[1];
            List<Sample> minute = new ArrayList<>();
            Instant current = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant m = rs.getTimestamp(1).toInstant();
                    if (current != null && !m.equals(current) && emit(minute, from, to, preceding, each)) {
                        return;
                    }
                    if (!m.equals(current)) {
                        minute.clear();
                        current = m;
                    }
                    minute.addAll(SampleChunk.decode(rs.getBytes(2)).samples());
                }
            }
            if (!emit(minute, from, to, preceding, each) && preceding[0] != null) {
                each.accept(preceding[0]);
            }
        }
    }

    /**
     * The machine's latest chunk minute before {@code minute}, or {@code minute} when there is none. Read on its own so
     * that the chunk query gets its lower bound as a value, which lets PostgreSQL leave out the daily partitions before
     * it when it plans the query. The hour before is looked at first: a machine that reports has a chunk there, and
     * that bound leaves one or two daily partitions to look in instead of every one (8 ms at 30 partitions).
     */
    private static Instant minuteBefore(Connection c, long machineId, Instant minute) throws SQLException {
        Instant recent = latestBefore(c, machineId, minute.minus(java.time.Duration.ofHours(1)), minute);
        return recent != null ? recent : Objects.requireNonNullElse(latestBefore(c, machineId, Instant.EPOCH, minute), minute);
    }

    private static Instant latestBefore(Connection c, long machineId, Instant from, Instant minute) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(minute_start) FROM telemetry_chunk WHERE machine_id = ?"
                + " AND minute_start >= ? AND minute_start < ?")) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(minute));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp ts = rs.getTimestamp(1);
                return ts == null ? null : ts.toInstant();
            }
        }
    }

    /** Emits one minute's samples; holds back the latest one before {@code from}; true once a sample at or after {@code to} was emitted. */
    private static boolean emit(List<Sample> minute, Instant from, Instant to, Sample[] preceding, Consumer<Sample> each) {
        minute.sort(ChunkAppend.READ_ORDER);
        for (Sample s : minute) {
            if (s.ts().isBefore(from)) {
                preceding[0] = s;
                continue;
            }
            if (preceding[0] != null) {
                each.accept(preceding[0]);
                preceding[0] = null;
            }
            each.accept(s);
            if (!s.ts().isBefore(to)) {
                return true;
            }
        }
        return false;
    }

    static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }
}
