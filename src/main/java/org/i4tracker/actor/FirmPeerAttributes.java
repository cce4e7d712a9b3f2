package org.i4tracker.actor;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.storage.JdbcQuery;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's read model of the firm attributes that place a firm in peer groups (district, NACE code,
 * employees), for readers that need every firm at once: one query of three columns instead of loading every
 * {@link Firm} entity.
 */
@Singleton
public class FirmPeerAttributes {

    /** A firm's district, NACE code (as registered) and employees. */
    public record Attributes(long firmId, long districtId, String naceCode, int employees) {
    }

    /** What changes whenever a firm's attributes may change: the number of firms and the sum of their optimistic-lock versions. */
    public record Marker(long firms, long versions) {
    }

    private static final String MARKER = "SELECT COUNT(*), COALESCE(SUM(version), 0) FROM firm";
    private static final String ALL = "SELECT id, district_id, nace_code, employees FROM firm";
    private static final String ONE = ALL + " WHERE id = ?";

    private final DataSource dataSource;

    FirmPeerAttributes(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    public Marker marker() {
        return query(MARKER, null, rs -> {
            rs.next();
            return new Marker(rs.getLong(1), rs.getLong(2));
        });
    }

    /** Every firm's attributes, by firm id. */
    public Map<Long, Attributes> all() {
        return query(ALL, null, rs -> {
            Map<Long, Attributes> all = new HashMap<>();
            while (rs.next()) {
                all.put(rs.getLong(1), read(rs));
            }
            return all;
        });
    }

    /** One firm's attributes; empty when there is no such firm. */
    public Optional<Attributes> of(long firmId) {
        return query(ONE, firmId, rs -> rs.next() ? Optional.of(read(rs)) : Optional.empty());
    }

    private static Attributes read(ResultSet rs) throws SQLException {
        return new Attributes(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4));
    }

    private <T> T query(String sql, Long id, JdbcQuery.Reader<T> reader) {
        return JdbcQuery.run(dataSource, "firm attributes", sql, id == null ? JdbcQuery.Binder.NONE : ps -> ps.setLong(1, id), reader);
    }
}
