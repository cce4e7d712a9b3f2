package db.migration;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.i4tracker.common.JsonLimits;

/**
 * For the Java migrations that fold child rows into a JSON document in the assessment's row: reads rows
 * ordered by assessment id (first column), turns each into one element, and writes each assessment's
 * elements, in row order, as a JSON array with {@code UPDATE assessment SET <column> = ? WHERE id = ?},
 * in JDBC batches. Assessments without rows are left as they are.
 */
final class PerAssessmentDocuments {

    interface Element {
        Map<String, Object> of(ResultSet row) throws SQLException;
    }

    private static final ObjectMapper JSON = JsonLimits.objectMapper();
    private static final int BATCH = 500;

    private PerAssessmentDocuments() {
    }

    static void fold(Connection c, String selectOrderedByAssessment, Element element, String column) throws Exception {
        try (Statement read = c.createStatement();
             ResultSet rs = read.executeQuery(selectOrderedByAssessment);
             PreparedStatement update = c.prepareStatement("UPDATE assessment SET " + column + " = ? WHERE id = ?")) {
            long current = -1;
            List<Map<String, Object>> document = new ArrayList<>();
            int pending = 0;
            while (rs.next()) {
                long id = rs.getLong(1);
                if (id != current && current != -1) {
                    pending = add(update, current, document, pending);
                    document = new ArrayList<>();
                }
                current = id;
                document.add(element.of(rs));
            }
            if (current != -1) {
                add(update, current, document, pending);
            }
            update.executeBatch();
        }
    }

    private static int add(PreparedStatement update, long id, List<Map<String, Object>> document, int pending) throws Exception {
        update.setString(1, JSON.writeValueAsString(document));
        update.setLong(2, id);
        update.addBatch();
        if (++pending == BATCH) {
            update.executeBatch();
            return 0;
        }
        return pending;
    }
}
