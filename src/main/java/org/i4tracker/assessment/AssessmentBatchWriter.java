package org.i4tracker.assessment;

import jakarta.inject.Singleton;
import com.fasterxml.jackson.databind.util.RawValue;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.model.AssessmentModel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes checked, scored import rows as validated assessments with JDBC batch inserts on the caller's
 * transaction connection: one batch for the assessments with their answer and score documents (prepared
 * by the checking thread; generated ids read back), one for the audit entries, then the adoptions of each
 * assessment. An imported assessment holds what a validated one of the lifecycle holds (the same columns, answers, frozen dimension scores and adoptions:
 * one {@code AdoptionObserved} per catalogue technology in use, published for the whole batch as one
 * {@code AdoptionsObserved} so that the diffusion feature records them set-based). Its audit trail says
 * what happened: one {@code IMPORTED} entry by the importing user, whose after-JSON is the assessment as
 * imported (file line, firm, model, wave, date, overall score and band, answers), not the four lifecycle
 * steps it never went through; its row version is 0, as written once. SQL shared by H2 (MODE=PostgreSQL)
 * and PostgreSQL; on PostgreSQL add {@code reWriteBatchedInserts=true} to the JDBC URL.
 */
@Singleton
class AssessmentBatchWriter {

    private static final String INSERT_ASSESSMENT = "INSERT INTO assessment (firm_id, model_id, model_version, wave, wave_number, "
            + "assessed_on, status, revision, created_by, created_at, validated_by, validated_at, overall_score, overall_band, "
            + "answer_document, score_document, version) VALUES (?, ?, ?, ?, ?, ?, 'VALIDATED', 1, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    private static final String INSERT_AUDIT = "INSERT INTO assessment_audit (assessment_id, actor, action, changed_at, before_json, after_json) "
            + "VALUES (?, ?, ?, ?, ?, ?)";

    /** What every row of one import shares: the model version, the importing user, the catalogue lookup. */
    record Batch(String modelId, String modelVersion, AssessmentModel model, String user, Predicate<String> inCatalogue) {
    }

    private final AssessmentService service;
    private final AssessmentAudit audit;

    AssessmentBatchWriter(AssessmentService service, AssessmentAudit audit) {
        this.service = service;
        this.audit = audit;
    }

    /** Writes the rows; the caller's transaction commits or rolls back all of them. Returns the new assessment ids in row order. */
    List<Long> write(Connection connection, List<AssessmentImport.ValidRow> rows, Batch batch) {
        Instant now = Instant.now();
        try {
            List<Long> ids = insertAssessments(connection, rows, batch, now);
            insertAudit(connection, rows, ids, batch, now);
            List<AdoptionObserved> evidence = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                AssessmentImport.ValidRow row = rows.get(i);
                evidence.addAll(AssessmentService.adoptionEvidence(ids.get(i), row.firmId(), row.date(), row.inUse(), batch.inCatalogue()));
            }
            service.publishAdoptions(evidence);
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("batch insert of assessments failed: " + e.getMessage(), e);
        }
    }

    private static List<Long> insertAssessments(Connection c, List<AssessmentImport.ValidRow> rows, Batch batch, Instant now)
            throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement ps = c.prepareStatement(INSERT_ASSESSMENT, new String[]{"id"})) {
            for (AssessmentImport.ValidRow row : rows) {
                ps.setLong(1, row.firmId());
                ps.setString(2, batch.modelId());
                ps.setString(3, batch.modelVersion());
                ps.setString(4, row.wave().code());
                ps.setInt(5, row.wave().number());
                ps.setDate(6, java.sql.Date.valueOf(row.date()));
                ps.setString(7, batch.user());
                ps.setTimestamp(8, at);
                ps.setString(9, batch.user());
                ps.setTimestamp(10, at);
                setDouble(ps, 11, row.report().overall());
                ps.setString(12, row.report().overallBand());
                ps.setString(13, row.answerDocument());
                ps.setString(14, row.scoreDocument());
                ps.addBatch();
            }
            ps.executeBatch();
            List<Long> ids = new ArrayList<>(rows.size());
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
            if (ids.size() != rows.size()) {
                throw new SQLException("expected " + rows.size() + " generated assessment ids, the driver returned " + ids.size());
            }
            return ids;
        }
    }

    /** One IMPORTED entry per assessment: no before state, the assessment as imported after. */
    private void insertAudit(Connection c, List<AssessmentImport.ValidRow> rows, List<Long> ids, Batch batch, Instant now)
            throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement ps = c.prepareStatement(INSERT_AUDIT)) {
            for (int i = 0; i < rows.size(); i++) {
                AssessmentImport.ValidRow row = rows.get(i);
                Map<String, Object> imported = new LinkedHashMap<>();
                imported.put("line", row.line());
                imported.put("firmId", row.firmId());
                imported.put("modelId", batch.modelId());
                imported.put("modelVersion", batch.modelVersion());
                imported.put("wave", row.wave().code());
                imported.put("date", row.date());
                imported.put("status", AssessmentStatus.VALIDATED);
                imported.put("overallScore", row.report().overall());
                imported.put("overallBand", row.report().overallBand());
                imported.put("answers", new RawValue(row.answerDocument())); // the stored answer document as it is
                addAudit(ps, ids.get(i), batch.user(), "IMPORTED", at, null, audit.json(imported));
            }
            ps.executeBatch();
        }
    }

    private static void addAudit(PreparedStatement ps, long id, String actor, String action, Timestamp at, String before, String after)
            throws SQLException {
        ps.setLong(1, id);
        ps.setString(2, actor);
        ps.setString(3, action);
        ps.setTimestamp(4, at);
        ps.setString(5, before);
        ps.setString(6, after);
        ps.addBatch();
    }

    private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }
}
