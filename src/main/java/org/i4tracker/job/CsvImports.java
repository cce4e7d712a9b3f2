package org.i4tracker.job;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one check-then-write loop of every CSV import. Each row is first prepared (parsed and
 * checked against stored data); a failure is reported by line and field. A non-atomic import then
 * writes each valid row and reports rows whose write fails; an atomic import writes all rows in one
 * transaction and nothing at all if any row fails or the job is cancelled. Progress counts a check
 * pass and a write pass over the rows.
 */
@Singleton
public class CsvImports {

    private final TransactionOperations<Connection> transactions;

    CsvImports(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    private record Prepared<T>(long line, T value) {
    }

    public <T> ImportReport run(CsvTable table, boolean atomic, JobProgress progress,
                                Function<CsvTable.Row, T> prepare, Consumer<T> write) {
        List<CsvTable.Row> rows = table.rows();
        progress.total(2L * rows.size());
        List<ImportReport.RowError> errors = new ArrayList<>();
        List<Prepared<T>> valid = new ArrayList<>();
        for (CsvTable.Row row : rows) {
            if (progress.cancelled()) {
                return new ImportReport(rows.size(), 0, atomic, true, errors);
            }
            try {
                valid.add(new Prepared<>(row.line(), prepare.apply(row)));
            } catch (DomainException e) {
                addErrors(errors, row.line(), e);
            }
            progress.advance(1);
        }
        if (atomic) {
            if (!errors.isEmpty()) {
                return new ImportReport(rows.size(), 0, true, false, errors);
            }
            try {
                transactions.executeWrite(status -> {
                    for (Prepared<T> p : valid) {
                        if (progress.cancelled()) {
                            status.setRollbackOnly();
                            return null;
                        }
                        writeRow(write, p);
                        progress.advance(1);
                    }
                    return null;
                });
            } catch (RowFailure failure) {
                addErrors(errors, failure.line, failure.cause);
                return new ImportReport(rows.size(), 0, true, false, errors);
            }
            boolean cancelled = progress.cancelled();
            return new ImportReport(rows.size(), cancelled ? 0 : valid.size(), true, cancelled, errors);
        }
        int written = 0;
        for (Prepared<T> p : valid) {
            if (progress.cancelled()) {
                return new ImportReport(rows.size(), written, false, true, errors);
            }
            try {
                writeRow(write, p);
                written++;
            } catch (RowFailure failure) {
                addErrors(errors, failure.line, failure.cause);
            }
            progress.advance(1);
        }
        errors.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ImportReport(rows.size(), written, false, false, errors);
    }

    private static <T> void writeRow(Consumer<T> write, Prepared<T> p) {
        try {
            write.accept(p.value());
        } catch (DomainException e) {
            throw new RowFailure(p.line(), e);
        }
    }

    private static void addErrors(List<ImportReport.RowError> errors, long line, DomainException e) {
        errors.addAll(ImportReport.RowError.of(line, e, field -> field));
    }

    /** Carries a row's failure out of the transaction so that the transaction rolls back. */
    private static final class RowFailure extends RuntimeException {
        private final long line;
        private final DomainException cause;

        RowFailure(long line, DomainException cause) {
            super(cause.getMessage(), null, false, false);
            this.line = line;
            this.cause = cause;
        }
    }
}
