package org.i4tracker.assessment;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.storage.JdbcQuery;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The assessment feature's read model of validated scores, for readers that need every firm's figures at once
 * (the benchmark's peer statistics): it reads only the columns they need, where loading every assessment
 * entity (answer document included) through {@link AssessmentScores} would not scale to 100 000 assessments.
 * "Current validated" is the rule of {@code AssessmentRepository.findValidated}: status VALIDATED and not
 * superseded by a revision. Same SQL on H2 and PostgreSQL.
 */
@Singleton
public class ValidatedScores {

    /**
     * What changes whenever the validated scores of a model version may change: validated assessments only ever
     * grow in number (a validation or a validated revision adds one; nothing un-validates or deletes them), and
     * the latest validation time moves with every validation.
     */
    public record Marker(long validated, Instant lastValidatedAt) {
    }

    /** A model version that has validated assessments. */
    public record ModelVersion(String modelId, String version) {
    }

    /** A current validated assessment with its overall and dimension scores (dimension code → score, null kept). */
    public record Scored(long assessmentId, long firmId, int waveNumber, Double overall, Map<String, Double> scores) {
        public Scored {
            scores = java.util.Collections.unmodifiableMap(scores);
        }
    }

    /** Which assessments a reader already holds: skipped by {@link #validatedSince} without reading their scores. */
    @FunctionalInterface
    public interface Held {
        boolean holds(long firmId, long assessmentId);
    }

    /** The version's validated assessments since an instant, counted through the validated_at index (parameters: model, version, instant). */
    private static final String COUNT_SINCE = "(SELECT COUNT(CASE WHEN model_id = ? AND model_version = ? AND status = 'VALIDATED' THEN 1 END)"
            + " FROM assessment WHERE validated_at >= ?)";

    /**
     * The validated assessments of a version before the anchor (those without a time stamp included), read once per
     * anchor: all of them, counted in the (model, version, status) index, less those since the anchor, counted through the
     * validated_at index. One condition per count, so that each database counts within one index (a condition on both
     * columns made H2 read every row: 40 s at 1 000 000 assessments).
     */
    private static final String COUNT_BEFORE = "SELECT"
            + " (SELECT COUNT(*) FROM assessment WHERE model_id = ? AND model_version = ? AND status = 'VALIDATED')"
            + " - " + ValidatedScores.COUNT_SINCE;

    /**
     * The version's validated assessments since the anchor, and the latest validation time. Only the time condition in the
     * WHERE clause, so that both databases count the few rows through the index on validated_at (see VALIDATED_SINCE).
     */
    private static final String MARKER_SINCE = "SELECT " + ValidatedScores.COUNT_SINCE + ", (SELECT MAX(validated_at) FROM assessment)";

    /** How far before the reading an anchor lies: longer than any validation takes from its time stamp to its commit. */
    private static final Duration ANCHOR_BEHIND = Duration.ofMinutes(10);

    /** How long an anchor's count is used; then it is counted again at a later anchor. */
    private static final Duration ANCHOR_LIFETIME = Duration.ofMinutes(10);

    /** A model version's validated assessments counted up to {@code at}, taken at {@code takenAt}. */
    private record Anchor(Instant at, long before, Instant takenAt) {
    }

    private final Map<ModelVersion, Anchor> anchors = new java.util.concurrent.ConcurrentHashMap<>();

    private static final String VALIDATED_KEYS = "SELECT a.id, a.firm_id, a.wave_number"
            + " FROM assessment a WHERE a.model_id = ? AND a.model_version = ? AND a.status = 'VALIDATED' AND a.superseded_by IS NULL";

    /** Completed with the batch's placeholders and a closing parenthesis. */
    private static final String SCORES_BY_ID = "SELECT id, overall_score, score_document FROM assessment WHERE id IN (";

    private static final int BATCH = 500;

    /**
     * Only the time condition, so that both databases read the few rows through the index on validated_at (with the
     * model condition, H2 may prefer another index and read every validated assessment); the rest is checked in Java.
     */
    private static final String VALIDATED_SINCE = "SELECT a.id, a.firm_id, a.wave_number, a.overall_score, a.score_document,"
            + " a.model_id, a.model_version, a.status, a.superseded_by FROM assessment a WHERE a.validated_at >= ?";

    private static final String MODEL_VERSIONS = "SELECT DISTINCT model_id, model_version FROM assessment WHERE status = 'VALIDATED'";

    private static final String ANSWERS = "SELECT answer_document FROM assessment WHERE id = ?";

    private final DataSource dataSource;

    ValidatedScores(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /**
     * The version's marker. Its count is that of every validated assessment of the version, read as the count up to an
     * anchor (ten minutes back, counted once per ten minutes) plus the count since it through the index on validated_at:
     * a reading costs the validations of the last 10–20 minutes, not an index range over every assessment of the region,
     * and gives the same number as counting them all because a validated assessment keeps its status and time stamp for
     * ever. A validation that commits more than ten minutes after its time stamp is counted when the anchor moves on.
     */
    public Marker marker(String modelId, String version) {
        ModelVersion key = new ModelVersion(modelId, version);
        Instant now = Instant.now();
        Anchor anchor = anchors.get(key);
        if (anchor == null || anchor.takenAt().plus(ANCHOR_LIFETIME).isBefore(now)) {
            Instant at = now.minus(ANCHOR_BEHIND);
            long before = query(COUNT_BEFORE, ps -> {
                ps.setString(1, modelId);
                ps.setString(2, version);
                ps.setString(3, modelId);
                ps.setString(4, version);
                ps.setTimestamp(5, Timestamp.from(at));
            }, rs -> {
                rs.next();
                return rs.getLong(1);
            });
            anchor = new Anchor(at, before, now);
            anchors.put(key, anchor);
        }
        Anchor counted = anchor;
        return query(MARKER_SINCE, ps -> {
            ps.setString(1, modelId);
            ps.setString(2, version);
            ps.setTimestamp(3, Timestamp.from(counted.at()));
        }, rs -> {
            rs.next();
            Timestamp last = rs.getTimestamp(2);
            return new Marker(counted.before() + rs.getLong(1), last == null ? null : last.toInstant());
        });
    }

    /**
     * Per firm, its latest (highest-wave) current validated assessment of the model version. Read in two steps: the keys
     * of every current validated assessment (id, firm, wave: short rows), then the scores of only each firm's latest, by
     * id in batches of {@value #BATCH}. One query of every row with its score document moved ten times the bytes (a
     * region's earlier waves) and, on H2, spooled a result of a million rows to a temporary file (20–30 s against
     * 1.3 s for the keys at 1 000 000 assessments).
     */
    public List<Scored> latestPerFirm(String modelId, String version) {
        record Latest(long assessmentId, int waveNumber) {
        }
        Map<Long, Latest> latest = query(VALIDATED_KEYS, ps -> {
            ps.setString(1, modelId);
            ps.setString(2, version);
        }, rs -> {
            Map<Long, Latest> byFirm = new LinkedHashMap<>();
            while (rs.next()) {
                long firmId = rs.getLong(2);
                int waveNumber = rs.getInt(3);
                Latest other = byFirm.get(firmId);
                if (other == null || other.waveNumber() < waveNumber) { // one current assessment per firm and wave: no ties
                    byFirm.put(firmId, new Latest(rs.getLong(1), waveNumber));
                }
            }
            return byFirm;
        });
        List<Long> firms = new ArrayList<>(latest.keySet());
        List<Scored> result = new ArrayList<>(firms.size());
        for (int from = 0; from < firms.size(); from += BATCH) {
            List<Long> batch = firms.subList(from, Math.min(firms.size(), from + BATCH));
            Map<Long, Long> firmOf = new HashMap<>();
            batch.forEach(firmId -> firmOf.put(latest.get(firmId).assessmentId(), firmId));
            String sql = SCORES_BY_ID + "?" + ", ?".repeat(batch.size() - 1) + ")";
            query(sql, ps -> {
                for (int i = 0; i < batch.size(); i++) {
                    ps.setLong(i + 1, latest.get(batch.get(i)).assessmentId());
                }
            }, rs -> {
                while (rs.next()) {
                    long assessmentId = rs.getLong(1);
                    long firmId = firmOf.get(assessmentId);
                    double overall = rs.getDouble(2);
                    Double overallOrNull = rs.wasNull() ? null : overall;
                    result.add(new Scored(assessmentId, firmId, latest.get(firmId).waveNumber(), overallOrNull, scores(rs.getString(3))));
                }
                return null;
            });
        }
        return result;
    }

    /**
     * The current validated assessments of the model version validated at or after {@code since}; several per firm
     * possible (the caller keeps the highest wave). Assessments the caller already {@code held} are left out.
     */
    public List<Scored> validatedSince(String modelId, String version, Instant since, Held held) {
        return query(VALIDATED_SINCE, ps -> ps.setTimestamp(1, Timestamp.from(since)), rs -> {
            List<Scored> result = new ArrayList<>();
            while (rs.next()) {
                if (!(modelId.equals(rs.getString(6)) && version.equals(rs.getString(7)) && "VALIDATED".equals(rs.getString(8))
                        && rs.getObject(9) == null)) {
                    continue;
                }
                long assessmentId = rs.getLong(1);
                long firmId = rs.getLong(2);
                if (held.holds(firmId, assessmentId)) {
                    continue;
                }
                double overall = rs.getDouble(4);
                Double overallOrNull = rs.wasNull() ? null : overall;
                result.add(new Scored(assessmentId, firmId, rs.getInt(3), overallOrNull, scores(rs.getString(5))));
            }
            return result;
        });
    }

    /** The model versions that have validated assessments. */
    public List<ModelVersion> modelVersionsWithValidated() {
        return query(MODEL_VERSIONS, ps -> { }, rs -> {
            List<ModelVersion> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new ModelVersion(rs.getString(1), rs.getString(2)));
            }
            return list;
        });
    }

    /** The stored answers of an assessment (empty when there is no such assessment). */
    public List<StoredAnswer> answers(long assessmentId) {
        return query(ANSWERS, ps -> ps.setLong(1, assessmentId), rs -> rs.next() ? StoredAnswer.fromDocument(rs.getString(1)) : List.of());
    }

    private static Map<String, Double> scores(String scoreDocument) {
        Map<String, Double> scores = new HashMap<>();
        FrozenScore.fromDocument(scoreDocument).forEach(f -> scores.put(f.dimension(), f.score()));
        return scores;
    }

    private <T> T query(String sql, JdbcQuery.Binder binder, JdbcQuery.Reader<T> reader) {
        return JdbcQuery.run(dataSource, "validated scores", sql, binder, reader);
    }
}
