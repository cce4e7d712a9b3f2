package org.i4tracker.assessment;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmService;
import org.i4tracker.common.Check;
import org.i4tracker.common.Chunks;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.job.CsvImports;
import org.i4tracker.job.JobProgress;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ItemScale;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.model.ScoringEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;

/**
 * Imports a past assessment campaign (CSV, one assessment per row: {@code firmId,wave,date,<item code>...})
 * as validated assessments, the importer being the assessor. A cell holds the answer (a whole number for
 * LIKERT_5 and SCALE_0_10, yes/no or true/false for YES_NO, the option code for CHOICE), {@code N/A}, or
 * nothing for unanswered; {@code assessmentId} and {@code score.*} columns of an export are ignored.
 * <p>
 * The rows go through the {@link CsvImports} pipeline. A row is checked in memory with the rules of
 * {@link AssessmentLifecycle}, in the order and with the error fields of draft → answers → submit → validate
 * (firm exists and is in the importer's scope, wave format and order against the firm's stored assessments <em>and</em> the rows before it,
 * answers inside their scales, N/A only where allowed, required items answered) and validated by it; the
 * valid rows are stored by {@link ValidatedAssessmentWriter}, the write path of a validation through the API,
 * in batches of {@code i4.assessments.import.batch-size} (default 500) per transaction.
 * Non-atomic imports write while the next rows are still being checked, with {@code i4.assessments.import.writers}
 * threads over disjoint sets of firms; its default, 0, means 1 on H2 (H2's MVStore writers contend on the same
 * B-tree pages, so a second writer does not help) and 2 on a database server such as PostgreSQL, which writes in
 * parallel. A row of a failed batch is written alone after its firm and wave are checked again against the stored
 * assessments. Atomic: everything in one transaction, nothing written if any row fails or the job is cancelled.
 */
@Singleton
class AssessmentImport {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentImport.class);
    static final int MAX_ROWS = 200_000;
    static final List<String> KEY_COLUMNS = List.of("firmId", "wave", "date");
    private static final int FIRM_QUERY_CHUNK = 1000;

    private final AssessmentService service;
    private final AssessmentRepository assessments;
    private final ValidatedAssessmentWriter writer;
    private final FirmService firms;
    private final ModelRegistry models;
    private final CsvImports imports;
    private final TransactionOperations<Connection> transactions;
    private final int batchSize;
    private final int configuredWriters;
    private volatile int writers;

    AssessmentImport(AssessmentService service, AssessmentRepository assessments, ValidatedAssessmentWriter writer, FirmService firms,
                     ModelRegistry models, CsvImports imports, TransactionOperations<Connection> transactions,
                     AssessmentImportSettings settings) {
        this.service = service;
        this.assessments = assessments;
        this.writer = writer;
        this.firms = firms;
        this.models = models;
        this.imports = imports;
        this.transactions = transactions;
        this.batchSize = settings.batchSize();
        this.configuredWriters = settings.writers();
    }

    /** The columns a CSV of this model may have: the key columns, the item codes and the export's extra columns. */
    static Set<String> knownColumns(AssessmentModel model) {
        Set<String> known = new LinkedHashSet<>(KEY_COLUMNS);
        model.dimensions().forEach(d -> d.items().forEach(i -> known.add(i.code())));
        known.add("assessmentId");
        known.add("score.overall");
        model.dimensions().stream().map(Dimension::code).forEach(c -> known.add("score." + c));
        return known;
    }

    static boolean ignored(String column) {
        return column.equals("assessmentId") || column.startsWith("score.");
    }

    /**
     * Imports the rows as validated assessments by {@code user}. A row whose firm does not exist or is not one of
     * {@code writable} (the importer's scope, read when the import was asked for: the job runs without a current user)
     * is refused with the same words, "firm N does not exist", so that the report tells nothing about firms outside it.
     */
    ImportReport run(String modelId, String version, CsvTable table, boolean atomic, String user, LongPredicate writable, JobProgress progress) {
        ScoringEngine engine = service.engine(modelId, version);
        ValidatedAssessmentWriter.Batch batch = service.batch(modelId, version, engine, user);
        int threads = atomic ? 0 : writers();
        ImportReport report = imports.run(table, atomic, progress, new CsvImports.Options(batchSize, threads),
                new Rows(engine, batch, table.rows(), writable));
        LOG.info("assessments imported model={}@{} rows={} written={} errors={} atomic={} cancelled={} writers={} by={}", modelId, version,
                report.rows(), report.written(), report.errors().size() + report.errorsNotListed(), atomic, report.cancelled(), Math.max(1, threads), user);
        return report;
    }

    /** The checks and writes of one import's rows. */
    private final class Rows implements CsvImports.RowImport<ValidatedAssessmentWriter.Validated> {
        private final ScoringEngine engine;
        private final AssessmentLifecycle lifecycle;
        private final ValidatedAssessmentWriter.Batch batch;
        private final Map<String, Item> items;
        private final List<String> itemColumns;
        private final Set<Long> existingFirms;
        private final Map<Long, List<AssessmentLifecycle.WaveSlot>> current;

        Rows(ScoringEngine engine, ValidatedAssessmentWriter.Batch batch, List<CsvTable.Row> rows, LongPredicate writable) {
            this.engine = engine;
            this.lifecycle = new AssessmentLifecycle(engine);
            this.batch = batch;
            this.items = engine.model().itemsByCode();
            List<Long> firmIds = firmIdsIn(rows);
            // a firm outside the importer's scope is one that does not exist, and its stored waves are never read
            List<Long> inScope = firmIds.stream().filter(writable::test).toList();
            this.existingFirms = firms.existing(inScope);
            this.current = currentAssessments(batch.modelId(), inScope);
            List<String> header = rows.isEmpty() ? List.of() : rows.get(0).record().getParser().getHeaderNames();
            this.itemColumns = header.stream().filter(c -> !KEY_COLUMNS.contains(c) && !ignored(c)).toList();
        }

        /** The checks of the lifecycle, in its order; error fields are CSV columns. The row's wave then counts for the rows after it. */
        @Override
        public ValidatedAssessmentWriter.Validated check(CsvTable.Row row) {
            long firmId = parseLong(row.get("firmId"), "firmId");
            LocalDate date = parseDate(row.get("date"));
            Map<String, Object> values = new LinkedHashMap<>();
            Set<String> notApplicable = new LinkedHashSet<>();
            for (String column : itemColumns) {
                String cell = row.get(column);
                if (cell != null) {
                    boolean na = cell.equalsIgnoreCase("N/A");
                    values.put(column, na ? null : cellValue(items.get(column).scale(), cell, column));
                    if (na) {
                        notApplicable.add(column);
                    }
                }
            }
            Wave wave = Wave.of(row.get("wave"), "wave");
            if (!existingFirms.contains(firmId)) {
                throw DomainException.invalid("firmId", "firm " + firmId + " does not exist");
            }
            AssessmentLifecycle.checkWave(firmId, batch.modelId(), wave, date, current.getOrDefault(firmId, List.of()));
            Map<String, Answer> given = new LinkedHashMap<>();
            List<StoredAnswer> answers = new ArrayList<>(values.size());
            values.forEach((column, raw) -> {
                AnswerValue value = AssessmentLifecycle.answerValue(items.get(column), notApplicable.contains(column), raw, column, column);
                Answer answer = new Answer(column, value, null);
                given.put(column, answer);
                answers.add(StoredAnswer.of(answer, null));
            });
            AssessmentLifecycle.Validation validation = lifecycle.validateImported(given, UnaryOperator.identity());
            current.computeIfAbsent(firmId, k -> new ArrayList<>())
                    .add(new AssessmentLifecycle.WaveSlot(wave.code(), wave.number(), date, "line " + row.line() + " of this import"));
            return ValidatedAssessmentWriter.Validated.imported(row.line(), firmId, wave, date, validation, StoredAnswer.document(answers));
        }

        @Override
        public void write(List<ValidatedAssessmentWriter.Validated> rows) {
            writer.write(rows, batch);
        }

        /** A row of a failed batch: its firm and wave are checked again against the stored assessments first. */
        @Override
        public void writeAlone(ValidatedAssessmentWriter.Validated row) {
            service.requireFirm(row.firmId(), "firmId");
            service.checkWave(row.firmId(), batch.modelId(), row.wave(), row.date());
            writer.write(List.of(row), batch);
        }

        @Override
        public long partitionKey(ValidatedAssessmentWriter.Validated row) {
            return row.firmId();
        }

        @Override
        public void beforeFirstWrite() {
            models.markInUse(batch.modelId(), batch.modelVersion());
        }
    }

    /** The distinct firm ids the file names (unreadable ones are reported by the row check). */
    private static List<Long> firmIdsIn(List<CsvTable.Row> rows) {
        Set<Long> firmIds = new LinkedHashSet<>();
        for (CsvTable.Row row : rows) {
            try {
                firmIds.add(Long.parseLong(String.valueOf(row.get("firmId"))));
            } catch (NumberFormatException e) {
                // reported by the row check
            }
        }
        return new ArrayList<>(firmIds);
    }

    /** The stored current assessments of the model for the firms named in the file, a few queries for all of them. */
    private Map<Long, List<AssessmentLifecycle.WaveSlot>> currentAssessments(String modelId, List<Long> ids) {
        Map<Long, List<AssessmentLifecycle.WaveSlot>> byFirm = new HashMap<>();
        for (List<Long> chunk : Chunks.of(ids, FIRM_QUERY_CHUNK)) {
            assessments.findByModelIdAndSupersededByIsNullAndFirmIdIn(modelId, chunk)
                    .forEach(a -> byFirm.computeIfAbsent(a.firmId(), k -> new ArrayList<>()).add(a.waveSlot()));
        }
        return byFirm;
    }

    static Object cellValue(ItemScale scale, String cell, String column) {
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
            if (value != null) {
                return Check.date(LocalDate.parse(value), "date");
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw DomainException.invalid("date", "must be an ISO date such as 2025-03-31");
    }

    /** The configured number of writer threads, or the database's default (see the class comment). */
    private int writers() {
        if (writers == 0) {
            writers = configuredWriters > 0 ? configuredWriters : transactions.executeRead(status -> {
                try {
                    return status.getConnection().getMetaData().getDatabaseProductName().equalsIgnoreCase("H2") ? 1 : 2;
                } catch (java.sql.SQLException e) {
                    return 1;
                }
            });
        }
        return writers;
    }
}
