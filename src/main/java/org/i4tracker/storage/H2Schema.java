package org.i4tracker.storage;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * The H2-only part of the schema, applied by Flyway Java migrations that extend this class (e.g.
 * {@code db.migration.V75__h2_identity_caches_and_foreign_key_indexes}); on any other database they do
 * nothing. Each such migration brings every table that exists at its version to this state, so a later
 * migration that creates tables with identity columns or foreign keys is followed by one more of them
 * (docs/architecture.md, "Migrations"). {@link H2Settings} checks the state at start.
 * <ul>
 *   <li>Identity caches of {@value #IDENTITY_CACHE}. An H2 identity column reserves 32 values at a
 *   time, and each reservation is a commit of its own, which with {@code WRITE_DELAY 0} writes every
 *   dirty page of the database to the file, the pages of the transaction in progress included; bulk
 *   inserts (CSV imports, telemetry batches) would otherwise commit a reservation every 32 rows.
 *   A larger cache costs a gap in the ids after a crash (never a reuse: the reserved block is recorded
 *   before its first value is handed out; a clean shutdown gives back the unused values). H2's sequences
 *   are database-wide, so ids still grow in allocation order, which the telemetry rollups rely on.
 *   PostgreSQL keeps its cache of 1: its {@code nextval} does not commit, and its cache is per
 *   connection, which would hand out ids out of order.</li>
 *   <li>Foreign keys share the table's index on exactly their columns ({@link #foreignKeysWithRedundantIndex}):
 *   where H2 made a second index of its own for a key (e.g. on {@code assessment_audit(assessment_id)}), every
 *   insert would maintain both.</li>
 * </ul>
 */
public abstract class H2Schema extends BaseJavaMigration {

    /** Identity values H2 reserves per commit of the sequence. */
    public static final int IDENTITY_CACHE = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(H2Schema.class);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!isH2(c)) {
            return;
        }
        List<String> raised = new ArrayList<>();
        for (String[] column : identityColumnsBelow(c, IDENTITY_CACHE)) {
            execute(c, "ALTER TABLE " + q(column[0]) + "." + q(column[1]) + " ALTER COLUMN " + q(column[2]) + " SET CACHE " + IDENTITY_CACHE);
            raised.add(column[1]);
        }
        List<String> rebuilt = new ArrayList<>();
        for (ForeignKey fk : foreignKeysWithRedundantIndex(c)) {
            execute(c, fk.dropSql());
            execute(c, fk.addSql());
            rebuilt.add(fk.table() + "(" + String.join(", ", fk.columns()) + ")");
        }
        LOG.info("H2: identity cache raised to {} on {}; foreign keys now use an existing index instead of one of their own: {}",
                IDENTITY_CACHE, raised, rebuilt);
    }

    static boolean isH2(Connection c) throws SQLException {
        return "H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Schema, table and column of each identity column whose cache is below {@code cache}. */
    static List<String[]> identityColumnsBelow(Connection c, int cache) throws SQLException {
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

}
