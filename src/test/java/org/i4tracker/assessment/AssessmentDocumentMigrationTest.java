package org.i4tracker.assessment;

import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;
import org.i4tracker.testing.Upgrade;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Migrations V60 and V61 move answers and frozen dimension scores stored one row each (V11) into the
 * assessment's answer and score documents, and re-key evidence to assessment and item, on H2 (PostgreSQL mode, as the service runs it) and on PostgreSQL
 * (skipped with a printed reason when none is reachable): the database is migrated to V41, the last
 * migration of the release before them, filled in the V11 layout, then migrated to the end, as an upgrade
 * does, and what the service reads back is compared with what was written.
 */
class AssessmentDocumentMigrationTest {

    @Test
    void movesAnswersScoresAndEvidenceOnH2() throws SQLException {
        Upgrade.onH2("v60", AssessmentDocumentMigrationTest::check);
    }

    @Test
    void movesAnswersScoresAndEvidenceOnPostgres() throws SQLException {
        Upgrade.onPostgres(AssessmentDocumentMigrationTest::check);
    }

    private static void check(String url, String user) throws SQLException {
        Upgrade.migrate(url, user, "41");
        long withAnswers;
        long without;
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO region (code, name) VALUES ('MG1', 'Migration')");
            s.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'Tiles', '23.31' FROM region");
            s.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) SELECT id, 'MG-1', 'Tiles', '23.31', 40 FROM district");
            withAnswers = insertAssessment(s, "T0", "2023-03-01");
            without = insertAssessment(s, "T1", "2024-03-01");
            s.execute("INSERT INTO assessment_answer (assessment_id, item_code, answer_value, not_applicable, confidence, remark) VALUES "
                    + "(" + withAnswers + ", 'DR_CLOUD', '\"IN_USE\"', FALSE, 'EVIDENCED', NULL), "
                    + "(" + withAnswers + ", 'DBS1', '4', FALSE, 'SELF_DECLARED', 'said \"four\"' || CHR(10) || 'then \\ left'), "
                    + "(" + withAnswers + ", 'HC4', NULL, TRUE, 'VERIFIED_ON_SITE', NULL), "
                    + "(" + withAnswers + ", 'DBS3', 'true', FALSE, 'SELF_DECLARED', NULL)");
            s.execute("INSERT INTO assessment_evidence (answer_id, kind, ref, note, added_by, added_at) SELECT id, 'LINK', "
                    + "'https://example.org/erp', NULL, 'assessor', TIMESTAMP '2023-03-02 10:00:00' FROM assessment_answer WHERE item_code = 'DR_CLOUD'");
            s.execute("INSERT INTO assessment_evidence (answer_id, kind, ref, note, added_by, added_at) SELECT id, 'NOTE', NULL, "
                    + "'seen on site', 'assessor', TIMESTAMP '2023-03-02 11:00:00' FROM assessment_answer WHERE item_code = 'HC4'");
            // frozen scores in insertion (model) order, the second dimension without an applicable answer
            s.execute("INSERT INTO assessment_score (assessment_id, dimension_code, score, band) VALUES (" + withAnswers
                    + ", 'DIGITAL_BUSINESS_STRATEGY', 62.5, 'MODERATELY_ADVANCED')");
            s.execute("INSERT INTO assessment_score (assessment_id, dimension_code, score, band) VALUES (" + withAnswers
                    + ", 'DIGITAL_READINESS', NULL, NULL)");
            s.execute("INSERT INTO assessment_score (assessment_id, dimension_code, score, band) VALUES (" + withAnswers
                    + ", 'AUTOMATION_AI', 12.5, 'BASIC')");
        }

        Upgrade.migrate(url, user, null);

        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            assertEquals(List.of(
                    new StoredAnswer("DBS1", new AnswerValue.Points(4), Confidence.SELF_DECLARED, "said \"four\"\nthen \\ left"),
                    new StoredAnswer("DBS3", new AnswerValue.YesNo(true), Confidence.SELF_DECLARED, null),
                    new StoredAnswer("DR_CLOUD", new AnswerValue.Option("IN_USE"), Confidence.EVIDENCED, null),
                    new StoredAnswer("HC4", AnswerValue.NOT_APPLICABLE, Confidence.VERIFIED_ON_SITE, null)), answers(s, withAnswers));
            assertEquals(List.of(), answers(s, without));

            List<String> evidence = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, assessment_id, item_code, kind FROM assessment_evidence ORDER BY id")) {
                while (rs.next()) {
                    evidence.add(rs.getLong(1) + " " + (rs.getLong(2) == withAnswers) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            assertEquals(List.of("1 true DR_CLOUD LINK", "2 true HC4 NOTE"), evidence, "evidence keeps its ids, now keyed by assessment and item");
            s.execute("INSERT INTO assessment_evidence (assessment_id, item_code, kind, note, added_by, added_at) VALUES ("
                    + withAnswers + ", 'DBS1', 'NOTE', 'later', 'assessor', CURRENT_TIMESTAMP)");
            try (ResultSet rs = s.executeQuery("SELECT MAX(id) FROM assessment_evidence")) {
                rs.next();
                assertEquals(3, rs.getLong(1), "the identity continues after the copied ids");
            }
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT COUNT(*) FROM assessment_answer"), "the answer table is gone");

            assertEquals(List.of(new FrozenScore("DIGITAL_BUSINESS_STRATEGY", 62.5, "MODERATELY_ADVANCED"),
                    new FrozenScore("DIGITAL_READINESS", null, null), new FrozenScore("AUTOMATION_AI", 12.5, "BASIC")), scores(s, withAnswers));
            assertEquals(List.of(), scores(s, without), "no frozen scores: the document stays null");
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT COUNT(*) FROM assessment_score"), "the score table is gone");
        }
    }

    private static long insertAssessment(Statement s, String wave, String date) throws SQLException {
        s.execute("INSERT INTO assessment (firm_id, model_id, model_version, wave, wave_number, assessed_on, status, created_by, created_at) "
                + "SELECT id, 'digital-maturity', '1.0.0', '" + wave + "', " + wave.substring(1) + ", DATE '" + date + "', 'DRAFT', 'assessor', "
                + "CURRENT_TIMESTAMP FROM firm");
        try (ResultSet rs = s.executeQuery("SELECT MAX(id) FROM assessment")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<FrozenScore> scores(Statement s, long assessment) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT score_document FROM assessment WHERE id = " + assessment)) {
            rs.next();
            return FrozenScore.fromDocument(rs.getString(1));
        }
    }

    private static List<StoredAnswer> answers(Statement s, long assessment) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT answer_document FROM assessment WHERE id = " + assessment)) {
            rs.next();
            return StoredAnswer.fromDocument(rs.getString(1));
        }
    }
}
