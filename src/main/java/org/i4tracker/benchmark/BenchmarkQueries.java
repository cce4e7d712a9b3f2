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
import org.i4tracker.assessment.FrozenScore;
import org.i4tracker.assessment.StoredAnswer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    record Marker(long validated, long firms, long firmVersions, long districtVersions) {
    }

    /** A firm's current validated assessment with its dimension scores (dimension code → score, null kept). */
    record ScoredAssessment(long assessmentId, int waveNumber, Double overall, PeerGroups.Member member, Map<String, Double> scores) {
    }

    private static final String MARKER = "SELECT"
            + " (SELECT COUNT(*) FROM assessment WHERE model_id = ? AND model_version = ? AND status = 'VALIDATED'),"
            + " (SELECT COUNT(*) FROM firm), (SELECT COALESCE(SUM(version), 0) FROM firm),"
            + " (SELECT COALESCE(SUM(version), 0) + COUNT(*) FROM district)";

    private static final String VALIDATED = "SELECT a.id, a.firm_id, a.wave_number, a.overall_score, f.district_id, d.region_id,"
            + " f.nace_code, f.employees, a.score_document"
            + " FROM assessment a JOIN firm f ON f.id = a.firm_id JOIN district d ON d.id = f.district_id"
            + " WHERE a.model_id = ? AND a.model_version = ? AND a.status = 'VALIDATED' AND a.superseded_by IS NULL";

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
            return new Marker(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
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
