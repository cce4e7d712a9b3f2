package org.i4tracker.assessment;

import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
        AssessmentModel model = service.engine(modelId, version).model();
        List<String> itemCodes = model.dimensions().stream().flatMap(d -> d.items().stream()).map(Item::code).toList();
        List<String> header = new ArrayList<>(List.of("assessmentId", "firmId", "wave", "date"));
        header.addAll(itemCodes);
        header.add("score.overall");
        model.dimensions().stream().map(Dimension::code).forEach(c -> header.add("score." + c));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(new String[0])).build())) {
            // the rows carry their answer and score documents: one query for the whole export
            for (Assessment a : assessments.findValidated(modelId, version)) {
                Map<String, Object> answers = new HashMap<>();
                a.answers().forEach(r -> answers.put(r.itemCode(), r.notApplicable() ? "N/A" : r.raw()));
                Map<String, Double> dimensions = new HashMap<>();
                a.frozenScores().forEach(f -> dimensions.put(f.dimension(), f.score()));
                List<Object> row = new ArrayList<>(List.of(a.id(), a.firmId(), a.wave(), a.assessedOn()));
                itemCodes.forEach(c -> row.add(answers.get(c)));
                row.add(a.overallScore());
                model.dimensions().forEach(d -> row.add(dimensions.get(d.code())));
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
