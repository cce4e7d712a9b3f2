package org.i4tracker.storage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One read-only SQL query on a connection of its own, for the read models that answer with plain records rather than
 * entities (validated scores, firm and district attributes, peer-group versions). A failure is rethrown unchecked with
 * the query's purpose in the message and the {@link SQLException} as its cause, so that {@link DatabaseUnavailable}
 * still recognises an outage.
 */
public final class JdbcQuery {

    /** Sets the statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        Binder NONE = ps -> { };

        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads the whole result. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private JdbcQuery() {
    }

    /** Runs {@code sql} with the parameters {@code binder} sets and returns what {@code reader} makes of the rows. */
    public static <T> T run(DataSource dataSource, String purpose, String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(purpose + " query failed: " + e.getMessage(), e);
        }
    }
}
