package org.i4tracker.diffusion;

import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.job.CsvImports;
import org.i4tracker.job.JobProgress;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CSV import of adoption observations. Every row is checked first (values, firm and technology
 * exist). Atomic: nothing is written unless every row is valid, and all rows go in one transaction.
 * Otherwise each valid row is recorded and each bad one reported by line and column
 * (the loop is {@link CsvImports}).
 */
@Singleton
class AdoptionImport {

    static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("firmId", "technologyCode", "date", "source", "programmeId", "reference"));
    static final Set<String> REQUIRED = Set.of("firmId", "technologyCode", "date");

    private final AdoptionRecorder recorder;
    private final CsvImports imports;

    AdoptionImport(AdoptionRecorder recorder, CsvImports imports) {
        this.recorder = recorder;
        this.imports = imports;
    }

    ImportReport run(CsvTable table, boolean atomic, JobProgress progress) {
        return imports.run(table, atomic, progress, row -> {
            AdoptionObserved event = parse(row);
            recorder.check(event);
            return event;
        }, recorder::record);
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
