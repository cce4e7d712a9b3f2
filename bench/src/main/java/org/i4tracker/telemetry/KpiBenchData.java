package org.i4tracker.telemetry;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Stored telemetry of a region for {@code bench/KpiWindowBenchmark}, written as the service would have left it:
 * one {@code telemetry_chunk} row per machine and minute encoded by {@link SampleChunk}, one {@code telemetry_rollup}
 * row per machine and minute computed by {@link OeeCalculator#minutes} from the same samples (with the sample before
 * and after the minute, as the rollup pass reads them), the rollup progress mark behind the last
 * {@link #UNROLLED_MINUTES} minutes, which the pass has not read yet, and the hourly rollups of those minutes
 * ({@link HourRollups#fill}, as the passes would have rewritten them). Rows go in minute by minute across the machines,
 * the order in which ingest writes them; on PostgreSQL the daily partitions of the range are created first, as the
 * maintenance pass would have a week ahead, and the tables are vacuumed and analysed afterwards, as autovacuum does
 * after that many inserts. In the bench tree because {@link SampleChunk} is package-private.
 *
 * <p>Samples: machine {@code target} reports every second (60 a minute), the others {@code otherPerMinute} a minute,
 * evenly spaced. Sample {@code i} of a machine (counted from the start) is in state IDLE when {@code i mod 97 < 13}, else
 * EXECUTE; good count {@code = i - i / 50} and reject count {@code = i / 50} (one reject in 50), ideal cycle time the machine's.
 */
public final class KpiBenchData {

    static final int UNROLLED_MINUTES = 3;
    private static final int BATCH = 2_000;

    private KpiBenchData() {
    }

    /** Writes {@code minutes} minutes from {@code start} (a whole minute) for the machines; returns chunk rows written. */
    public static long generate(Connection c, long[] machines, long target, Instant start, int minutes, int otherPerMinute,
                                long idealCycleTimeMs, PrintStream log) throws SQLException {
        c.setAutoCommit(false);
        if (ChunkTable.isPostgres(c)) {
            try (Statement st = c.createStatement()) {
                LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
                LocalDate last = LocalDate.ofInstant(start.plus(Duration.ofMinutes(minutes)), ZoneOffset.UTC);
                for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                    st.execute(ChunkPartitions.createSql(ChunkPartitions.of(d)));
                }
            }
            c.commit();
        }
        KpiWindows minuteWindows = new KpiWindows(ZoneOffset.UTC, LocalTime.MIDNIGHT);
        OeeCalculator calculator = new OeeCalculator(idealCycleTimeMs);
        long rows = 0;
        long began = System.nanoTime();
        Instant rolledBefore = start.plus(Duration.ofMinutes(minutes - UNROLLED_MINUTES));
        try (PreparedStatement chunk = c.prepareStatement("INSERT INTO telemetry_chunk (machine_id, minute_start, part, first_ts,"
                + " last_ts, min_seq, max_seq, samples, received_at, payload) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement rollup = c.prepareStatement(TelemetryRollups.INSERT_ROLLUP)) {
            int pending = 0;
            for (int m = 0; m < minutes; m++) {
                Instant minute = start.plus(Duration.ofMinutes(m));
                for (long machine : machines) {
                    int perMinute = machine == target ? 60 : otherPerMinute;
                    List<Sample> samples = samples(perMinute, m, start);
                    SampleChunk encoded = new SampleChunk(samples);
                    SampleChunk.Span span = encoded.span();
                    chunk.setLong(1, machine);
                    chunk.setTimestamp(2, Timestamp.from(minute));
                    chunk.setTimestamp(3, Timestamp.from(span.firstTs()));
                    chunk.setTimestamp(4, Timestamp.from(span.lastTs()));
                    chunk.setLong(5, span.minSeq());
                    chunk.setLong(6, span.maxSeq());
                    chunk.setInt(7, samples.size());
                    chunk.setTimestamp(8, Timestamp.from(minute.plusSeconds(60)));
                    chunk.setBytes(9, encoded.encode());
                    chunk.addBatch();
                    if (minute.isBefore(rolledBefore)) {
                        List<OeeCalculator.Reading> readings = new ArrayList<>(samples.size() + 2);
                        if (m > 0) {
                            List<Sample> before = samples(perMinute, m - 1, start);
                            readings.add(reading(before.get(before.size() - 1)));
                        }
                        samples.forEach(s -> readings.add(reading(s)));
                        if (m + 1 < minutes) {
                            readings.add(reading(samples(perMinute, m + 1, start).get(0)));
                        }
                        for (OeeCalculator.Minute r : calculator.minutes(readings, minuteWindows.split(minute, minute.plusSeconds(60),
                                KpiWindows.Size.MINUTE, 1))) {
                            TelemetryRollups.addRollup(rollup, machine, r);
                        }
                    }
                    rows++;
                    if (++pending == BATCH) {
                        chunk.executeBatch();
                        rollup.executeBatch();
                        c.commit();
                        pending = 0;
                    }
                }
                if (m % 1440 == 1439) {
                    log.printf("    day %d of %d written: %,d chunk rows, %.0f s%n", (m + 1) / 1440, minutes / 1440, rows,
                            (System.nanoTime() - began) / 1e9);
                }
                if (minute.plusSeconds(60).equals(rolledBefore)) {
                    chunk.executeBatch();
                    rollup.executeBatch();
                    c.commit();
                    pending = 0;
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM telemetry_chunk")) {
                        rs.next();
                        long mark = rs.getLong(1);
                        st.executeUpdate("UPDATE telemetry_rollup_progress SET last_chunk_id = " + mark + " WHERE id = 1");
                    }
                }
            }
            chunk.executeBatch();
            rollup.executeBatch();
            c.commit();
        }
        long began2 = System.nanoTime();
        long hours = HourRollups.fill(c);
        c.commit();
        log.printf("    %,d hourly rollup rows from the minutes, %.0f s%n", hours, (System.nanoTime() - began2) / 1e9);
        try (Statement st = c.createStatement()) {
            // the planner statistics and visibility map a running database has (PostgreSQL's autovacuum vacuums and
            // analyses tables after this many inserts); VACUUM runs outside a transaction
            c.setAutoCommit(true);
            st.execute(ChunkTable.isPostgres(c) ? "VACUUM ANALYZE telemetry_chunk, telemetry_rollup, telemetry_rollup_hour" : "ANALYZE");
            c.setAutoCommit(false);
        }
        try (PreparedStatement head = c.prepareStatement("INSERT INTO telemetry_chunk_head (machine_id, max_seq) VALUES (?, ?)")) {
            for (long machine : machines) {
                head.setLong(1, machine);
                head.setLong(2, (long) minutes * (machine == target ? 60 : otherPerMinute) - 1);
                head.addBatch();
            }
            head.executeBatch();
            c.commit();
        }
        return rows;
    }

    /** The samples of minute {@code m}: sample index {@code i} runs on from the start, {@code perMinute} a minute. */
    private static List<Sample> samples(int perMinute, int m, Instant start) {
        List<Sample> samples = new ArrayList<>(perMinute);
        long stepMs = 60_000L / perMinute;
        for (int k = 0; k < perMinute; k++) {
            long i = (long) m * perMinute + k;
            samples.add(new Sample(start.plusMillis(m * 60_000L + k * stepMs), i, i % 97 < 13 ? "IDLE" : "EXECUTE", i - i / 50, i / 50,
                    null, null));
        }
        return samples;
    }

    private static OeeCalculator.Reading reading(Sample s) {
        return new OeeCalculator.Reading(s.ts(), s.state(), s.goodCount(), s.rejectCount(), s.idealCycleTimeMs());
    }
}
