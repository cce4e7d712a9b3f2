package org.i4tracker.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Outcome of a CSV import: how many data rows were read, how many were written, and one entry per
 * problem naming the line (1-based, header is line 1), the column and the reason. In an atomic
 * import {@code written} is 0 whenever {@code errors} is not empty.
 */
public record ImportReport(int rows, int written, boolean atomic, boolean cancelled, List<RowError> errors) {

    public record RowError(long line, String field, String message) {

        /**
         * The errors of a row rejected with {@code e}: one per field error, its field renamed by
         * {@code column} (a request field to the CSV column it came from); the exception's message
         * alone when it names no field.
         */
        public static List<RowError> of(long line, DomainException e, UnaryOperator<String> column) {
            List<RowError> rowErrors = new ArrayList<>();
            if (e.errors().isEmpty()) {
                rowErrors.add(new RowError(line, null, e.getMessage()));
            }
            e.errors().forEach(err -> rowErrors.add(new RowError(line, column.apply(err.field()), err.message())));
            return rowErrors;
        }
    }

    public ImportReport {
        errors = List.copyOf(errors);
    }
}
