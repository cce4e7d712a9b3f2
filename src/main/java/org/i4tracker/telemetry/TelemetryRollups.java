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
 * <p><b>Rollup.</b> Each pass reads the samples added since the last pass (by id) and recomputes, per
 * machine, every whole UTC minute from the minute of the sample preceding the earliest new one to
 * the minute of the latest new one, with {@link OeeCalculator#minutes}: a new sample changes the
 * state interval that ends at it, so those minutes are the ones it affects. The minutes are
 * replaced (DELETE + INSERT) in one transaction, so a pass is idempotent and two instances running
 * it at once write the same rows (the loser of a primary-key race rolls back and the next pass
 * repeats it). The progress mark stays {@link #ROLLUP_LAG} behind the newest sample so that a batch
 * committed late by another writer is still read. The recomputed span is capped at
 * {@link #MAX_SPAN} before the earliest new sample (a machine silent for longer has its gap minutes
 * left as they were).
 *
 * <p><b>Retention.</b> Raw samples older than {@code i4.telemetry.retention.raw} (default 30d) and
 * rollups older than {@code i4.telemetry.retention.rollups} (default 2y) are deleted per machine in
 * chunks of {@link #DELETE_CHUNK} rows with plain {@code DELETE ... WHERE ts < ?}: idempotent, so
 * every instance may run it.
 */
@Singleton
class TelemetryRollups {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryRollups.class);
    static final Duration ROLLUP_LAG = Duration.ofMinutes(2);
    static final Duration MAX_SPAN = Duration.ofDays(31);
    static final int DELETE_CHUNK = 10_000;
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
            try (PreparedStatement ps = c.prepareStatement("SELECT last_sample_id FROM telemetry_rollup_progress WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                from = rs.next() ? rs.getLong(1) : 0;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT machine_id, MIN(ts), MAX(ts) FROM telemetry_sample WHERE id > ?"
                    + " GROUP BY machine_id")) {
                ps.setLong(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        touched.add(new Touched(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM telemetry_sample WHERE id > ? AND received_at < ?")) {
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
            written += rollUpMachine(t.machineId(), t.minTs(), t.maxTs());
        }
        if (mark > from) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE telemetry_rollup_progress SET last_sample_id = ? WHERE id = 1 AND last_sample_id < ?")) {
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

    private int rollUpMachine(long machineId, Instant minTs, Instant maxTs) throws SQLException {
        Long ideal = idealCycleTime(machineId);
        if (ideal == null) {
            return 0; // machine deleted meanwhile; its samples went with it
        }
        Instant floor = minTs.minus(MAX_SPAN);
        Instant previous = previousSampleTs(machineId, minTs);
        Instant start = (previous == null || previous.isBefore(floor) ? minTs : previous).truncatedTo(ChronoUnit.MINUTES);
        Instant end = maxTs.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<KpiWindows.Window> windows = UTC_MINUTES.split(start, end, KpiWindows.Size.MINUTE, Integer.MAX_VALUE);
        List<OeeCalculator.Reading> readings = store.readings(machineId, start, end, Integer.MAX_VALUE - 1);
        List<OeeCalculator.Minute> minutes = new OeeCalculator(ideal).minutes(readings, windows);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM telemetry_rollup WHERE machine_id = ? AND minute_start >= ? AND minute_start < ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO telemetry_rollup (machine_id, minute_start, good_increase,"
                         + " reject_increase, run_seconds, known_seconds, ideal_seconds, samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                del.setLong(1, machineId);
                del.setTimestamp(2, Timestamp.from(start));
                del.setTimestamp(3, Timestamp.from(end));
                del.executeUpdate();
                for (OeeCalculator.Minute m : minutes) {
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
                ins.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return minutes.size();
    }

    /** The machine's rollup minutes starting in [from, to), ordered. */
    List<OeeCalculator.Minute> minutes(long machineId, Instant from, Instant to) throws SQLException {
        List<OeeCalculator.Minute> minutes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT minute_start, good_increase, reject_increase, run_seconds,"
                     + " known_seconds, ideal_seconds, samples FROM telemetry_rollup WHERE machine_id = ? AND minute_start >= ?"
                     + " AND minute_start < ? ORDER BY minute_start")) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    minutes.add(new OeeCalculator.Minute(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3),
                            Math.round(rs.getDouble(4) * 1000), Math.round(rs.getDouble(5) * 1000), rs.getDouble(6) * 1000,
                            rs.getInt(7)));
                }
            }
        }
        return minutes;
    }

    /** Deletes raw samples and rollups past their retention; returns {raw rows, rollup rows} deleted. */
    long[] applyRetention(Instant now) throws SQLException {
        Timestamp rawBefore = Timestamp.from(now.minus(rawRetention));
        Timestamp rollupsBefore = Timestamp.from(now.minus(rollupRetention));
        long raw = 0;
        long rollups = 0;
        for (long machineId : machineIds()) {
            raw += deleteInChunks("DELETE FROM telemetry_sample WHERE id IN (SELECT id FROM telemetry_sample"
                    + " WHERE machine_id = ? AND ts < ? LIMIT " + DELETE_CHUNK + ")", machineId, rawBefore);
            rollups += deleteInChunks("DELETE FROM telemetry_rollup WHERE machine_id = ? AND minute_start IN (SELECT minute_start"
                    + " FROM telemetry_rollup WHERE machine_id = ? AND minute_start < ? LIMIT " + DELETE_CHUNK + ")", machineId, rollupsBefore);
        }
        if (raw + rollups > 0) {
            LOG.info("telemetry retention deleted samples={} rollups={} rawBefore={} rollupsBefore={}", raw, rollups,
                    rawBefore.toInstant(), rollupsBefore.toInstant());
        }
        return new long[] {raw, rollups};
    }

    private long deleteInChunks(String sql, long machineId, Timestamp before) throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            int n;
            do {
                int i = 1;
                ps.setLong(i++, machineId);
                if (sql.startsWith("DELETE FROM telemetry_rollup")) {
                    ps.setLong(i++, machineId);
                }
                ps.setTimestamp(i, before);
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
             PreparedStatement ps = c.prepareStatement("SELECT MAX(ts) FROM telemetry_sample WHERE machine_id = ? AND ts < ?")) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp ts = rs.getTimestamp(1);
                return ts == null ? null : ts.toInstant();
            }
        }
    }
}
