package org.i4tracker.benchmark;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.storage.JdbcQuery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's own table {@code peer_group_version}: the stored {@link PeerGroupVersion} of every published group,
 * shared by every instance (plain SQL, same text on H2 and PostgreSQL). Everything else the benchmark reads comes
 * through the owning features' read models ({@link PeerInputs}).
 */
@Singleton
class PeerGroupVersionStore {

    /** One stored {@link PeerGroupVersion} row. */
    record StoredVersion(String groupKey, PeerGroupVersion version, Instant writtenAt) {
    }

    private static final String VERSIONS_SINCE = "SELECT group_key, seq, published, member_count, members, written_at FROM peer_group_version"
            + " WHERE model_id = ? AND model_version = ? AND written_at >= ?";

    private static final String VERSION = "SELECT group_key, seq, published, member_count, members, written_at FROM peer_group_version"
            + " WHERE model_id = ? AND model_version = ? AND group_key = ?";

    private static final String INSERT_VERSION = "INSERT INTO peer_group_version (model_id, model_version, group_key, seq, published,"
            + " member_count, members, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE_VERSION = "UPDATE peer_group_version SET seq = ?, published = ?, member_count = ?, members = ?,"
            + " written_at = ? WHERE model_id = ? AND model_version = ? AND group_key = ? AND seq = ?";

    private final DataSource dataSource;

    PeerGroupVersionStore(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /** The stored group versions of a model version written at or after {@code since} (null = all). */
    List<StoredVersion> versions(String modelId, String version, Instant since) {
        return query(VERSIONS_SINCE, ps -> {
            ps.setString(1, modelId);
            ps.setString(2, version);
            ps.setTimestamp(3, Timestamp.from(since == null ? Instant.EPOCH : since));
        }, PeerGroupVersionStore::readVersions);
    }

    /**
     * Stores {@code next} for the group if the stored row is still {@code expected} (null = no row yet); returns
     * the row that is stored afterwards (another instance's if it got there first).
     */
    StoredVersion store(String modelId, String version, String groupKey, PeerGroupVersion expected, PeerGroupVersion next) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            int changed;
            if (expected == null) {
                try (PreparedStatement ps = c.prepareStatement(INSERT_VERSION)) {
                    ps.setString(1, modelId);
                    ps.setString(2, version);
                    ps.setString(3, groupKey);
                    ps.setLong(4, next.seq());
                    ps.setBoolean(5, next.published());
                    ps.setInt(6, next.size());
                    ps.setString(7, next.encodeMembers());
                    ps.setTimestamp(8, now);
                    changed = ps.executeUpdate();
                } catch (SQLException duplicate) {
                    changed = 0; // another instance inserted it first: read theirs below
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(UPDATE_VERSION)) {
                    ps.setLong(1, next.seq());
                    ps.setBoolean(2, next.published());
                    ps.setInt(3, next.size());
                    ps.setString(4, next.encodeMembers());
                    ps.setTimestamp(5, now);
                    ps.setString(6, modelId);
                    ps.setString(7, version);
                    ps.setString(8, groupKey);
                    ps.setLong(9, expected.seq());
                    changed = ps.executeUpdate();
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            if (changed == 1) {
                return new StoredVersion(groupKey, next, now.toInstant());
            }
            try (PreparedStatement ps = c.prepareStatement(VERSION)) {
                ps.setString(1, modelId);
                ps.setString(2, version);
                ps.setString(3, groupKey);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredVersion> rows = readVersions(rs);
                    if (rows.isEmpty()) {
                        throw new IllegalStateException("peer group version " + groupKey + " could be neither written nor read");
                    }
                    return rows.get(0);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing a peer group version failed: " + e.getMessage(), e);
        }
    }

    private static List<StoredVersion> readVersions(ResultSet rs) throws SQLException {
        List<StoredVersion> list = new ArrayList<>();
        while (rs.next()) {
            list.add(new StoredVersion(rs.getString(1), new PeerGroupVersion(rs.getLong(2), rs.getBoolean(3), rs.getInt(4),
                    PeerGroupVersion.decodeMembers(rs.getString(5))), rs.getTimestamp(6).toInstant()));
        }
        return list;
    }

    private <T> T query(String sql, JdbcQuery.Binder binder, JdbcQuery.Reader<T> reader) {
        return JdbcQuery.run(dataSource, "peer group version", sql, binder, reader);
    }
}
