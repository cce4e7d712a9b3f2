package org.i4tracker.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rows of a database's {@code public} schema, read through JDBC alike on H2 and PostgreSQL, for tests that compare a
 * restored database with the live one: its tables, every row of a table by primary key, and the rows whose foreign key
 * names a missing parent.
 */
public final class DatabaseRows {

    private DatabaseRows() {
    }

    public static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (r.next()) {
                tables.add(r.getString("TABLE_NAME"));
            }
        }
        tables.sort(null);
        return tables;
    }

    /**
     * Every row of a table as text (all columns, in order), keyed by its primary key; a table without
     * one is keyed by the row itself and its occurrence, so the comparison is one of multisets.
     */
    public static Map<String, String> dump(Connection c, String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (ResultSet r = c.getMetaData().getPrimaryKeys(null, "public", table)) {
            Map<Integer, String> bySeq = new TreeMap<>();
            while (r.next()) {
                bySeq.put(r.getInt("KEY_SEQ"), r.getString("COLUMN_NAME"));
            }
            key.addAll(bySeq.values());
        }
        Map<String, String> rows = new TreeMap<>();
        Map<String, Integer> seen = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                StringBuilder id = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String value = r.getString(i);
                    row.append(meta.getColumnName(i)).append('=').append(value).append('|');
                    if (key.contains(meta.getColumnName(i))) {
                        id.append(meta.getColumnName(i)).append('=').append(value).append('|');
                    }
                }
                String rowKey = key.isEmpty() ? row + "#" + seen.merge(row.toString(), 1, Integer::sum) : id.toString();
                rows.put(rowKey, row.toString());
            }
        }
        return rows;
    }

    /** For every foreign key, "child(columns)" and the number of rows whose parent row is missing. */
    public static Map<String, Long> orphans(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Long> orphans = new TreeMap<>();
        for (String table : tables(c)) {
            Map<String, List<String[]>> keys = new TreeMap<>(); // fk name -> (fk column, parent table, parent column) in key order
            try (ResultSet r = meta.getImportedKeys(null, "public", table)) {
                while (r.next()) {
                    keys.computeIfAbsent(r.getString("FK_NAME"), k -> new ArrayList<>()).add(new String[] {
                            r.getString("FKCOLUMN_NAME"), r.getString("PKTABLE_NAME"), r.getString("PKCOLUMN_NAME")});
                }
            }
            for (List<String[]> key : keys.values()) {
                String parent = key.get(0)[1];
                List<String> join = new ArrayList<>();
                List<String> present = new ArrayList<>();
                TreeSet<String> columns = new TreeSet<>();
                for (String[] column : key) {
                    join.add("c.\"" + column[0] + "\" = p.\"" + column[2] + "\"");
                    present.add("c.\"" + column[0] + "\" IS NOT NULL");
                    columns.add(column[0]);
                }
                long n = scalar(c, "SELECT COUNT(*) FROM \"" + table + "\" c LEFT JOIN \"" + parent + "\" p ON " + String.join(" AND ", join)
                        + " WHERE " + String.join(" AND ", present) + " AND p.\"" + key.get(0)[2] + "\" IS NULL");
                orphans.merge(table + "(" + String.join(", ", columns) + ")", n, Long::sum);
            }
        }
        return orphans;
    }

    public static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * The rows of {@code copy} that differ from the row with the same key in {@code live}, or that {@code live} lacks, over
     * {@code tables}: empty when the copy is a consistent earlier state of a database that only grows.
     */
    public static List<String> differences(Connection live, Connection copy, List<String> tables) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        for (String table : tables) {
            Map<String, String> liveRows = dump(live, table);
            dump(copy, table).forEach((key, row) -> {
                String current = liveRows.get(key);
                if (!row.equals(current)) {
                    mismatches.add(table + " " + key + ": restored " + row + ", live " + current);
                }
            });
        }
        return mismatches;
    }
}
