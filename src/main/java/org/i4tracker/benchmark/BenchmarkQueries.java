package org.i4tracker.benchmark;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.common.NaceCode;
import org.i4tracker.common.SizeClass;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.i4tracker.assessment.FrozenScore;
import org.i4tracker.assessment.StoredAnswer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The plain SQL the benchmark reads (same text on H2 and PostgreSQL). It reads tables owned by the
 * assessment, actor, district and programme features because their public APIs load per entity: one join
 * of 100 000 assessments with their firms and districts, reading only the columns it needs, beats loading
 * every assessment entity (answer document included) through {@code AssessmentScores} and every firm
 * through the actor feature. "Current validated" is the rule of
 * {@code AssessmentRepository.findValidated}: status VALIDATED and not superseded by a revision.
 */
@Singleton
class BenchmarkQueries {

    /**
     * What changes whenever peer statistics may change: validated assessments of the version only ever
     * grow in number (a validation or a validated revision adds one; nothing un-validates or deletes
     * them), and every firm or district update bumps its optimistic-lock version.
     */
    record Marker(long validated, Instant lastValidatedAt, long firms, long firmVersions, long districtVersions) {

        /** Whether only validations happened between {@code this} and {@code later}: firms and districts unchanged. */
        boolean onlyValidationsBefore(Marker later) {
            return firms == later.firms && firmVersions == later.firmVersions && districtVersions == later.districtVersions
                    && later.validated >= validated;
        }
    }

    /** One stored {@link PeerGroupVersion} row. */
    record StoredVersion(String groupKey, PeerGroupVersion version, Instant writtenAt) {
    }

    /** A firm's current validated assessment with its dimension scores (dimension code → score, null kept). */
    record ScoredAssessment(long assessmentId, int waveNumber, Double overall, PeerGroups.Member member, Map<String, Double> scores) {
    }

    private static final String MARKER = "SELECT"
            + " (SELECT COUNT(*) FROM assessment WHERE model_id = ? AND model_version = ? AND status = 'VALIDATED'),"
            + " (SELECT MAX(validated_at) FROM assessment),"
            + " (SELECT COUNT(*) FROM firm), (SELECT COALESCE(SUM(version), 0) FROM firm),"
            + " (SELECT COALESCE(SUM(version), 0) + COUNT(*) FROM district)";

    private static final String VALIDATED = "SELECT a.id, a.firm_id, a.wave_number, a.overall_score, f.district_id, d.region_id,"
            + " f.nace_code, f.employees, a.score_document"
            + " FROM assessment a JOIN firm f ON f.id = a.firm_id JOIN district d ON d.id = f.district_id"
            + " WHERE a.model_id = ? AND a.model_version = ? AND a.status = 'VALIDATED' AND a.superseded_by IS NULL";

    /**
     * Only the time condition on the assessment table alone, so that both databases read the few rows through the
     * index on validated_at (with the model condition or a join, H2 may prefer another index and read every validated
     * assessment); the rest is checked in Java, the firms are read one by one ({@link #MEMBER}).
     */
    private static final String VALIDATED_SINCE = "SELECT a.id, a.firm_id, a.wave_number, a.overall_score, a.score_document,"
            + " a.model_id, a.model_version, a.status, a.superseded_by FROM assessment a WHERE a.validated_at >= ?";

    private static final String MEMBER = "SELECT f.district_id, d.region_id, f.nace_code, f.employees FROM firm f"
            + " JOIN district d ON d.id = f.district_id WHERE f.id = ?";

    private static final String MODEL_VERSIONS = "SELECT DISTINCT model_id, model_version FROM assessment WHERE status = 'VALIDATED'";

    private static final String VERSIONS_SINCE = "SELECT group_key, seq, published, member_count, members, written_at FROM peer_group_version"
            + " WHERE model_id = ? AND model_version = ? AND written_at >= ?";

    private static final String VERSION = "SELECT group_key, seq, published, member_count, members, written_at FROM peer_group_version"
            + " WHERE model_id = ? AND model_version = ? AND group_key = ?";

    private static final String INSERT_VERSION = "INSERT INTO peer_group_version (model_id, model_version, group_key, seq, published,"
            + " member_count, members, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String UPDATE_VERSION = "UPDATE peer_group_version SET seq = ?, published = ?, member_count = ?, members = ?,"
            + " written_at = ? WHERE model_id = ? AND model_version = ? AND group_key = ? AND seq = ?";

    private static final String ANSWERS = "SELECT answer_document FROM assessment WHERE id = ?";

    private static final String ENROLMENTS = "SELECT programme_id FROM enrolment WHERE firm_id = ? AND withdrawn_on IS NULL ORDER BY programme_id";

    private final DataSource dataSource;

    BenchmarkQueries(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    Marker marker(String modelId, String version) {
        return query(MARKER, ps -> {
            ps.setString(1, modelId);
            ps.setString(2, version);
        }, rs -> {
            rs.next();
            Timestamp last = rs.getTimestamp(2);
            return new Marker(rs.getLong(1), last == null ? null : last.toInstant(), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        });
    }

    /** Per firm, its latest (highest-wave) current validated assessment of the version. */
    List<ScoredAssessment> latestValidated(String modelId, String version) {
        record Row(ScoredAssessment assessment, String scoreDocument) {
        }
        return query(VALIDATED, ps -> {
            ps.setString(1, modelId);
            ps.setString(2, version);
        }, rs -> {
            // unordered (sorting costs more than this): keep each firm's highest wave, then read only those score documents
            Map<Long, Row> latest = new LinkedHashMap<>();
            while (rs.next()) {
                long firmId = rs.getLong(2);
                int waveNumber = rs.getInt(3);
                Row other = latest.get(firmId);
                if (other != null && other.assessment().waveNumber() >= waveNumber) {
                    continue; // one current assessment per firm and wave, so no ties
                }
                double overall = rs.getDouble(4);
                Double overallOrNull = rs.wasNull() ? null : overall;
                PeerGroups.Member member = new PeerGroups.Member(firmId, rs.getLong(6), rs.getLong(5),
                        new NaceCode(rs.getString(7)).division(), SizeClass.of(rs.getInt(8)));
                latest.put(firmId, new Row(new ScoredAssessment(rs.getLong(1), waveNumber, overallOrNull, member, new HashMap<>()),
                        rs.getString(9)));
            }
            List<ScoredAssessment> result = new ArrayList<>(latest.size());
            for (Row row : latest.values()) {
                FrozenScore.fromDocument(row.scoreDocument()).forEach(f -> row.assessment().scores().put(f.dimension(), f.score()));
                result.add(row.assessment());
            }
            return result;
        });
    }

    /**
     * The current validated assessments of the version validated at or after {@code since}, each with its firm as it is
     * now; several per firm possible (the caller keeps the highest wave). {@code known} gives the firm's entry in the
     * previous snapshot (or null): an assessment it already holds is skipped, and its firm is taken from it rather than
     * read again (the caller uses this only while no firm or district changed).
     */
    List<ScoredAssessment> validatedSince(String modelId, String version, Instant since, LongFunction<PeerSnapshot.Entry> known) {
        try (Connection c = dataSource.getConnection()) {
            List<ScoredAssessment> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(VALIDATED_SINCE); PreparedStatement member = c.prepareStatement(MEMBER)) {
                ps.setTimestamp(1, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!(modelId.equals(rs.getString(6)) && version.equals(rs.getString(7)) && "VALIDATED".equals(rs.getString(8))
                                && rs.getObject(9) == null)) {
                            continue;
                        }
                        long firmId = rs.getLong(2);
                        PeerSnapshot.Entry previous = known.apply(firmId);
                        if (previous != null && previous.assessmentId() == rs.getLong(1)) {
                            continue; // applied by an earlier update
                        }
                        double overall = rs.getDouble(4);
                        Double overallOrNull = rs.wasNull() ? null : overall;
                        PeerGroups.Member m = previous == null ? null : previous.member();
                        if (m == null) {
                            member.setLong(1, firmId);
                            try (ResultSet f = member.executeQuery()) {
                                if (!f.next()) {
                                    continue;
                                }
                                m = new PeerGroups.Member(firmId, f.getLong(2), f.getLong(1), new NaceCode(f.getString(3)).division(),
                                        SizeClass.of(f.getInt(4)));
                            }
                        }
                        Map<String, Double> scores = new HashMap<>();
                        FrozenScore.fromDocument(rs.getString(5)).forEach(s -> scores.put(s.dimension(), s.score()));
                        result.add(new ScoredAssessment(rs.getLong(1), rs.getInt(3), overallOrNull, m, scores));
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark query failed: " + e.getMessage(), e);
        }
    }

    /** The model versions that have validated assessments, as "modelId", "version" pairs. */
    List<String[]> modelVersionsWithValidated() {
        return query(MODEL_VERSIONS, ps -> { }, rs -> {
            List<String[]> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new String[] {rs.getString(1), rs.getString(2)});
            }
            return list;
        });
    }

    /** The stored group versions of a model version written at or after {@code since} (null = all). */
    List<StoredVersion> versions(String modelId, String version, Instant since) {
        return query(VERSIONS_SINCE, ps -> {
            ps.setString(1, modelId);
            ps.setString(2, version);
            ps.setTimestamp(3, Timestamp.from(since == null ? Instant.EPOCH : since));
        }, BenchmarkQueries::readVersions);
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

    List<StoredAnswer> answers(long assessmentId) {
        return query(ANSWERS, ps -> ps.setLong(1, assessmentId), rs -> rs.next() ? StoredAnswer.fromDocument(rs.getString(1)) : List.of());
    }

    List<Long> enrolledProgrammes(long firmId) {
        return query(ENROLMENTS, ps -> ps.setLong(1, firmId), rs -> {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark query failed: " + e.getMessage(), e);
        }
    }
}
