package org.i4tracker.job;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.common.Chunks;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.storage.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one check-then-write pipeline of every CSV import (firms, links, adoptions, employment statistics,
 * assessments). The document is read by {@link CsvTable} (Apache Commons CSV, strict header, row limit);
 * a feature says only how a row is checked and how checked rows are written ({@link RowImport}).
 * <ol>
 *   <li><b>Check</b>: every row, in file order on the job's thread, is parsed and checked against stored data
 *   and the rows before it; a rejected row is reported by line and field (its {@link DomainException}).</li>
 *   <li><b>Write</b>, in batches of {@link Options#batchSize()} rows, one transaction each.
 *   Non-atomic: a batch that fails is rolled back and its rows are written again one by one, each in its
 *   own transaction ({@link RowImport#writeAlone}), so that the report names the row at fault (its field,
 *   or "could not be stored" and the database's message; a database that cannot be reached fails the job
 *   instead). Atomic: every row is checked first; when one
 *   fails nothing is written, otherwise all batches go in one transaction, rolled back if the job is
 *   cancelled or a row fails to write.</li>
 *   <li><b>Writers</b>: with {@link Options#writers()} = 0 the batches are written on the job's thread once
 *   every row is checked. With n &gt; 0 (non-atomic only) n writer threads write while the next rows are
 *   still being checked; the rows are split by {@link RowImport#partitionKey} (all rows of one key go to one
 *   writer, in file order), and at most {@value #QUEUED_BATCHES} batches wait per writer, so a slow
 *   database holds the checking back.</li>
 *   <li><b>Progress</b> counts a check pass and a write pass over the rows (2 × rows);
 *   <b>cancellation</b> is looked at once per batch of checked rows and before each batch is written: a
 *   cancelled import returns what it had written (non-atomic) or nothing (atomic).</li>
 * </ol>
 */
@Singleton
public class CsvImports {

    private static final Logger LOG = LoggerFactory.getLogger(CsvImports.class);
    private static final int QUEUED_BATCHES = 4;
    /** Options of the imports whose rows are written one call each (firms, links, adoptions). */
    private static final Options ONE_BY_ONE_OPTIONS = new Options(100, 0);

    /**
     * How the rows of one import are checked and written.
     *
     * @param <T> a checked row, ready to be written
     */
    public interface RowImport<T> {

        /** Parses and checks one row, in file order, on one thread; a {@link DomainException} rejects the row. */
        T check(CsvTable.Row row);

        /** Writes checked rows in the caller's transaction. */
        void write(List<T> rows);

        /**
         * Writes one row of a failed batch in a transaction of its own (the caller's); by default as a batch of
         * one. An import whose checks may have gone stale meanwhile checks again here.
         */
        default void writeAlone(T row) {
            write(List.of(row));
        }

        /** Rows of the same key are written by the same writer, in file order; used when there are writers. */
        default long partitionKey(T row) {
            return 0;
        }

        /** Called once, on the job's thread, before the first row is handed to be written. */
        default void beforeFirstWrite() {
        }
    }

    /**
     * @param batchSize rows per write transaction, at least 1
     * @param writers   writer threads of a non-atomic import; 0 writes on the job's thread after the check
     */
    public record Options(int batchSize, int writers) {
        public Options {
            batchSize = Math.max(1, batchSize);
            writers = Math.max(0, writers);
        }
    }

    private final TransactionOperations<Connection> transactions;

    CsvImports(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** An import whose rows are written one call of {@code write} each (batched in transactions of 100 rows). */
    public <T> ImportReport run(CsvTable table, boolean atomic, JobProgress progress,
                                Function<CsvTable.Row, T> prepare, Consumer<T> write) {
        return run(table, atomic, progress, ONE_BY_ONE_OPTIONS, new OneByOne<>(prepare, write));
    }

    /** An import whose rows are written one call each. */
    private record OneByOne<T>(Function<CsvTable.Row, T> prepare, Consumer<T> writeOne) implements RowImport<T> {
        @Override
        public T check(CsvTable.Row row) {
            return prepare.apply(row);
        }

        @Override
        public void write(List<T> rows) {
            rows.forEach(writeOne);
        }
    }

    public <T> ImportReport run(CsvTable table, boolean atomic, JobProgress progress, Options options, RowImport<T> rows) {
        Run<T> run = new Run<>(table.rows(), progress, options, rows);
        progress.total(2L * run.rows.size());
        return atomic ? run.atomic() : options.writers() == 0 ? run.afterCheck() : run.withWriters();
    }

    /** A checked row and its line, for the report. */
    private record Checked<T>(long line, T value) {
    }

    /** Carries a row's failure out of an atomic transaction so that the transaction rolls back. */
    private static final class RowFailure extends RuntimeException {
        private final long line;
        private final DomainException cause;

        RowFailure(long line, DomainException cause) {
            super(cause.getMessage(), null, false, false);
            this.line = line;
            this.cause = cause;
        }
    }

    /** One run of an import: its rows, options and the errors found so far. */
    private final class Run<T> {
        final List<CsvTable.Row> rows;
        final JobProgress progress;
        final Options options;
        final RowImport<T> rowImport;
        final List<ImportReport.RowError> errors = new ArrayList<>();
        boolean writing;

        Run(List<CsvTable.Row> rows, JobProgress progress, Options options, RowImport<T> rowImport) {
            this.rows = rows;
            this.progress = progress;
            this.options = options;
            this.rowImport = rowImport;
        }

        /** Calls {@link RowImport#beforeFirstWrite} the first time only. */
        void startWriting() {
            if (!writing) {
                rowImport.beforeFirstWrite();
                writing = true;
            }
        }

        /** Checks every row in order, handing each valid one to {@code sink}; false when the job was cancelled meanwhile. */
        boolean check(Consumer<Checked<T>> sink) {
            for (int r = 0; r < rows.size(); r++) {
                if (r % options.batchSize() == 0 && progress.cancelled()) {
                    return false;
                }
                CsvTable.Row row = rows.get(r);
                try {
                    sink.accept(new Checked<>(row.line(), rowImport.check(row)));
                } catch (DomainException e) {
                    addErrors(errors, row.line(), e);
                }
                progress.advance(1);
            }
            return true;
        }

        ImportReport atomic() {
            List<Checked<T>> valid = new ArrayList<>();
            if (!checkAll(valid)) {
                return new ImportReport(rows.size(), 0, true, true, errors);
            }
            if (!errors.isEmpty()) {
                return new ImportReport(rows.size(), 0, true, false, errors);
            }
            if (!valid.isEmpty()) {
                startWriting();
            }
            // one transaction whatever the batches; rows written one call each are written one by one, so that a failure names its line
            int batchSize = rowImport instanceof OneByOne ? 1 : options.batchSize();
            boolean[] cancelled = {false};
            try {
                transactions.executeWrite(status -> {
                    for (List<Checked<T>> batch : Chunks.of(valid, batchSize)) {
                        if (progress.cancelled()) {
                            cancelled[0] = true;
                            status.setRollbackOnly();
                            return null;
                        }
                        try {
                            rowImport.write(values(batch));
                        } catch (DomainException e) {
                            throw new RowFailure(batch.get(0).line(), e);
                        }
                        progress.advance(batch.size());
                    }
                    return null;
                });
            } catch (RowFailure failure) {
                addErrors(errors, failure.line, failure.cause);
                return new ImportReport(rows.size(), 0, true, false, errors);
            }
            return new ImportReport(rows.size(), cancelled[0] ? 0 : valid.size(), true, cancelled[0], errors);
        }

        /** Checks every row, collecting the valid ones; false when cancelled. */
        private boolean checkAll(List<Checked<T>> valid) {
            return check(valid::add);
        }

        ImportReport afterCheck() {
            List<Checked<T>> valid = new ArrayList<>();
            if (!checkAll(valid)) {
                return new ImportReport(rows.size(), 0, false, true, errors);
            }
            if (!valid.isEmpty()) {
                startWriting();
            }
            int written = 0;
            for (List<Checked<T>> batch : Chunks.of(valid, options.batchSize())) {
                if (progress.cancelled()) {
                    sort(errors);
                    return new ImportReport(rows.size(), written, false, true, errors);
                }
                written += writeBatch(batch, errors);
            }
            sort(errors);
            return new ImportReport(rows.size(), written, false, false, errors);
        }

        /** Writes a batch in one transaction, or its rows one by one when that fails; the number of rows written. */
        int writeBatch(List<Checked<T>> batch, List<ImportReport.RowError> rowErrors) {
            int written = 0;
            try {
                transactions.executeWrite(status -> {
                    rowImport.write(values(batch));
                    return null;
                });
                written = batch.size();
            } catch (RuntimeException e) {
                stopIfDatabaseUnavailable(e);
                if (batch.size() > 1) {
                    LOG.warn("import batch of lines {}..{} failed, writing its rows one by one: {}", batch.get(0).line(),
                            batch.get(batch.size() - 1).line(), e.toString());
                }
                for (Checked<T> row : batch) {
                    if (writeAlone(row, rowErrors)) {
                        written++;
                    }
                }
            }
            progress.advance(batch.size());
            return written;
        }

        /** One row in its own transaction; a failure is reported by line, with the field at fault or the database's message. */
        private boolean writeAlone(Checked<T> row, List<ImportReport.RowError> rowErrors) {
            try {
                transactions.executeWrite(status -> {
                    rowImport.writeAlone(row.value());
                    return null;
                });
                return true;
            } catch (DomainException e) {
                addErrors(rowErrors, row.line(), e);
            } catch (RuntimeException e) {
                stopIfDatabaseUnavailable(e);
                LOG.warn("import line {} could not be stored: {}", row.line(), e.toString());
                rowErrors.add(new ImportReport.RowError(row.line(), null, "could not be stored: " + e.getMessage()));
            }
            return false;
        }

        /**
         * Non-atomic, checking and writing at the same time: this thread checks the rows in file order and splits the
         * valid ones by key into {@code writers} partitions; each partition's writer thread writes the batches it is handed.
         */
        ImportReport withWriters() {
            int writers = options.writers();
            ExecutorService pool = Executors.newFixedThreadPool(writers, runnable -> {
                Thread thread = new Thread(runnable, "csv-import-writer");
                thread.setDaemon(true);
                return thread;
            });
            List<Partition<T>> partitions = new ArrayList<>();
            try {
                for (int p = 0; p < writers; p++) {
                    BlockingQueue<List<Checked<T>>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
                    partitions.add(new Partition<>(queue, pool.submit(() -> writePartition(queue)), new ArrayList<>()));
                }
                boolean completed;
                try {
                    completed = check(row -> {
                        startWriting();
                        Partition<T> partition = partitions.get(Math.floorMod(Long.hashCode(rowImport.partitionKey(row.value())), writers));
                        partition.pending().add(row);
                        if (partition.pending().size() == options.batchSize()) {
                            partition.hand(new ArrayList<>(partition.pending()));
                            partition.pending().clear();
                        }
                    });
                    if (completed) {
                        partitions.stream().filter(p -> !p.pending().isEmpty()).forEach(p -> p.hand(new ArrayList<>(p.pending())));
                    }
                } finally {
                    partitions.forEach(p -> p.hand(end()));
                }
                int written = 0;
                boolean cancelled = !completed;
                for (Partition<T> partition : partitions) {
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

        /** Writes the batches of one partition as they come, until the end mark; once the job is cancelled the rest is left unwritten. */
        private PartitionResult writePartition(BlockingQueue<List<Checked<T>>> queue) throws InterruptedException {
            List<ImportReport.RowError> rowErrors = new ArrayList<>();
            int written = 0;
            boolean cancelled = false;
            for (List<Checked<T>> next = queue.take(); next != END; next = queue.take()) {
                if (cancelled || (cancelled = progress.cancelled())) {
                    continue;
                }
                written += writeBatch(next, rowErrors);
            }
            return new PartitionResult(written, cancelled, rowErrors);
        }
    }

    /** Marks the end of a partition's batches (compared by identity). */
    private static final List<?> END = Collections.unmodifiableList(new ArrayList<>());

    @SuppressWarnings("unchecked")
    private static <T> List<T> end() {
        return (List<T>) END;
    }

    /** One writer's queue of batches, its running write, and the rows of its next batch. */
    private record Partition<T>(BlockingQueue<List<Checked<T>>> queue, Future<PartitionResult> writer, List<Checked<T>> pending) {

        /** Queues a batch, waiting while the queue is full; gives up when the writer has stopped (its failure is reported by join). */
        void hand(List<Checked<T>> batch) {
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

    /** A database that cannot be reached fails the job (see {@link Jobs}) instead of every row, one connection timeout each. */
    private static void stopIfDatabaseUnavailable(RuntimeException e) {
        if (DatabaseUnavailable.reason(e).isPresent()) {
            throw e;
        }
    }

    private static <T> List<T> values(List<Checked<T>> rows) {
        List<T> values = new ArrayList<>(rows.size());
        rows.forEach(r -> values.add(r.value()));
        return values;
    }

    private static void sort(List<ImportReport.RowError> errors) {
        errors.sort((a, b) -> Long.compare(a.line(), b.line()));
    }

    private static void addErrors(List<ImportReport.RowError> errors, long line, DomainException e) {
        errors.addAll(ImportReport.RowError.of(line, e, field -> field));
    }
}
