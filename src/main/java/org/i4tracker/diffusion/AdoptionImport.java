package org.i4tracker.diffusion;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.job.JobProgress;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CSV import of adoption observations. Every row is checked first (values, firm and technology
 * exist). Atomic: nothing is written unless every row is valid, and all rows go in one transaction.
 * Otherwise each valid row is recorded and each bad one reported by line and column.
 */
@Singleton
class AdoptionImport {

    static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("firmId", "technologyCode", "date", "source", "programmeId", "reference"));
    static final Set<String> REQUIRED = Set.of("firmId", "technologyCode", "date");

    private final AdoptionRecorder recorder;
    private final TransactionOperations<Connection> transactions;

    AdoptionImport(AdoptionRecorder recorder, TransactionOperations<Connection> transactions) {
        this.recorder = recorder;
        this.transactions = transactions;
    }

    private record Prepared(long line, AdoptionObserved event) {
    }

    ImportReport run(CsvTable table, boolean atomic, JobProgress progress) {
        List<CsvTable.Row> rows = table.rows();
        progress.total(2L * rows.size());
        List<ImportReport.RowError> errors = new ArrayList<>();
        List<Prepared> valid = new ArrayList<>();
        for (CsvTable.Row row : rows) {
            if (progress.cancelled()) {
                return new ImportReport(rows.size(), 0, atomic, true, errors);
            }
            try {
                AdoptionObserved event = parse(row);
                recorder.check(event);
                valid.add(new Prepared(row.line(), event));
            } catch (DomainException e) {
                e.errors().forEach(err -> errors.add(new ImportReport.RowError(row.line(), err.field(), err.message())));
            }
            progress.advance(1);
        }
        if (atomic && !errors.isEmpty()) {
            return new ImportReport(rows.size(), 0, true, false, errors);
        }
        if (atomic) {
            boolean done = Boolean.TRUE.equals(transactions.executeWrite(status -> {
                for (Prepared p : valid) {
                    if (progress.cancelled()) {
                        status.setRollbackOnly();
                        return false;
                    }
                    recorder.record(p.event());
                    progress.advance(1);
                }
                return true;
            }));
            return new ImportReport(rows.size(), done ? valid.size() : 0, true, !done, errors);
        }
        int written = 0;
        for (Prepared p : valid) {
            if (progress.cancelled()) {
                return new ImportReport(rows.size(), written, false, true, errors);
            }
            recorder.record(p.event());
            written++;
            progress.advance(1);
        }
        return new ImportReport(rows.size(), written, false, false, errors);
    }

    private static AdoptionObserved parse(CsvTable.Row row) {
        long firmId = parseLong(row.get("firmId"), "firmId");
        String programme = row.get("programmeId");
        String source = row.get("source");
        String date = Check.notNull(row.get("date"), "date");
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("date", "must be an ISO date such as 2024-03-31");
        }
        return new AdoptionObserved(firmId, row.get("technologyCode"), day,
                source == null ? AdoptionObserved.Source.MANUAL : AdoptionController.parseSource(source, "source"),
                programme == null ? null : parseLong(programme, "programmeId"), Check.optionalText(row.get("reference"), "reference", 500));
    }

    private static long parseLong(String value, String field) {
        Check.notNull(value, field);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "must be a whole number");
        }
    }
}
