package org.i4tracker.telemetry;

import io.micronaut.context.annotation.Value;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-minute rollups (machine x minute) and retention of raw samples and rollups.
 *
 * <p><b>Rollup.</b> Each pass reads the chunks added since the last pass (by chunk id) and recomputes, per
 * machine, every whole UTC minute from the minute of the sample preceding the earliest new one to
 * the minute of the latest new one, with {@link OeeCalculator#minutes}: a new sample changes the
 * state interval that ends at it, so those minutes are the ones it affects; when a stored sample follows the
 * latest new one (it was stored late), the span runs to that sample's minute, whose counter increase it changes.
 * The readings include the first one after the span, so its last minute's state is known to its end. The minutes are
 * replaced (DELETE + INSERT) in one transaction, so a pass is idempotent and two instances running
 * it at once write the same rows (the loser of a primary-key race rolls back and the next pass
 * repeats it). The progress mark stays {@link #ROLLUP_LAG} behind the newest chunk so that a batch
 * committed late by another writer is still read. The recomputed span is capped at
 * {@link #MAX_SPAN} before the earliest new sample (a machine silent for longer has its gap minutes
 * left as they were). In the same transaction, under the machine's chunk head lock, the parts of each
 * recomputed minute that the pass has read (chunk id up to the mark) are merged into part 0, which keeps
 * the lowest of their ids so that the merge itself is not new to the next pass, and the hourly rollups of the
 * hours the recomputed minutes fall in are rewritten from the minutes ({@link HourRollups}).
 *
 * <p><b>Retention.</b> Chunks whose whole minute is older than {@code i4.telemetry.retention.raw}
 * (default 30d) and minute and hour rollups older than {@code i4.telemetry.retention.rollups} (default 2y, taken
 * back to its UTC hour) are deleted
 * per machine in batches of {@link #DELETE_CHUNK} rows; on PostgreSQL the daily partitions of
 * {@code telemetry_chunk} wholly past the cutoff are dropped first and those of the coming
 * {@link #PARTITIONS_AHEAD} days created ({@link ChunkPartitions}). Idempotent, so every instance may run it.
 */
@Singleton
class TelemetryRollups {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryRollups.class);
    static final Duration ROLLUP_LAG = Duration.ofMinutes(2);
    static final Duration MAX_SPAN = Duration.ofDays(31);
    static final int DELETE_CHUNK = 10_000;
    static final int PARTITIONS_AHEAD = 7;
    private static final KpiWindows UTC_MINUTES = new KpiWindows(ZoneOffset.UTC, java.time.LocalTime.MIDNIGHT);

    private final DataSource dataSource;
    private final TelemetryStore store;
    private final Duration rawRetention;
    private final Duration rollupRetention;

    TelemetryRollups(DataSource dataSource, DataSourceResolver resolver, TelemetryStore store,
                     @Value("${i4.telemetry.retention.raw:30d}") String rawRetention,
                     @Value("${i4.telemetry.retention.rollups:2y}") String rollupRetention) {
        this.dataSource = resolver.resolve(dataSource);
        this.store = store;
        this.rawRetention = period(rawRetention, "i4.telemetry.retention.raw");
        this.rollupRetention = period(rollupRetention, "i4.telemetry.retention.rollups");
    }

    /** A period such as {@code 30d}, {@code 12h}, {@code 2y} (365 days a year) or ISO-8601 {@code P30D}. */
    static Duration period(String text, String property) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.strip());
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'y' -> Duration.ofDays(365 * n);
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(property + "=" + text + ": expected e.g. 30d, 12h, 2y or P30D");
        }
    }

    Duration rawRetention() {
        return rawRetention;
    }

    /** Samples before this instant may have been deleted; KPIs of earlier windows come from rollups. */
    Instant rawCutoff(Instant now) {
        return now.minus(rawRetention);
    }

    /** One rollup pass; returns the number of minutes written. */
    int rollUp(Instant now) throws SQLException {
        long from;
        record Touched(long machineId, Instant minTs, Instant maxTs) {
        }
        List<Touched> touched = new ArrayList<>();
        long mark;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_chunk_id FROM telemetry_rollup_progress WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                from = rs.next() ? rs.getLong(1) : 0;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT machine_id, MIN(first_ts), MAX(last_ts) FROM telemetry_chunk WHERE id > ?"
                    + " GROUP BY machine_id")) {
                ps.setLong(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        touched.add(new Touched(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM telemetry_chunk WHERE id > ? AND received_at < ?")) {
                ps.setLong(1, from);
                ps.setTimestamp(2, Timestamp.from(now.minus(ROLLUP_LAG)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long max = rs.getLong(1);
                    mark = rs.wasNull() ? from : max;
                }
            }
        }
        int written = 0;
        for (Touched t : touched) {
            written += rollUpMachine(t.machineId(), t.minTs(), t.maxTs(), mark);
        }
        if (mark > from) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE telemetry_rollup_progress SET last_chunk_id = ? WHERE id = 1 AND last_chunk_id < ?")) {
                ps.setLong(1, mark);
                ps.setLong(2, mark);
                ps.executeUpdate();
            }
        }
        if (written > 0) {
            LOG.info("telemetry rollup machines={} minutes={} mark={}", touched.size(), written, mark);
        }
        return written;
    }

    private int rollUpMachine(long machineId, Instant minTs, Instant maxTs, long mark) throws SQLException {
        Long ideal = idealCycleTime(machineId);
        if (ideal == null) {
            return 0; // machine deleted meanwhile; its samples went with it
        }
        Instant floor = minTs.minus(MAX_SPAN);
        Instant previous = previousSampleTs(machineId, minTs);
        Instant start = (previous == null || previous.isBefore(floor) ? minTs : previous).truncatedTo(ChronoUnit.MINUTES);
        Instant end = maxTs.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<OeeCalculator.Reading> readings = store.readingsAround(machineId, start, end);
        Instant after = readings.isEmpty() ? null : readings.get(readings.size() - 1).ts();
        if (after != null && !after.isBefore(end)) {
            // a sample stored late changes the counter increase of the sample after it, so that one's minute is recomputed too
            end = after.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            readings = store.readingsAround(machineId, start, end);
        }
        List<KpiWindows.Window> windows = UTC_MINUTES.split(start, end, KpiWindows.Size.MINUTE, Integer.MAX_VALUE);
        List<OeeCalculator.Minute> minutes = new OeeCalculator(ideal).minutes(readings, windows);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ChunkTable.lockHead(c, machineId);
                mergeParts(c, machineId, start, end, mark);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM telemetry_rollup WHERE machine_id = ? AND minute_start >= ? AND minute_start < ?");
                 PreparedStatement ins = c.prepareStatement(INSERT_ROLLUP)) {
                del.setLong(1, machineId);
                del.setTimestamp(2, Timestamp.from(start));
                del.setTimestamp(3, Timestamp.from(end));
                del.executeUpdate();
                for (OeeCalculator.Minute m : minutes) {
                    addRollup(ins, machineId, m);
                }
                ins.executeBatch();
                HourRollups.rewrite(c, machineId, start, end);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return minutes.size();
    }

    static final String INSERT_ROLLUP = "INSERT INTO telemetry_rollup (machine_id, minute_start, good_increase, reject_increase,"
            + " run_seconds, known_seconds, ideal_seconds, samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** Adds one rollup row to a batch of {@link #INSERT_ROLLUP}: times in seconds (the minute's ms / 1000). */
    static void addRollup(PreparedStatement ins, long machineId, OeeCalculator.Minute m) throws SQLException {
        ins.setLong(1, machineId);
        ins.setTimestamp(2, Timestamp.from(m.start()));
        ins.setLong(3, m.goodCount());
        ins.setLong(4, m.rejectCount());
        ins.setDouble(5, m.runMs() / 1000.0);
        ins.setDouble(6, m.knownMs() / 1000.0);
        ins.setDouble(7, m.idealMs() / 1000.0);
        ins.setInt(8, m.samples());
        ins.addBatch();
    }

    /** Merges the parts (chunk id up to {@code mark}) of each of the machine's minutes in [start, end) that has several into part 0 and on. */
    private static void mergeParts(Connection c, long machineId, Instant start, Instant end, long mark) throws SQLException {
        List<Instant> minutes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT minute_start FROM telemetry_chunk WHERE machine_id = ? AND minute_start >= ?"
                + " AND minute_start < ? AND id <= ? GROUP BY minute_start HAVING COUNT(*) > 1")) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(start));
            ps.setTimestamp(3, Timestamp.from(end));
            ps.setLong(4, mark);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    minutes.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        for (Instant minute : minutes) {
            List<Long> ids = new ArrayList<>();
            List<SampleChunk> chunks = new ArrayList<>();
            Instant receivedAt = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, received_at, payload FROM telemetry_chunk WHERE machine_id = ?"
                    + " AND minute_start = ? AND id <= ? ORDER BY id")) {
                ps.setLong(1, machineId);
                ps.setTimestamp(2, Timestamp.from(minute));
                ps.setLong(3, mark);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        Instant r = rs.getTimestamp(2).toInstant();
                        receivedAt = receivedAt == null || r.isAfter(receivedAt) ? r : receivedAt;
                        chunks.add(SampleChunk.decode(rs.getBytes(3)));
                    }
                }
            }
            List<Sample> samples = new ArrayList<>();
            chunks.forEach(chunk -> samples.addAll(chunk.samples()));
            try (PreparedStatement del = c.prepareStatement("DELETE FROM telemetry_chunk WHERE id = ? AND machine_id = ? AND minute_start = ?")) {
                for (long id : ids) {
                    del.setLong(1, id);
                    del.setLong(2, machineId);
                    del.setTimestamp(3, Timestamp.from(minute));
                    del.addBatch();
                }
                del.executeBatch();
            }
            // parts not merged (id above the mark) keep their numbers; the merged ones take numbers below them
            int next = -1;
            for (ChunkAppend.Part part : ChunkAppend.parts(samples)) {
                ChunkTable.insert(c, next == -1 ? ids.get(0) : null, machineId, minute, lowestFreePart(c, machineId, minute), part.chunk(), receivedAt);
                next = 0;
            }
        }
    }

    private static int lowestFreePart(Connection c, long machineId, Instant minute) throws SQLException {
        List<Integer> used = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT part FROM telemetry_chunk WHERE machine_id = ? AND minute_start = ? ORDER BY part")) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(minute));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    used.add(rs.getInt(1));
                }
            }
        }
        int free = 0;
        while (used.contains(free)) {
            free++;
        }
        return free;
    }

    /**
     * The instant before which the machine's rollup minutes reflect every stored sample, or null when it has no
     * rollup. It is the earlier of the start of its latest rollup minute (that minute may still gain samples) and
     * the earliest minute of its chunks above the progress mark (not read by a pass yet). A sample stored late
     * changes only the rollups of its own minute and later ones (it ends the state interval of the sample before
     * it, which began earlier and holds unchanged up to it), so the minutes before this instant stand as rolled up.
     */
    Instant completeBefore(long machineId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Instant latest;
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(minute_start) FROM telemetry_rollup WHERE machine_id = ?")) {
                ps.setLong(1, machineId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp ts = rs.getTimestamp(1);
                    if (ts == null) {
                        return null;
                    }
                    latest = ts.toInstant();
                }
            }
            long mark;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_chunk_id FROM telemetry_rollup_progress WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                mark = rs.next() ? rs.getLong(1) : 0;
            }
            // id first: the chunks above the mark are few, and the id index finds them without visiting the machine's
            // other chunks. The mark is written into the text (a number read from the database, not input): as a
            // parameter, PostgreSQL's generic plan of a statement prepared for reuse cannot know that few ids lie
            // above it and reads the machine's chunks in every daily partition instead (225 ms against under 1 ms
            // at 100 machines x 30 days, bench/results/2026-12-04-kpi-windows-pg-100x30-quiet.txt).
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(minute_start) FROM telemetry_chunk WHERE id > " + mark
                    + " AND machine_id = ?")) {
                ps.setLong(1, machineId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp ts = rs.getTimestamp(1);
                    return ts == null || !ts.toInstant().isBefore(latest) ? latest : ts.toInstant();
                }
            }
        }
    }

    /** The machine's rollup minutes starting in [from, to), ordered. */
    List<OeeCalculator.Minute> minutes(long machineId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return HourRollups.minutes(c, "telemetry_rollup", "minute_start", machineId, from, to);
        }
    }

    /** The machine's hourly rollups ({@link HourRollups}) of the UTC hours starting in [from, to), ordered. */
    List<OeeCalculator.Minute> hours(long machineId, Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return HourRollups.minutes(c, "telemetry_rollup_hour", "hour_start", machineId, from, to);
        }
    }

    /**
     * Deletes raw samples (whole chunks) and rollups past their retention; returns {raw samples, minute rollup rows}
     * deleted. The rollup cutoff is taken back to its UTC hour, and hourly rollups before it go too.
     */
    long[] applyRetention(Instant now) throws SQLException {
        Instant rawCutoff = now.minus(rawRetention);
        // on a whole UTC hour, so that an hour row and its minutes go together
        Timestamp rollupsBefore = Timestamp.from(now.minus(rollupRetention).truncatedTo(ChronoUnit.HOURS));
        long raw = maintainPartitions(now, rawCutoff);
        long rollups = 0;
        // a chunk goes when its whole minute is before the cutoff
        Timestamp lastMinute = Timestamp.from(rawCutoff.minus(Duration.ofMinutes(1)));
        for (long machineId : machineIds()) {
            raw += deleteChunks(machineId, lastMinute);
            rollups += deleteRollups("telemetry_rollup", "minute_start", machineId, rollupsBefore);
            deleteRollups("telemetry_rollup_hour", "hour_start", machineId, rollupsBefore);
        }
        if (raw + rollups > 0) {
            LOG.info("telemetry retention deleted samples={} rollups={} rawBefore={} rollupsBefore={}", raw, rollups,
                    rawCutoff, rollupsBefore.toInstant());
        }
        return new long[] {raw, rollups};
    }

    /** On PostgreSQL: creates the coming days' partitions and drops those wholly before the cutoff; returns the samples dropped. */
    private long maintainPartitions(Instant now, Instant cutoff) throws SQLException {
        long dropped = 0;
        try (Connection c = dataSource.getConnection()) {
            if (!ChunkTable.isPostgres(c)) {
                return 0;
            }
            c.setAutoCommit(true);
            List<String> existing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT child.relname FROM pg_inherits i JOIN pg_class parent ON parent.oid = i.inhparent"
                    + " JOIN pg_class child ON child.oid = i.inhrelid WHERE i.inhparent = 'telemetry_chunk'::regclass");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
            try (var st = c.createStatement()) {
                for (ChunkPartitions.Partition p : ChunkPartitions.toDrop(cutoff, existing)) {
                    try (ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(samples), 0) FROM " + p.name())) {
                        rs.next();
                        dropped += rs.getLong(1);
                    }
                    st.execute("DROP TABLE " + p.name());
                }
                for (ChunkPartitions.Partition p : ChunkPartitions.toCreate(now, PARTITIONS_AHEAD, new java.util.HashSet<>(existing))) {
                    try {
                        st.execute(ChunkPartitions.createSql(p));
                    } catch (SQLException e) {
                        // the default partition holds rows of that day: they stay there until retention deletes them
                        LOG.debug("telemetry partition {} not created: {}", p.name(), e.getMessage());
                    }
                }
            }
        }
        return dropped;
    }

    private long deleteChunks(long machineId, Timestamp lastMinute) throws SQLException {
        long samples = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement sel = c.prepareStatement("SELECT id, minute_start, samples FROM telemetry_chunk WHERE machine_id = ?"
                     + " AND minute_start <= ? ORDER BY minute_start LIMIT " + DELETE_CHUNK);
             PreparedStatement del = c.prepareStatement("DELETE FROM telemetry_chunk WHERE id = ? AND machine_id = ? AND minute_start = ?")) {
            c.setAutoCommit(false);
            int n;
            do {
                n = 0;
                sel.setLong(1, machineId);
                sel.setTimestamp(2, lastMinute);
                try (ResultSet rs = sel.executeQuery()) {
                    while (rs.next()) {
                        del.setLong(1, rs.getLong(1));
                        del.setLong(2, machineId);
                        del.setTimestamp(3, rs.getTimestamp(2));
                        del.addBatch();
                        samples += rs.getInt(3);
                        n++;
                    }
                }
                del.executeBatch();
                c.commit();
            } while (n == DELETE_CHUNK);
        }
        return samples;
    }

    private long deleteRollups(String table, String start, long machineId, Timestamp before) throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                + " WHERE machine_id = ? AND " + start + " IN (SELECT " + start + " FROM " + table + " WHERE machine_id = ?"
                + " AND " + start + " < ? LIMIT " + DELETE_CHUNK + ")")) {
            c.setAutoCommit(true);
            int n;
            do {
                ps.setLong(1, machineId);
                ps.setLong(2, machineId);
                ps.setTimestamp(3, before);
                n = ps.executeUpdate();
                total += n;
            } while (n == DELETE_CHUNK);
        }
        return total;
    }

    private List<Long> machineIds() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id FROM machine ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private Long idealCycleTime(long machineId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ideal_cycle_time_ms FROM machine WHERE id = ?")) {
            ps.setLong(1, machineId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private Instant previousSampleTs(long machineId, Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(CASE WHEN last_ts < ? THEN last_ts ELSE first_ts END)"
                     + " FROM telemetry_chunk WHERE machine_id = ? AND first_ts < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            ps.setLong(2, machineId);
            ps.setTimestamp(3, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp ts = rs.getTimestamp(1);
                return ts == null ? null : ts.toInstant();
            }
        }
    }
}
