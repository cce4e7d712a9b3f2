package org.i4tracker.benchmark;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.common.SizeClass;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's own tables {@code peer_input} and {@code peer_input_marker}: the inputs of a {@link PeerSnapshot} (every
 * firm's latest validated assessment with its scores and peer attributes) and the {@link PeerInputs.Marker} they correspond
 * to, per model version. {@link PeerStatistics} writes the rows of the firms that changed after each update and reads them
 * all at start. Every write moves {@code seq} on under the condition that it is still the one the writer last saw, in one
 * transaction with the rows, so the rows and the marker always belong to one writer's snapshot (plain SQL, same text on
 * H2 and PostgreSQL).
 */
@Singleton
class PeerInputStore {

    /** The stored inputs of one model version: what the rows say, the marker they correspond to and the write's seq. */
    record Stored(long seq, PeerInputs.Marker marker, Map<Long, PeerSnapshot.Entry> entries) {
    }

    private static final String MARKER = "SELECT seq, dimensions, validated, last_validated_at, firms, firm_versions, district_versions"
            + " FROM peer_input_marker WHERE model_id = ? AND model_version = ?";

    private static final String ENTRIES = "SELECT firm_id, assessment_id, wave_number, region_id, district_id, sector, size_class, scores"
            + " FROM peer_input WHERE model_id = ? AND model_version = ?";

    private static final String INSERT_MARKER = "INSERT INTO peer_input_marker (model_id, model_version, seq, dimensions, validated,"
            + " last_validated_at, firms, firm_versions, district_versions, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE_MARKER = "UPDATE peer_input_marker SET seq = ?, dimensions = ?, validated = ?, last_validated_at = ?,"
            + " firms = ?, firm_versions = ?, district_versions = ?, written_at = ? WHERE model_id = ? AND model_version = ? AND seq = ?";

    private static final String DELETE_ENTRY = "DELETE FROM peer_input WHERE model_id = ? AND model_version = ? AND firm_id = ?";

    private static final String DELETE_ENTRIES = "DELETE FROM peer_input WHERE model_id = ? AND model_version = ?";

    /** At one changed firm in this many or more, all of the version's rows are written anew rather than firm by firm. */
    private static final int REWRITE_SHARE = 4;

    private static final String INSERT_ENTRY = "INSERT INTO peer_input (model_id, model_version, firm_id, assessment_id, wave_number,"
            + " region_id, district_id, sector, size_class, scores) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String VERSIONS = "SELECT model_id, model_version FROM peer_input_marker ORDER BY model_id, model_version";

    /** Rows per JDBC batch. */
    private static final int BATCH = 500;

    private final DataSource dataSource;

    PeerInputStore(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /** The model versions that have stored inputs, each as {model id, version}: a few rows, read before anything else at start. */
    List<String[]> storedVersions() {
        List<String[]> versions = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(VERSIONS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            return versions;
        } catch (SQLException e) {
            throw new IllegalStateException("peer input query failed: " + e.getMessage(), e);
        }
    }

    /**
     * The stored inputs of a model version, or null when there are none or they were stored for other dimensions. The
     * marker is read before and after the rows; when another instance wrote in between, the reading is repeated.
     */
    Stored load(String modelId, String version, List<String> dimensions) {
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                Header before = header(c, modelId, version);
                if (before == null || !before.dimensions().equals(String.join(",", dimensions))) {
                    return null;
                }
                Map<Long, PeerSnapshot.Entry> entries = entries(c, modelId, version, dimensions.size() + 1);
                Header after = header(c, modelId, version);
                if (after != null && after.seq() == before.seq()) {
                    return new Stored(before.seq(), before.marker(), entries);
                }
            }
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("peer input query failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the entries of {@code changed} firms (a firm missing from {@code entries} is deleted) and the marker, if the
     * stored seq is still {@code expectedSeq} (null = nothing stored yet). Returns the new seq, or null when another
     * instance wrote first (nothing is written then).
     */
    Long write(String modelId, String version, List<String> dimensions, Long expectedSeq, PeerInputs.Marker marker,
               Collection<Long> changed, Map<Long, PeerSnapshot.Entry> entries) {
        long seq = expectedSeq == null ? 1 : expectedSeq + 1;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (!writeMarker(c, modelId, version, dimensions, expectedSeq, seq, marker)) {
                    c.rollback();
                    return null;
                }
                if (expectedSeq == null || changed.size() * REWRITE_SHARE >= Math.max(1, entries.size())) {
                    rewriteEntries(c, modelId, version, entries);
                } else {
                    writeEntries(c, modelId, version, changed, entries);
                }
                c.commit();
                return seq;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing peer inputs failed: " + e.getMessage(), e);
        }
    }

    private static boolean writeMarker(Connection c, String modelId, String version, List<String> dimensions, Long expectedSeq, long seq,
                                       PeerInputs.Marker marker) throws SQLException {
        if (expectedSeq == null) {
            if (header(c, modelId, version) != null) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_MARKER)) {
                ps.setString(1, modelId);
                ps.setString(2, version);
                ps.setLong(3, seq);
                bindMarker(ps, 4, dimensions, marker);
                return ps.executeUpdate() == 1;
            } catch (SQLException duplicate) { // another instance inserted it first
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE_MARKER)) {
            ps.setLong(1, seq);
            bindMarker(ps, 2, dimensions, marker);
            ps.setString(9, modelId);
            ps.setString(10, version);
            ps.setLong(11, expectedSeq);
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets dimensions, validated, last_validated_at, firms, firm_versions, district_versions, written_at from parameter {@code at} on. */
    private static void bindMarker(PreparedStatement ps, int at, List<String> dimensions, PeerInputs.Marker marker) throws SQLException {
        ps.setString(at, String.join(",", dimensions));
        ps.setLong(at + 1, marker.validated());
        ps.setTimestamp(at + 2, marker.lastValidatedAt() == null ? null : Timestamp.from(marker.lastValidatedAt()));
        ps.setLong(at + 3, marker.firms());
        ps.setLong(at + 4, marker.firmVersions());
        ps.setLong(at + 5, marker.districtVersions());
        ps.setTimestamp(at + 6, Timestamp.from(Instant.now()));
    }

    /**
     * All rows of the version replaced: one delete (none on the first write, which finds no rows) and the entries inserted
     * in batches. Used for the first write and when a large share of the firms changed: a delete per firm would cost an
     * index lookup each at best, and on PostgreSQL, planned while the statistics still describe an empty table, a scan
     * of the growing table each (7.6 minutes for the first 100 000 firms).
     */
    private static void rewriteEntries(Connection c, String modelId, String version, Map<Long, PeerSnapshot.Entry> entries)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(DELETE_ENTRIES)) {
            delete.setString(1, modelId);
            delete.setString(2, version);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_ENTRY)) {
            int rows = 0;
            for (Map.Entry<Long, PeerSnapshot.Entry> e : entries.entrySet()) {
                bindEntry(insert, modelId, version, e.getKey(), e.getValue());
                insert.addBatch();
                if (++rows % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void bindEntry(PreparedStatement insert, String modelId, String version, long firmId, PeerSnapshot.Entry e)
            throws SQLException {
        PeerGroups.Member m = e.member();
        insert.setString(1, modelId);
        insert.setString(2, version);
        insert.setLong(3, firmId);
        insert.setLong(4, e.assessmentId());
        insert.setInt(5, e.waveNumber());
        insert.setLong(6, m.regionId());
        insert.setLong(7, m.districtId());
        insert.setString(8, m.sector());
        insert.setString(9, m.size().name());
        insert.setString(10, PeerGroupVersion.scoresText(e.scores()));
    }

    private static void writeEntries(Connection c, String modelId, String version, Collection<Long> changed,
                                     Map<Long, PeerSnapshot.Entry> entries) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(DELETE_ENTRY); PreparedStatement insert = c.prepareStatement(INSERT_ENTRY)) {
            int rows = 0;
            for (long firmId : changed) {
                delete.setString(1, modelId);
                delete.setString(2, version);
                delete.setLong(3, firmId);
                delete.addBatch();
                PeerSnapshot.Entry e = entries.get(firmId);
                if (e != null) {
                    bindEntry(insert, modelId, version, firmId, e);
                    insert.addBatch();
                }
                if (++rows % BATCH == 0) {
                    delete.executeBatch(); // deletes first: a firm's new row must not meet its old one
                    insert.executeBatch();
                }
            }
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    /** The marker row: its seq, the dimension codes as stored and the marker. */
    private record Header(long seq, String dimensions, PeerInputs.Marker marker) {
    }

    private static Header header(Connection c, String modelId, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MARKER)) {
            ps.setString(1, modelId);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp last = rs.getTimestamp(4);
                return new Header(rs.getLong(1), rs.getString(2), new PeerInputs.Marker(rs.getLong(3), last == null ? null : last.toInstant(),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)));
            }
        }
    }

    private static Map<Long, PeerSnapshot.Entry> entries(Connection c, String modelId, String version, int metrics) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ENTRIES)) {
            ps.setString(1, modelId);
            ps.setString(2, version);
            ps.setFetchSize(BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                Map<Long, PeerSnapshot.Entry> entries = new HashMap<>();
                while (rs.next()) {
                    long firmId = rs.getLong(1);
                    double[] scores = PeerGroupVersion.scores(rs.getString(8));
                    if (scores.length != metrics) {
                        throw new IllegalStateException("stored peer input of firm " + firmId + " has " + scores.length + " scores, expected " + metrics);
                    }
                    PeerGroups.Member member = new PeerGroups.Member(firmId, rs.getLong(4), rs.getLong(5), rs.getString(6),
                            SizeClass.valueOf(rs.getString(7)));
                    entries.put(firmId, new PeerSnapshot.Entry(member, rs.getLong(2), rs.getInt(3), scores));
                }
                return entries;
            }
        }
    }
}
