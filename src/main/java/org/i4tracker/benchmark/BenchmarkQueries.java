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
import org.i4tracker.assessment.StoredAnswer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain SQL the benchmark reads (same text on H2 and PostgreSQL). It reads tables owned by the
 * assessment, actor, district and programme features because their public APIs load per entity: one join
 * of 100 000 assessments beats {@code AssessmentScores.latestValidated}, whose IN list of every assessment
 * id also exceeds PostgreSQL's 32 767 bind parameters. "Current validated" is the rule of
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
            + " f.nace_code, f.employees, s.dimension_code, s.score"
            + " FROM assessment a JOIN firm f ON f.id = a.firm_id JOIN district d ON d.id = f.district_id"
            + " LEFT JOIN assessment_score s ON s.assessment_id = a.id"
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
        return query(VALIDATED, ps -> {
            ps.setString(1, modelId);
            ps.setString(2, version);
        }, rs -> {
            // unordered (sorting 600 000 joined rows costs more than this): group by assessment, then keep each firm's highest wave
            Map<Long, ScoredAssessment> byId = new HashMap<>();
            Map<Long, ScoredAssessment> latest = new LinkedHashMap<>();
            while (rs.next()) {
                long id = rs.getLong(1);
                ScoredAssessment current = byId.get(id);
                if (current == null) {
                    long firmId = rs.getLong(2);
                    double overall = rs.getDouble(4);
                    Double overallOrNull = rs.wasNull() ? null : overall;
                    PeerGroups.Member member = new PeerGroups.Member(firmId, rs.getLong(6), rs.getLong(5),
                            new NaceCode(rs.getString(7)).division(), SizeClass.of(rs.getInt(8)));
                    current = new ScoredAssessment(id, rs.getInt(3), overallOrNull, member, new HashMap<>());
                    byId.put(id, current);
                    ScoredAssessment other = latest.get(firmId);
                    if (other == null || other.waveNumber() < current.waveNumber()) {
                        latest.put(firmId, current); // one current assessment per firm and wave, so no ties
                    }
                }
                String dimension = rs.getString(9);
                if (dimension != null) {
                    double score = rs.getDouble(10);
                    current.scores().put(dimension, rs.wasNull() ? null : score);
                }
            }
            return new ArrayList<>(latest.values());
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
