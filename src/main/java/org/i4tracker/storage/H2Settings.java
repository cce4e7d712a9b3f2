package org.i4tracker.storage;

import io.micronaut.context.annotation.Context;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The H2 settings that every feature's writes depend on, checked once at start-up (after the Flyway
 * migrations, which run when the data source is created); nothing on PostgreSQL.
 * <ul>
 *   <li>{@code WRITE_DELAY 0}. H2 (MVStore) otherwise keeps committed changes in memory and writes
 *   them to the file up to 500 ms later: a SIGKILL during a telemetry stream lost 159 of 2 000
 *   acknowledged messages ({@code ServiceKillExactlyOnceTest}). The default URL already carries
 *   {@code WRITE_DELAY=0}; this is the safety net for a custom H2 URL. H2 does not fsync each commit,
 *   so this survives a process crash, not a power failure; PostgreSQL is the answer to the latter.</li>
 *   <li>Identity caches of {@value #IDENTITY_CACHE}. An H2 identity column reserves 32 values at a
 *   time, and each reservation is a commit of its own, which with {@code WRITE_DELAY 0} writes every
 *   dirty page of the database to the file, the pages of the transaction in progress included.
 *   Profiling the CSV import of 10 000 assessments (27 answers each) found 26 % of its time in these
 *   writes, most of them below the answer inserts (about 8 400 reservations); telemetry ingest had
 *   15 per batch of 500 samples. A larger cache costs a gap in the ids after a crash (never a
 *   reuse: the reserved block is recorded before its first value is handed out; a clean shutdown
 *   gives back the unused values). H2's sequences are database-wide, so ids still grow in
 *   allocation order, which the telemetry rollups rely on. PostgreSQL keeps its cache of 1: its
 *   {@code nextval} does not commit, and its cache is per connection, which would hand out ids out of
 *   order.</li>
 *   <li>{@code AUTO_COMPACT_FILL_RATE=0} (no automatic rewriting of sparse chunks). H2 2.3.232 can
 *   leave a file it cannot open ({@code MVStoreException: Double mark}, h2database issue #2752) when
 *   the process is killed while it compacts. {@code ServiceKillExactlyOnceTest} hit this in 10 of 11
 *   runs on a file whose start-up had written a few dozen chunks, and in none of 8 with compaction
 *   off. It is a URL setting, read when the database opens, so this class can only warn when a file
 *   URL lacks it. The price is a file that never shrinks by itself (space of dead chunks is reused);
 *   the README says how to compact it offline.</li>
 * </ul>
 * The first two need administrator rights on the database; without them the service runs on, and the log
 * says what is at stake.
 */
@Context
class H2Settings {

    /** Identity values H2 reserves per commit of the sequence. */
    static final int IDENTITY_CACHE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(H2Settings.class);

    private final DataSource dataSource;

    H2Settings(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    @PostConstruct
    void apply() {
        try (Connection c = dataSource.getConnection()) {
            String url = c.getMetaData().getURL();
            if (url == null || !url.startsWith("jdbc:h2:")) {
                return;
            }
            run(c, "SET WRITE_DELAY 0", "a crash may lose commits of the last 500 ms; add ;WRITE_DELAY=0 to the URL");
            if (url.startsWith("jdbc:h2:file:") && !"0".equals(setting(c, "AUTO_COMPACT_FILL_RATE"))) {
                LOG.warn("H2: automatic compaction is on; a crash while H2 compacts can corrupt the file."
                        + " Add ;AUTO_COMPACT_FILL_RATE=0 to the URL (see README, 'H2 file database')");
            }
            List<String> raised = new ArrayList<>();
            for (String[] column : identityColumnsBelow(c, IDENTITY_CACHE)) {
                String sql = "ALTER TABLE \"" + column[0] + "\".\"" + column[1] + "\" ALTER COLUMN \"" + column[2]
                        + "\" SET CACHE " + IDENTITY_CACHE;
                if (run(c, sql, "inserts into " + column[1] + " write every dirty page each 32 rows")) {
                    raised.add(column[1]);
                }
            }
            if (!raised.isEmpty()) {
                LOG.info("H2: identity cache raised to {} on {}", IDENTITY_CACHE, raised);
            }
        } catch (SQLException e) {
            LOG.warn("H2 settings not applied: {}", e.getMessage());
        }
    }

    /** Schema, table and column of each identity column whose cache is below {@code cache}. */
    private static List<String[]> identityColumnsBelow(Connection c, int cache) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT table_schema, table_name, column_name FROM information_schema.columns"
                     + " WHERE is_identity = 'YES' AND identity_cache < " + cache
                     + " AND table_schema <> 'information_schema' ORDER BY table_name")) {
            while (r.next()) {
                columns.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
            }
        }
        return columns;
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (var st = c.prepareStatement("SELECT setting_value FROM information_schema.settings WHERE setting_name = ?")) {
            st.setString(1, name);
            try (ResultSet r = st.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static boolean run(Connection c, String sql, String consequence) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            return true;
        } catch (SQLException e) {
            LOG.warn("H2: could not run '{}' ({}): {}", sql, e.getMessage(), consequence);
            return false;
        }
    }
}
