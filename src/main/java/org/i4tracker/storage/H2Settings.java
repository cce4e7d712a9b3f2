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
import java.util.List;

/**
 * The H2 settings that every feature's writes depend on, set or checked once at start-up (after the Flyway
 * migrations, which run when the data source is created); nothing on PostgreSQL.
 * <ul>
 *   <li>{@code WRITE_DELAY 0}. H2 (MVStore) otherwise keeps committed changes in memory and writes
 *   them to the file up to 500 ms later, so a process killed after acknowledging telemetry would lose
 *   messages the broker never sends again ({@code ServiceKillExactlyOnceTest}). The default URL already carries
 *   {@code WRITE_DELAY=0}; this is the safety net for a custom H2 URL. H2 does not fsync each commit,
 *   so this survives a process crash, not a power failure; PostgreSQL is the answer to the latter.
 *   It needs administrator rights on the database; without them the service runs on, and the log says
 *   what is at stake.</li>
 *   <li>{@code AUTO_COMPACT_FILL_RATE=0} (no automatic rewriting of sparse chunks). H2 2.3.232 can
 *   leave a file it cannot open ({@code MVStoreException: Double mark}, h2database issue #2752) when
 *   the process is killed while it compacts, which {@code ServiceKillExactlyOnceTest} does. It is a URL
 *   setting, read when the database opens, so this class can only warn when a file URL lacks it. The
 *   price is a file that never shrinks by itself (space of dead chunks is reused); docs/configuration.md
 *   says how to compact it offline.</li>
 *   <li>The H2 part of the schema ({@link H2Schema}: identity caches, foreign keys without an index of their
 *   own) is checked, never changed here: it belongs to the Flyway migrations; a gap is logged as a warning, from a
 *   thread of its own so that the start does not wait for it.</li>
 * </ul>
 */
@Context
class H2Settings {

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
                        + " Add ;AUTO_COMPACT_FILL_RATE=0 to the URL (see docs/configuration.md, 'H2 file database')");
            }
            Thread check = new Thread(this::checkSchema, "h2-schema-check");
            check.setDaemon(true);
            check.start();
        } catch (SQLException e) {
            LOG.warn("H2 settings not checked: {}", e.getMessage());
        }
    }

    /**
     * Warns of a gap in the H2 part of the schema; on its own thread, because reading {@code information_schema} is the
     * slowest part of this class and nothing waits for a warning.
     */
    private void checkSchema() {
        try (Connection c = dataSource.getConnection()) {
            List<String> small = H2Schema.identityColumnsBelow(c, H2Schema.IDENTITY_CACHE).stream().map(column -> column[1]).toList();
            if (!small.isEmpty()) {
                LOG.warn("H2: identity columns of {} reserve fewer than {} values per commit, so bulk inserts into them write every"
                        + " dirty page each few rows; a migration extending H2Schema raises them (docs/architecture.md, 'Migrations')",
                        small, H2Schema.IDENTITY_CACHE);
            }
            List<String> doubled = H2Schema.foreignKeysWithRedundantIndex(c).stream()
                    .map(fk -> fk.table() + "(" + String.join(", ", fk.columns()) + ")").toList();
            if (!doubled.isEmpty()) {
                LOG.warn("H2: foreign keys {} keep an index of their own beside the table's index on the same columns, so inserts"
                        + " maintain both; a migration extending H2Schema rebuilds them (docs/architecture.md, 'Migrations')", doubled);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("H2 schema not checked: {}", e.getMessage());
        }
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
