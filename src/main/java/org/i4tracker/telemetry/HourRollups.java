package org.i4tracker.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Hourly rollups: {@code telemetry_rollup_hour} holds, per machine and UTC hour, the sums of the machine's per-minute
 * rollups in that hour ({@link OeeCalculator.Minute}: counter increases, run, known and ideal time, samples). The KPI
 * read sums whole hours from here and only the minutes at the edges of its windows from {@code telemetry_rollup}, so
 * 30 days of a machine are 720 rows instead of 43 200 (docs/telemetry.md, "Rollups and retention"). The rollup pass
 * rewrites the hours its minutes fall in, in the same transaction as the minutes, so an hour's row always equals
 * the sum of its stored minutes. Plain JDBC, the same SQL on H2 and PostgreSQL.
 */
public final class HourRollups {

    static final String INSERT = "INSERT INTO telemetry_rollup_hour (machine_id, hour_start, good_increase, reject_increase,"
            + " run_seconds, known_seconds, ideal_seconds, samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String MINUTE_COLUMNS = "minute_start, good_increase, reject_increase, run_seconds, known_seconds,"
            + " ideal_seconds, samples";

    private HourRollups() {
    }

    /** The sums per UTC hour of minutes ordered by start, as {@link OeeCalculator.Minute}s starting at their hour. */
    static List<OeeCalculator.Minute> sum(List<OeeCalculator.Minute> minutes) {
        List<OeeCalculator.Minute> hours = new ArrayList<>();
        OeeCalculator.Minute hour = null;
        for (OeeCalculator.Minute m : minutes) {
            Instant start = m.start().truncatedTo(ChronoUnit.HOURS);
            if (hour != null && start.isBefore(hour.start())) {
                throw new IllegalArgumentException("minutes must be ordered by start");
            }
            if (hour != null && !hour.start().equals(start)) {
                hours.add(hour);
                hour = null;
            }
            hour = plus(hour, start, m);
        }
        if (hour != null) {
            hours.add(hour);
        }
        return hours;
    }

    /** {@code hour} (null: nothing yet) plus minute {@code m}, starting at {@code start}. */
    private static OeeCalculator.Minute plus(OeeCalculator.Minute hour, Instant start, OeeCalculator.Minute m) {
        return hour == null
                ? new OeeCalculator.Minute(start, m.goodCount(), m.rejectCount(), m.runMs(), m.knownMs(), m.idealMs(), m.samples())
                : new OeeCalculator.Minute(start, OeeCalculator.plus(hour.goodCount(), m.goodCount()),
                        OeeCalculator.plus(hour.rejectCount(), m.rejectCount()),
                        hour.runMs() + m.runMs(), hour.knownMs() + m.knownMs(), hour.idealMs() + m.idealMs(), hour.samples() + m.samples());
    }

    /** Rewrites the machine's hour rows of the UTC hours that [from, to) touches from its stored minutes, on {@code c}'s transaction. */
    static void rewrite(Connection c, long machineId, Instant from, Instant to) throws SQLException {
        Instant first = from.truncatedTo(ChronoUnit.HOURS);
        Instant last = to.truncatedTo(ChronoUnit.HOURS);
        Instant end = last.equals(to) ? to : last.plus(1, ChronoUnit.HOURS);
        List<OeeCalculator.Minute> hours = sum(minutes(c, "telemetry_rollup", "minute_start", machineId, first, end));
        try (PreparedStatement del = c.prepareStatement("DELETE FROM telemetry_rollup_hour WHERE machine_id = ? AND hour_start >= ?"
                + " AND hour_start < ?");
             PreparedStatement ins = c.prepareStatement(INSERT)) {
            del.setLong(1, machineId);
            del.setTimestamp(2, Timestamp.from(first));
            del.setTimestamp(3, Timestamp.from(end));
            del.executeUpdate();
            for (OeeCalculator.Minute h : hours) {
                TelemetryRollups.addRollup(ins, machineId, h);
            }
            ins.executeBatch();
        }
    }

    /** The machine's rows of {@code table} starting in [from, to), ordered, as {@link OeeCalculator.Minute}s (times in ms). */
    static List<OeeCalculator.Minute> minutes(Connection c, String table, String startColumn, long machineId, Instant from, Instant to)
            throws SQLException {
        List<OeeCalculator.Minute> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MINUTE_COLUMNS.replace("minute_start", startColumn) + " FROM " + table
                + " WHERE machine_id = ? AND " + startColumn + " >= ? AND " + startColumn + " < ? ORDER BY " + startColumn)) {
            ps.setLong(1, machineId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(minute(rs));
                }
            }
        }
        return rows;
    }

    private static OeeCalculator.Minute minute(ResultSet rs) throws SQLException {
        return new OeeCalculator.Minute(rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getLong(3),
                Math.round(rs.getDouble(4) * 1000), Math.round(rs.getDouble(5) * 1000), rs.getDouble(6) * 1000, rs.getInt(7));
    }

    /**
     * Fills {@code telemetry_rollup_hour} from every stored minute (the table is expected empty): the migration that
     * creates it, and benchmarks that write minutes directly. Reads the minutes in order, {@code fetchSize} at a time
     * (on PostgreSQL inside the connection's transaction), and inserts in batches; returns the hour rows written.
     */
    public static long fill(Connection c) throws SQLException {
        long written = 0;
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MINUTE_COLUMNS + ", machine_id FROM telemetry_rollup"
                + " ORDER BY machine_id, minute_start");
             PreparedStatement ins = c.prepareStatement(INSERT)) {
            ps.setFetchSize(10_000);
            long machine = -1;
            OeeCalculator.Minute hour = null; // the running sum of the machine's current hour
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OeeCalculator.Minute m = minute(rs);
                    long id = rs.getLong(8);
                    Instant start = m.start().truncatedTo(ChronoUnit.HOURS);
                    if (hour != null && (id != machine || !hour.start().equals(start))) {
                        TelemetryRollups.addRollup(ins, machine, hour);
                        hour = null;
                        if (++written % 5_000 == 0) {
                            ins.executeBatch();
                        }
                    }
                    machine = id;
                    hour = plus(hour, start, m);
                }
            }
            if (hour != null) {
                TelemetryRollups.addRollup(ins, machine, hour);
                written++;
            }
            ins.executeBatch();
        }
        if (auto) {
            c.commit();
            c.setAutoCommit(true);
        }
        return written;
    }
}
