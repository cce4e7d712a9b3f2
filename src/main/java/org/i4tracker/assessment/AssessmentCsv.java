package org.i4tracker.assessment;

import jakarta.inject.Singleton;
import org.i4tracker.common.CsvTable;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV export of a model version's current validated assessments, one per row: {@code assessmentId,firmId,wave,date,
 * <item code>...,score.overall,score.<dimension>...}; answers as {@link AssessmentImport} reads them (N/A for not
 * applicable), so an export can be re-imported into an empty database (import ignores the id and score columns).
 */
@Singleton
class AssessmentCsv {

    private final AssessmentService service;
    private final AssessmentRepository assessments;

    AssessmentCsv(AssessmentService service, AssessmentRepository assessments) {
        this.service = service;
        this.assessments = assessments;
    }

    /** Current validated assessments of a model version as CSV. */
    String export(String modelId, String version) {
        return write(service.engine(modelId, version).model(), assessments.findValidated(modelId, version));
    }

    /** The given assessments of {@code model}, one per row in the order given. */
    String write(AssessmentModel model, List<Assessment> validated) {
        List<String> itemCodes = model.dimensions().stream().flatMap(d -> d.items().stream()).map(Item::code).toList();
        List<String> header = new ArrayList<>(List.of("assessmentId", "firmId", "wave", "date"));
        header.addAll(itemCodes);
        header.add("score.overall");
        model.dimensions().stream().map(Dimension::code).forEach(c -> header.add("score." + c));
        // the rows carry their answer and score documents: one query for the whole export
        List<List<Object>> rows = new ArrayList<>();
        for (Assessment a : validated) {
            Map<String, Object> answers = new HashMap<>();
            a.answers().forEach(r -> answers.put(r.itemCode(), r.notApplicable() ? "N/A" : r.raw()));
            Map<String, Double> dimensions = new HashMap<>();
            a.frozenScores().forEach(f -> dimensions.put(f.dimension(), f.score()));
            List<Object> row = new ArrayList<>(List.of(a.id(), a.firmId(), a.wave(), a.assessedOn()));
            itemCodes.forEach(c -> row.add(answers.get(c)));
            row.add(a.overallScore());
            model.dimensions().forEach(d -> row.add(dimensions.get(d.code())));
            rows.add(row);
        }
        return CsvTable.write(header, rows);
    }
}
