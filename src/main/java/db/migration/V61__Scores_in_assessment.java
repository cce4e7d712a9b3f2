package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves the dimension scores frozen at validation from one row per dimension ({@code assessment_score})
 * into one JSON document in the assessment's row ({@code assessment.score_document}, null until validated;
 * format in {@code org.i4tracker.assessment.FrozenScore}, written here as it was when this migration was
 * made), in the order they were stored (the model's). A Java migration for the reason given in V60.
 */
public class V61__Scores_in_assessment extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE assessment ADD COLUMN score_document VARCHAR(100000)");
        }
        PerAssessmentDocuments.fold(c, "SELECT assessment_id, dimension_code, score, band FROM assessment_score ORDER BY assessment_id, id", rs -> {
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("dimension", rs.getString(2));
            double value = rs.getDouble(3);
            score.put("score", rs.wasNull() ? null : value);
            score.put("band", rs.getString(4));
            return score;
        }, "score_document");
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE assessment_score");
        }
    }
}
