package org.i4tracker.assessment;

import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.i4tracker.common.DomainException;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ItemScale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CSV of past assessment campaigns for one model version, one assessment per row:
 * {@code firmId,wave,date,<item code>...}. A cell holds the answer (a whole number for LIKERT_5 and
 * SCALE_0_10, yes/no or true/false for YES_NO, the option code for CHOICE), {@code N/A} for not
 * applicable, or nothing for unanswered. Imported rows become validated assessments (the importer is
 * the assessor) and publish adoptions like any validation. Each row is imported on its own: a bad row
 * is reported with its line and column and does not stop the others. Export writes the same columns
 * plus {@code assessmentId} and {@code score.*} columns, which import ignores, so an export can be
 * re-imported into an empty database.
 */
@Singleton
class AssessmentCsv {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentCsv.class);
    private static final List<String> KEY_COLUMNS = List.of("firmId", "wave", "date");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).setTrim(true).build();

    /** Outcome of one row: the assessment created, or the errors (field = CSV column). */
    @Introspected
    record RowResult(long line, Long assessmentId, List<DomainException.FieldError> errors) {
    }

    @Introspected
    record ImportReport(int imported, int failed, List<RowResult> rows) {
    }

    private final AssessmentService service;
    private final AssessmentScores scores;

    AssessmentCsv(AssessmentService service, AssessmentScores scores) {
        this.service = service;
        this.scores = scores;
    }

    ImportReport importCsv(String modelId, String version, String csv, String user) {
        AssessmentModel model = service.engine(modelId, version).model();
        Map<String, Item> items = model.itemsByCode();
        List<RowResult> rows = new ArrayList<>();
        int imported = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            checkHeader(header, items.keySet());
            for (CSVRecord record : parser) {
                RowResult result = importRow(record, header, modelId, version, items, user);
                imported += result.assessmentId() == null ? 0 : 1;
                rows.add(result);
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw DomainException.invalid("csv", "is not readable CSV: " + e.getMessage());
        }
        LOG.info("assessments imported model={}@{} imported={} failed={} by={}", modelId, version, imported, rows.size() - imported, user);
        return new ImportReport(imported, rows.size() - imported, rows);
    }

    private static void checkHeader(List<String> header, Set<String> itemCodes) {
        for (String key : KEY_COLUMNS) {
            if (!header.contains(key)) {
                throw DomainException.invalid("csv", "header must contain " + key);
            }
        }
        for (String column : header) {
            if (!KEY_COLUMNS.contains(column) && !ignored(column) && !itemCodes.contains(column)) {
                throw DomainException.invalid(column, "is neither firmId, wave, date nor an item of the model");
            }
        }
    }

    private static boolean ignored(String column) {
        return column.equals("assessmentId") || column.startsWith("score.");
    }

    private RowResult importRow(CSVRecord record, List<String> header, String modelId, String version, Map<String, Item> items,
                                String user) {
        List<String> columnOfAnswer = new ArrayList<>();
        try {
            long firmId = parseLong(record.get("firmId"), "firmId");
            LocalDate date = parseDate(record.get("date"));
            List<AssessmentRequests.AnswerInput> answers = new ArrayList<>();
            for (String column : header) {
                String cell = record.get(column);
                if (KEY_COLUMNS.contains(column) || ignored(column) || cell == null || cell.isEmpty()) {
                    continue;
                }
                boolean na = cell.equalsIgnoreCase("N/A");
                answers.add(new AssessmentRequests.AnswerInput(column, na ? null : cellValue(items.get(column).scale(), cell, column), na, null, null));
                columnOfAnswer.add(column);
            }
            long id = service.importValidated(new AssessmentRequests.Create(firmId, modelId, version, record.get("wave"), date), answers, user);
            return new RowResult(record.getRecordNumber() + 1, id, List.of());
        } catch (DomainException e) {
            List<DomainException.FieldError> errors = e.errors().isEmpty()
                    ? List.of(new DomainException.FieldError(null, e.getMessage()))
                    : e.errors().stream().map(err -> new DomainException.FieldError(column(err.field(), columnOfAnswer), err.message())).toList();
            return new RowResult(record.getRecordNumber() + 1, null, errors);
        }
    }

    /** Maps {@code answers[3].value} or {@code answers.DBS1} back to the CSV column. */
    private static String column(String field, List<String> columnOfAnswer) {
        if (field == null) {
            return null;
        }
        if (field.startsWith("answers[")) {
            int index = Integer.parseInt(field.substring(8, field.indexOf(']')));
            return columnOfAnswer.get(index);
        }
        return field.startsWith("answers.") ? field.substring(8) : field;
    }

    private static Object cellValue(ItemScale scale, String cell, String column) {
        return switch (scale.type()) {
            case LIKERT_5, SCALE_0_10 -> {
                try {
                    yield Integer.parseInt(cell);
                } catch (NumberFormatException e) {
                    throw DomainException.invalid(column, "must be a whole number (" + scale.type() + ")");
                }
            }
            case YES_NO -> switch (cell.toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> Boolean.TRUE;
                case "no", "false" -> Boolean.FALSE;
                default -> throw DomainException.invalid(column, "must be yes or no");
            };
            case CHOICE -> cell;
        };
    }

    private static long parseLong(String value, String column) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(column, "must be a whole number");
        }
    }

    private static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("date", "must be an ISO date such as 2025-03-31");
        }
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
            for (AssessmentScores.FirmScore s : scores.validatedByWave(modelId, version)) {
                Map<String, Object> answers = new HashMap<>();
                service.answerRows(s.assessmentId()).forEach(r -> answers.put(r.itemCode(), r.notApplicable() ? "N/A" : r.raw()));
                List<Object> row = new ArrayList<>(List.of(s.assessmentId(), s.firmId(), s.wave(), s.date()));
                itemCodes.forEach(c -> row.add(answers.get(c)));
                row.add(s.overall());
                model.dimensions().forEach(d -> row.add(s.dimensions().get(d.code())));
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
