package org.i4tracker.assessment;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmService;
import org.i4tracker.common.Chunks;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.job.JobProgress;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ItemScale;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.model.ScoreReport;
import org.i4tracker.model.ScoringEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Imports a past assessment campaign (CSV, one assessment per row: {@code firmId,wave,date,<item code>...})
 * as validated assessments, the importer being the assessor. A cell holds the answer (a whole number for
 * LIKERT_5 and SCALE_0_10, yes/no or true/false for YES_NO, the option code for CHOICE), {@code N/A}, or
 * nothing for unanswered; {@code assessmentId} and {@code score.*} columns of an export are ignored.
 * <p>
 * Fast path: every row is checked and scored in memory with the same rules, in the same order and
 * with the same error fields as draft → answers → submit → validate (firm exists, wave format and order
 * against the firm's stored assessments <em>and</em> the rows before it, answers inside their scales, N/A
 * only where allowed, required items answered). The valid rows are written with JDBC batch inserts,
 * {@code i4.assessments.import.batch-size} (default 500) assessments per transaction, while the next rows are
 * still being checked (non-atomic imports: checking and writing run on separate threads, so on separate
 * cores where there are two), by
 * {@link AssessmentBatchWriter}, which stores what a validated assessment of the lifecycle holds (assessment,
 * answers, dimension scores, adoptions) with one {@code IMPORTED} audit entry. Non-atomic imports write with
 * {@code i4.assessments.import.writers} threads over disjoint sets of firms. Its default, 0, means 1 on H2
 * (H2's MVStore writers contend on the same B-tree pages, so a second writer does not help) and 2 on a
 * database server such as PostgreSQL, which writes in parallel (import rates: docs/performance.md).
 * <p>
 * Non-atomic: a batch that fails to write is rolled back and its rows are written again one by one, each
 * in its own transaction after its firm and wave are checked again against the stored assessments, so that
 * the report names the row at fault. Atomic: everything in one transaction, nothing
 * written if any row fails or the job is cancelled.
 */
@Singleton
class AssessmentImport {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentImport.class);
    static final int MAX_ROWS = 200_000;
    static final List<String> KEY_COLUMNS = List.of("firmId", "wave", "date");
    private static final int FIRM_QUERY_CHUNK = 1000;

    /**
     * A row that passed every check, scored, ready to be written: its answer and score documents are
     * prepared here, on the checking thread, so that the writers only write.
     */
    record ValidRow(long line, long firmId, Wave wave, LocalDate date, ScoreReport report, Map<String, String> inUse,
                    String answerDocument, String scoreDocument) {
    }

    private final AssessmentService service;
    private final AssessmentRepository assessments;
    private final AssessmentBatchWriter writer;
    private final FirmService firms;
    private final ModelRegistry models;
    private final TransactionOperations<Connection> transactions;
    private final int batchSize;
    private final int configuredWriters;
    private volatile int writers;

    AssessmentImport(AssessmentService service, AssessmentRepository assessments, AssessmentBatchWriter writer, FirmService firms,
                     ModelRegistry models, TransactionOperations<Connection> transactions,
                     @Value("${i4.assessments.import.batch-size:500}") int batchSize,
                     @Value("${i4.assessments.import.writers:0}") int writers) {
        this.service = service;
        this.assessments = assessments;
        this.writer = writer;
        this.firms = firms;
        this.models = models;
        this.transactions = transactions;
        this.batchSize = Math.max(1, batchSize);
        this.configuredWriters = Math.max(0, writers);
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

    ImportReport run(String modelId, String version, CsvTable table, boolean atomic, String user, JobProgress progress) {
        ScoringEngine engine = service.engine(modelId, version);
        List<CsvTable.Row> rows = table.rows();
        progress.total(2L * rows.size());
        Map<String, Boolean> catalogue = new ConcurrentHashMap<>(); // shared by the writer threads
        AssessmentBatchWriter.Batch batch = new AssessmentBatchWriter.Batch(modelId, version, engine.model(), user,
                code -> catalogue.computeIfAbsent(code, service::inCatalogue));
        ImportReport report = atomic ? importAtomic(engine, rows, batch, progress) : importInBatches(engine, rows, batch, progress);
        LOG.info("assessments imported model={}@{} rows={} written={} errors={} atomic={} cancelled={} writers={} by={}", modelId, version,
                report.rows(), report.written(), report.errors().size(), atomic, report.cancelled(), atomic ? 1 : writers(), user);
        return report;
    }

    // ---- checks (in memory) ----

    /**
     * Checks and scores every row in order, handing each valid one to {@code sink} and reporting the others
     * in {@code errors}; false when the job was cancelled meanwhile.
     */
    private boolean check(String modelId, String version, ScoringEngine engine, List<CsvTable.Row> rows,
                          List<ImportReport.RowError> errors, JobProgress progress, Consumer<ValidRow> sink) {
        Map<String, Item> items = engine.model().itemsByCode();
        List<Long> firmIds = firmIdsIn(rows);
        Set<Long> existingFirms = firms.existing(firmIds);
        Map<Long, List<AssessmentService.WaveSlot>> current = currentAssessments(modelId, firmIds);
        List<String> header = rows.isEmpty() ? List.of() : rows.get(0).record().getParser().getHeaderNames();
        List<String> itemColumns = header.stream().filter(c -> !KEY_COLUMNS.contains(c) && !ignored(c)).toList();
        for (int r = 0; r < rows.size(); r++) {
            if (r % batchSize == 0 && progress.cancelled()) {
                return false;
            }
            CsvTable.Row row = rows.get(r);
            try {
                ValidRow ok = checkRow(row, modelId, version, engine, items, itemColumns, current, existingFirms);
                sink.accept(ok);
                current.computeIfAbsent(ok.firmId(), k -> new ArrayList<>()).add(new AssessmentService.WaveSlot(ok.wave().code(),
                        ok.wave().number(), ok.date(), "line " + ok.line() + " of this import"));
            } catch (DomainException e) {
                addErrors(errors, row.line(), e);
            }
            progress.advance(1);
        }
        return true;
    }

    /** The same checks as the lifecycle, in its order; error fields are CSV columns. */
    private ValidRow checkRow(CsvTable.Row row, String modelId, String version, ScoringEngine engine, Map<String, Item> items,
                              List<String> itemColumns, Map<Long, List<AssessmentService.WaveSlot>> current,
                              Set<Long> existingFirms) {
        long firmId = parseLong(row.get("firmId"), "firmId");
        LocalDate date = parseDate(row.get("date"));
        List<AssessmentRequests.AnswerInput> inputs = new ArrayList<>();
        for (String column : itemColumns) {
            String cell = row.get(column);
            if (cell != null) {
                boolean na = cell.equalsIgnoreCase("N/A");
                inputs.add(new AssessmentRequests.AnswerInput(column, na ? null : cellValue(items.get(column).scale(), cell, column), na, null, null));
            }
        }
        Wave wave = Wave.of(row.get("wave"), "wave");
        if (!existingFirms.contains(firmId)) {
            throw DomainException.invalid("firmId", "firm " + firmId + " does not exist");
        }
        AssessmentService.checkWave(firmId, modelId, wave, date, current.getOrDefault(firmId, List.of()));
        Map<String, Answer> given = new LinkedHashMap<>();
        List<StoredAnswer> answers = new ArrayList<>(inputs.size());
        for (AssessmentRequests.AnswerInput in : inputs) {
            Item item = items.get(in.item());
            AnswerValue value;
            if (in.isNotApplicable()) {
                if (!item.naAllowed()) {
                    throw DomainException.invalid(in.item(), "item " + in.item() + " does not allow N/A");
                }
                value = AnswerValue.NOT_APPLICABLE;
            } else {
                value = item.scale().read(in.value(), in.item());
            }
            Answer answer = new Answer(in.item(), value, null);
            given.put(in.item(), answer);
            answers.add(StoredAnswer.of(answer, null));
        }
        List<DomainException.FieldError> missing = new ArrayList<>();
        engine.model().dimensions().forEach(d -> d.items().stream()
                .filter(i -> i.required() && !given.containsKey(i.code()))
                .forEach(i -> missing.add(new DomainException.FieldError(i.code(), "required item is not answered"))));
        if (!missing.isEmpty()) {
            throw DomainException.unprocessable(missing.size() + " required items are not answered", missing);
        }
        ScoreReport report = engine.score(given);
        return new ValidRow(row.line(), firmId, wave, date, report, engine.technologiesInUse(given), StoredAnswer.document(answers),
                FrozenScore.document(FrozenScore.of(report)));
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
    private Map<Long, List<AssessmentService.WaveSlot>> currentAssessments(String modelId, List<Long> ids) {
        Map<Long, List<AssessmentService.WaveSlot>> byFirm = new HashMap<>();
        for (List<Long> chunk : Chunks.of(ids, FIRM_QUERY_CHUNK)) {
            assessments.findByModelIdAndSupersededByIsNullAndFirmIdIn(modelId, chunk)
                    .forEach(a -> byFirm.computeIfAbsent(a.firmId(), k -> new ArrayList<>()).add(AssessmentService.WaveSlot.of(a)));
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
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw DomainException.invalid("date", "must be an ISO date such as 2025-03-31");
    }

    // ---- writes ----

    /** Checks every row, then writes all of them in one transaction: nothing when any row fails or the job is cancelled. */
    private ImportReport importAtomic(ScoringEngine engine, List<CsvTable.Row> rows, AssessmentBatchWriter.Batch batch,
                                      JobProgress progress) {
        List<ImportReport.RowError> errors = new ArrayList<>();
        List<ValidRow> valid = new ArrayList<>();
        if (!check(batch.modelId(), batch.modelVersion(), engine, rows, errors, progress, valid::add)) {
            return new ImportReport(rows.size(), 0, true, true, errors);
        }
        if (!errors.isEmpty()) {
            return new ImportReport(rows.size(), 0, true, false, errors);
        }
        if (!valid.isEmpty()) {
            models.markInUse(batch.modelId(), batch.modelVersion());
        }
        boolean[] cancelled = {false};
        transactions.executeWrite(status -> {
            for (List<ValidRow> chunk : Chunks.of(valid, batchSize)) {
                if (progress.cancelled()) {
                    cancelled[0] = true;
                    status.setRollbackOnly();
                    return null;
                }
                writer.write(status.getConnection(), chunk, batch);
                progress.advance(chunk.size());
            }
            return null;
        });
        return new ImportReport(rows.size(), cancelled[0] ? 0 : valid.size(), true, cancelled[0], errors);
    }

    /**
     * Non-atomic import, checking and writing at the same time: this thread checks the rows in file order and
     * splits the valid ones by firm into {@code writers} partitions (all rows of a firm in one partition, in file
     * order, so that waves and adoptions of a firm never meet in two transactions); each partition's writer
     * thread writes the batches of {@code batch-size} rows it is handed, one transaction each. At most
     * {@value #QUEUED_BATCHES} batches wait per writer, so a slow database holds the checking back.
     */
    private ImportReport importInBatches(ScoringEngine engine, List<CsvTable.Row> rows, AssessmentBatchWriter.Batch batch,
                                         JobProgress progress) {
        int writers = writers();
        ExecutorService pool = Executors.newFixedThreadPool(writers, runnable -> {
            Thread thread = new Thread(runnable, "assessment-import-writer");
            thread.setDaemon(true);
            return thread;
        });
        List<Partition> partitions = new ArrayList<>();
        try {
            for (int p = 0; p < writers; p++) {
                BlockingQueue<List<ValidRow>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
                partitions.add(new Partition(queue, pool.submit(() -> writePartition(queue, batch, progress)), new ArrayList<>()));
            }
            List<ImportReport.RowError> errors = new ArrayList<>();
            boolean[] inUse = {false};
            boolean completed;
            try {
                completed = check(batch.modelId(), batch.modelVersion(), engine, rows, errors, progress, row -> {
                    if (!inUse[0]) {
                        models.markInUse(batch.modelId(), batch.modelVersion());
                        inUse[0] = true;
                    }
                    Partition partition = partitions.get(Math.floorMod(Long.hashCode(row.firmId()), writers));
                    partition.pending().add(row);
                    if (partition.pending().size() == batchSize) {
                        partition.hand(new ArrayList<>(partition.pending()));
                        partition.pending().clear();
                    }
                });
                if (completed) {
                    partitions.stream().filter(p -> !p.pending().isEmpty()).forEach(p -> p.hand(new ArrayList<>(p.pending())));
                }
            } finally {
                partitions.forEach(p -> p.hand(END));
            }
            int written = 0;
            boolean cancelled = !completed;
            for (Partition partition : partitions) {
                PartitionResult result = join(partition.writer());
                written += result.written();
                cancelled |= result.cancelled();
                errors.addAll(result.errors());
            }
            sort(errors);
            return new ImportReport(rows.size(), written, false, cancelled, errors);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Marks the end of a partition's batches (compared by identity). */
    private static final List<ValidRow> END = Collections.unmodifiableList(new ArrayList<>());
    private static final int QUEUED_BATCHES = 4;

    /** One writer's queue of batches, its running write, and the rows of its next batch. */
    private record Partition(BlockingQueue<List<ValidRow>> queue, Future<PartitionResult> writer, List<ValidRow> pending) {

        /** Queues a batch, waiting while the queue is full; gives up when the writer has stopped (its failure is reported by join). */
        void hand(List<ValidRow> batch) {
            try {
                while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    if (writer.isDone()) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing rows to the import writers", e);
            }
        }
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

    private record PartitionResult(int written, boolean cancelled, List<ImportReport.RowError> errors) {
    }

    private static PartitionResult join(Future<PartitionResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the import writers", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("an import writer failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Writes the batches of one partition as they come, until {@link #END}; a batch that fails is rolled back
     * and its rows are written one by one. Once the job is cancelled, the rest is taken and left unwritten.
     */
    private PartitionResult writePartition(BlockingQueue<List<ValidRow>> queue, AssessmentBatchWriter.Batch batch, JobProgress progress)
            throws InterruptedException {
        List<ImportReport.RowError> errors = new ArrayList<>();
        int written = 0;
        boolean cancelled = false;
        for (List<ValidRow> next = queue.take(); next != END; next = queue.take()) {
            List<ValidRow> chunk = next;
            if (cancelled || (cancelled = progress.cancelled())) {
                continue;
            }
            try {
                transactions.executeWrite(status -> {
                    writer.write(status.getConnection(), chunk, batch);
                    return null;
                });
                written += chunk.size();
            } catch (RuntimeException e) {
                LOG.warn("assessment import batch of lines {}..{} failed, importing its rows one by one: {}", chunk.get(0).line(),
                        chunk.get(chunk.size() - 1).line(), e.toString());
                for (ValidRow row : chunk) {
                    if (writeAlone(row, batch, errors)) {
                        written++;
                    }
                }
            }
            progress.advance(chunk.size());
        }
        return new PartitionResult(written, cancelled, errors);
    }

    /**
     * Writes one row of a failed batch in its own transaction, after checking again, against the stored
     * assessments, what may have changed since the in-memory check (the firm still exists, the wave still fits).
     * A row that fails is reported with the field at fault, or with the database's message; false then.
     */
    private boolean writeAlone(ValidRow row, AssessmentBatchWriter.Batch batch, List<ImportReport.RowError> errors) {
        try {
            transactions.executeWrite(status -> {
                service.requireFirm(row.firmId(), "firmId");
                service.checkWave(row.firmId(), batch.modelId(), row.wave(), row.date());
                writer.write(status.getConnection(), List.of(row), batch);
                return null;
            });
            return true;
        } catch (DomainException e) {
            addErrors(errors, row.line(), e);
        } catch (RuntimeException e) {
            LOG.warn("assessment import line {} could not be stored: {}", row.line(), e.toString());
            errors.add(new ImportReport.RowError(row.line(), null, "could not be stored: " + e.getMessage()));
        }
        return false;
    }

    private static void sort(List<ImportReport.RowError> errors) {
        errors.sort((a, b) -> Long.compare(a.line(), b.line()));
    }

    /** The row's errors; the checks name CSV columns as fields. */
    private static void addErrors(List<ImportReport.RowError> errors, long line, DomainException e) {
        errors.addAll(ImportReport.RowError.of(line, e, UnaryOperator.identity()));
    }
}
