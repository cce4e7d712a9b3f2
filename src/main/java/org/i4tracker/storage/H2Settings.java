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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The H2 settings that every feature's writes depend on, checked once at start-up (after the Flyway
 * migrations, which run when the data source is created); nothing on PostgreSQL.
 * <ul>
 *   <li>{@code WRITE_DELAY 0}. H2 (MVStore) otherwise keeps committed changes in memory and writes
 *   them to the file up to 500 ms later, so a process killed after acknowledging telemetry would lose
 *   messages the broker never sends again ({@code ServiceKillExactlyOnceTest}). The default URL already carries
 *   {@code WRITE_DELAY=0}; this is the safety net for a custom H2 URL. H2 does not fsync each commit,
 *   so this survives a process crash, not a power failure; PostgreSQL is the answer to the latter.</li>
 *   <li>Identity caches of {@value #IDENTITY_CACHE}. An H2 identity column reserves 32 values at a
 *   time, and each reservation is a commit of its own, which with {@code WRITE_DELAY 0} writes every
 *   dirty page of the database to the file, the pages of the transaction in progress included; bulk
 *   inserts (CSV imports, telemetry batches) would otherwise commit a reservation every 32 rows.
 *   A larger cache costs a gap in the ids after a crash (never a
 *   reuse: the reserved block is recorded before its first value is handed out; a clean shutdown
 *   gives back the unused values). H2's sequences are database-wide, so ids still grow in
 *   allocation order, which the telemetry rollups rely on. PostgreSQL keeps its cache of 1: its
 *   {@code nextval} does not commit, and its cache is per connection, which would hand out ids out of
 *   order.</li>
 *   <li>{@code AUTO_COMPACT_FILL_RATE=0} (no automatic rewriting of sparse chunks). H2 2.3.232 can
 *   leave a file it cannot open ({@code MVStoreException: Double mark}, h2database issue #2752) when
 *   the process is killed while it compacts, which {@code ServiceKillExactlyOnceTest} does. It is a URL
 *   setting, read when the database opens, so this class can only warn when a file URL lacks it. The
 *   price is a file that never shrinks by itself (space of dead chunks is reused); docs/configuration.md
 *   says how to compact it offline.</li>
 *   <li>Foreign keys share the table's index on exactly their columns ({@link #foreignKeysWithRedundantIndex}):
 *   where H2 made a second index of its own for a key (e.g. on {@code assessment_audit(assessment_id)}), every
 *   insert would maintain both.</li>
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
                        + " Add ;AUTO_COMPACT_FILL_RATE=0 to the URL (see docs/configuration.md, 'H2 file database')");
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
            List<String> rebuilt = new ArrayList<>();
            for (ForeignKey fk : foreignKeysWithRedundantIndex(c)) {
                if (run(c, fk.dropSql(), "inserts into " + fk.table() + " maintain a redundant index")) {
                    if (!run(c, fk.addSql(), "the foreign key " + fk.name() + " of " + fk.table() + " is missing until the next start")) {
                        throw new IllegalStateException("H2: could not restore foreign key " + fk.name() + " of " + fk.table() + " with " + fk.addSql());
                    }
                    rebuilt.add(fk.table() + "(" + String.join(", ", fk.columns()) + ")");
                }
            }
            if (!rebuilt.isEmpty()) {
                LOG.info("H2: foreign keys now use an existing index instead of one of their own: {}", rebuilt);
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

    /** A foreign key as H2 describes it; enough to drop it and add it again. */
    record ForeignKey(String schema, String table, String name, String index, List<String> columns, String refSchema,
                      String refTable, List<String> refColumns, String deleteRule, String updateRule) {

        String dropSql() {
            return "ALTER TABLE " + q(schema) + "." + q(table) + " DROP CONSTRAINT " + q(name);
        }

        String addSql() {
            return "ALTER TABLE " + q(schema) + "." + q(table) + " ADD CONSTRAINT " + q(name) + " FOREIGN KEY (" + list(columns)
                    + ") REFERENCES " + q(refSchema) + "." + q(refTable) + " (" + list(refColumns) + ") ON DELETE " + deleteRule
                    + " ON UPDATE " + updateRule;
        }

        private static String q(String identifier) {
            return "\"" + identifier.replace("\"", "\"\"") + "\"";
        }

        private static String list(List<String> identifiers) {
            return String.join(", ", identifiers.stream().map(ForeignKey::q).toList());
        }
    }

    /**
     * The foreign keys with an index H2 made for them although the table has a CREATE INDEX on exactly the
     * same columns. H2 gives every foreign key declared in CREATE TABLE an index of its own, before the
     * table's CREATE INDEX statements run, so e.g. {@code assessment_audit(assessment_id)} was indexed twice.
     * Added again once that index exists, the key uses it and H2 drops its own: every insert updates one
     * B-tree fewer. (H2 2.3 lends a foreign key only an index created by CREATE INDEX on exactly its
     * columns, not one that merely starts with them nor one that backs a UNIQUE constraint, so those
     * stay; PostgreSQL makes no index for a foreign key.)
     */
    static List<ForeignKey> foreignKeysWithRedundantIndex(Connection c) throws SQLException {
        Map<String, Map<String, List<String>>> indexColumns = new HashMap<>(); // schema.table -> index -> columns in order
        try (Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT table_schema, table_name, index_name, column_name FROM information_schema.index_columns"
                     + " WHERE table_schema <> 'information_schema' ORDER BY table_schema, table_name, index_name, ordinal_position")) {
            while (r.next()) {
                indexColumns.computeIfAbsent(r.getString(1) + "." + r.getString(2), k -> new HashMap<>())
                        .computeIfAbsent(r.getString(3), k -> new ArrayList<>()).add(r.getString(4));
            }
        }
        Set<String> constraintIndexes = new HashSet<>(); // indexes that belong to a constraint: H2 never lends them to a foreign key
        try (Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT index_schema, index_name FROM information_schema.table_constraints WHERE index_name IS NOT NULL")) {
            while (r.next()) {
                constraintIndexes.add(r.getString(1) + "." + r.getString(2));
            }
        }
        // column and position_in_unique_constraint (0 unless a foreign key) of every key column, by schema.constraint, in key order
        Map<String, List<Map.Entry<String, Integer>>> keyColumns = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT constraint_schema, constraint_name, column_name, position_in_unique_constraint"
                     + " FROM information_schema.key_column_usage ORDER BY constraint_schema, constraint_name, ordinal_position")) {
            while (r.next()) {
                keyColumns.computeIfAbsent(r.getString(1) + "." + r.getString(2), k -> new ArrayList<>())
                        .add(Map.entry(r.getString(3), r.getInt(4)));
            }
        }
        List<ForeignKey> redundant = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT tc.table_schema, tc.table_name, tc.constraint_name, tc.index_name,"
                     + " rc.unique_constraint_schema, rc.unique_constraint_name, uc.table_name, rc.delete_rule, rc.update_rule"
                     + " FROM information_schema.table_constraints tc JOIN information_schema.referential_constraints rc"
                     + " ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name"
                     + " JOIN information_schema.table_constraints uc"
                     + " ON uc.constraint_schema = rc.unique_constraint_schema AND uc.constraint_name = rc.unique_constraint_name"
                     + " WHERE tc.constraint_type = 'FOREIGN KEY' ORDER BY tc.table_name, tc.constraint_name")) {
            while (r.next()) {
                String schema = r.getString(1);
                String table = r.getString(2);
                String own = r.getString(4);
                List<Map.Entry<String, Integer>> key = keyColumns.get(schema + "." + r.getString(3));
                List<String> columns = key.stream().map(Map.Entry::getKey).toList();
                Map<String, List<String>> indexes = indexColumns.getOrDefault(schema + "." + table, Map.of());
                boolean covered = indexes.entrySet().stream().anyMatch(e -> !e.getKey().equals(own)
                        && !constraintIndexes.contains(schema + "." + e.getKey()) && e.getValue().size() == columns.size()
                        && Set.copyOf(e.getValue()).equals(Set.copyOf(columns)));
                if (own == null || !covered) {
                    continue;
                }
                List<Map.Entry<String, Integer>> unique = keyColumns.get(r.getString(5) + "." + r.getString(6));
                List<String> referenced = key.stream().map(k -> unique.get(k.getValue() - 1).getKey()).toList(); // in the key's column order
                redundant.add(new ForeignKey(schema, table, r.getString(3), own, columns, r.getString(5), r.getString(7), referenced,
                        r.getString(8), r.getString(9)));
            }
        }
        return redundant;
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
