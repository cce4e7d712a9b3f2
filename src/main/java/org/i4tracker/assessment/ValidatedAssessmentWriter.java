package org.i4tracker.assessment;

import com.fasterxml.jackson.databind.util.RawValue;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.AdoptionsObserved;
import org.i4tracker.common.DomainException;
import org.i4tracker.model.AssessmentModel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one write path of a validated assessment, for one (API) or a batch (CSV import), with JDBC batch
 * statements on the transaction's connection:
 * <ul>
 *   <li>a validated assessment of the API ({@link Validated#id()} set) is updated in place: status, validator,
 *   overall score and band, frozen dimension scores; its row version must still be the one the caller read
 *   (else 409 {@code version}); the assessment it revises is marked superseded; audit entries {@code VALIDATED}
 *   (before: the status, after: status, overall score and band) and {@code SUPERSEDED};</li>
 *   <li>an imported assessment ({@link Validated#id()} null) is inserted with its answer and score documents
 *   (generated ids read back), row version 0 as written once; one {@code IMPORTED} audit entry by the
 *   importing user, whose after-JSON is the assessment as imported (file line, firm, model, wave, date,
 *   overall score and band, answers), not the lifecycle steps it never went through;</li>
 *   <li>then the adoptions decided by the lifecycle ({@link AssessmentLifecycle.Validation#adoptions}), published for
 *   the whole batch as one {@link AdoptionsObserved}, recorded by the diffusion feature on this thread and
 *   transaction.</li>
 * </ul>
 * SQL shared by H2 (MODE=PostgreSQL) and PostgreSQL; on PostgreSQL add {@code reWriteBatchedInserts=true}
 * to the JDBC URL.
 */
@Singleton
class ValidatedAssessmentWriter {

    private static final String INSERT_ASSESSMENT = "INSERT INTO assessment (firm_id, model_id, model_version, wave, wave_number, "
            + "assessed_on, status, revision, created_by, created_at, validated_by, validated_at, overall_score, overall_band, "
            + "answer_document, score_document, version) VALUES (?, ?, ?, ?, ?, ?, 'VALIDATED', 1, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
    private static final String UPDATE_VALIDATED = "UPDATE assessment SET status = 'VALIDATED', validated_by = ?, validated_at = ?, "
            + "overall_score = ?, overall_band = ?, score_document = ?, version = version + 1 WHERE id = ? AND version = ?";
    private static final String UPDATE_SUPERSEDED = "UPDATE assessment SET superseded_by = ?, version = version + 1 WHERE id = ?";
    private static final String INSERT_AUDIT = "INSERT INTO assessment_audit (assessment_id, actor, action, changed_at, before_json, after_json) "
            + "VALUES (?, ?, ?, ?, ?, ?)";

    /** What every assessment of one write shares: the model version, the user, the catalogue lookup. */
    record Batch(String modelId, String modelVersion, AssessmentModel model, String user, Predicate<String> inCatalogue) {
    }

    /**
     * One validated assessment to store.
     *
     * @param id             the stored draft that was validated; null for an imported one, inserted
     * @param version        the row version the caller read (ignored for an imported one)
     * @param revisionOf     the assessment it corrects, superseded by it; null if none
     * @param line           the CSV line of an imported one (0 otherwise)
     * @param answerDocument the answers as stored ({@link StoredAnswer#document})
     */
    record Validated(Long id, Long version, Long revisionOf, long line, long firmId, Wave wave, LocalDate date,
                     AssessmentLifecycle.Validation validation, String answerDocument) {

        static Validated imported(long line, long firmId, Wave wave, LocalDate date, AssessmentLifecycle.Validation validation,
                                  String answerDocument) {
            return new Validated(null, null, null, line, firmId, wave, date, validation, answerDocument);
        }

        static Validated of(Assessment draft, AssessmentLifecycle.Validation validation) {
            return new Validated(draft.id(), draft.version(), draft.revisionOf(), 0, draft.firmId(),
                    new Wave(draft.wave(), draft.waveNumber()), draft.assessedOn(), validation, draft.answerDocument());
        }
    }

    private final AssessmentAudit audit;
    private final TransactionOperations<Connection> transactions;
    private final ApplicationEventPublisher<AdoptionsObserved> adoptions;

    ValidatedAssessmentWriter(AssessmentAudit audit, TransactionOperations<Connection> transactions,
                              ApplicationEventPublisher<AdoptionsObserved> adoptions) {
        this.audit = audit;
        this.transactions = transactions;
        this.adoptions = adoptions;
    }

    /** Writes {@code rows} in the current transaction, or in a new one when there is none. Returns their ids in order. */
    List<Long> write(List<Validated> rows, Batch batch) {
        return transactions.executeWrite(status -> write(status.getConnection(), rows, batch));
    }

    /** Writes the rows; the caller's transaction commits or rolls back all of them. Returns their ids in row order. */
    List<Long> write(Connection connection, List<Validated> rows, Batch batch) {
        Instant now = Instant.now();
        try {
            List<Long> ids = new ArrayList<>(rows.size());
            List<Validated> inserted = rows.stream().filter(r -> r.id() == null).toList();
            List<Long> newIds = inserted.isEmpty() ? List.of() : insertAssessments(connection, inserted, batch, now);
            int next = 0;
            for (Validated row : rows) {
                ids.add(row.id() == null ? newIds.get(next++) : row.id());
            }
            List<Validated> updated = rows.stream().filter(r -> r.id() != null).toList();
            if (!updated.isEmpty()) {
                updateValidated(connection, updated, batch, now);
            }
            insertAudit(connection, rows, ids, batch, now);
            List<AdoptionObserved> evidence = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Validated row = rows.get(i);
                evidence.addAll(row.validation().adoptions(ids.get(i), row.firmId(), row.date(), batch.inCatalogue()));
            }
            if (!evidence.isEmpty()) {
                adoptions.publishEvent(new AdoptionsObserved(evidence));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("batch write of validated assessments failed: " + e.getMessage(), e);
        }
    }

    private static List<Long> insertAssessments(Connection c, List<Validated> rows, Batch batch, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement ps = c.prepareStatement(INSERT_ASSESSMENT, new String[]{"id"})) {
            for (Validated row : rows) {
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
                setDouble(ps, 11, row.validation().report().overall());
                ps.setString(12, row.validation().report().overallBand());
                ps.setString(13, row.answerDocument());
                ps.setString(14, row.validation().scoreDocument());
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

    /** Validates stored drafts in place (optimistic lock on their row version) and supersedes what they revise. */
    private static void updateValidated(Connection c, List<Validated> rows, Batch batch, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement ps = c.prepareStatement(UPDATE_VALIDATED)) {
            for (Validated row : rows) {
                ps.setString(1, batch.user());
                ps.setTimestamp(2, at);
                setDouble(ps, 3, row.validation().report().overall());
                ps.setString(4, row.validation().report().overallBand());
                ps.setString(5, row.validation().scoreDocument());
                ps.setLong(6, row.id());
                ps.setLong(7, row.version());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw DomainException.conflict("version", "assessment " + rows.get(i).id() + " changed meanwhile; reload it and apply your change again");
                }
            }
        }
        List<Validated> revisions = rows.stream().filter(r -> r.revisionOf() != null).toList();
        if (!revisions.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(UPDATE_SUPERSEDED)) {
                for (Validated row : revisions) {
                    ps.setLong(1, row.id());
                    ps.setLong(2, row.revisionOf());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** The audit entries: IMPORTED for an inserted assessment; SUPERSEDED for a revised one and VALIDATED for one validated in place. */
    private void insertAudit(Connection c, List<Validated> rows, List<Long> ids, Batch batch, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement ps = c.prepareStatement(INSERT_AUDIT)) {
            for (int i = 0; i < rows.size(); i++) {
                Validated row = rows.get(i);
                AssessmentLifecycle.Validation v = row.validation();
                if (row.id() == null) {
                    Map<String, Object> imported = new LinkedHashMap<>();
                    imported.put("line", row.line());
                    imported.put("firmId", row.firmId());
                    imported.put("modelId", batch.modelId());
                    imported.put("modelVersion", batch.modelVersion());
                    imported.put("wave", row.wave().code());
                    imported.put("date", row.date());
                    imported.put("status", v.status());
                    imported.put("overallScore", v.report().overall());
                    imported.put("overallBand", v.report().overallBand());
                    imported.put("answers", new RawValue(row.answerDocument())); // the stored answer document as it is
                    addAudit(ps, ids.get(i), batch.user(), "IMPORTED", at, null, audit.json(imported));
                    continue;
                }
                if (row.revisionOf() != null) {
                    addAudit(ps, row.revisionOf(), batch.user(), "SUPERSEDED", at, null, audit.json(Map.of("supersededBy", row.id())));
                }
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("status", v.status());
                after.put("overallScore", v.report().overall());
                after.put("overallBand", v.report().overallBand());
                addAudit(ps, row.id(), batch.user(), "VALIDATED", at, audit.json(Map.of("status", AssessmentStatus.SUBMITTED)),
                        audit.json(after));
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
