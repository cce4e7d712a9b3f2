package org.i4tracker.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Outcome of a CSV import: how many data rows were read, how many were written, and one entry per
 * problem naming the line (1-based, header is line 1), the column and the reason, for the first
 * {@value #MAX_LISTED_ERRORS} problems; {@code errorsNotListed} counts the others. In an atomic
 * import {@code written} is 0 whenever there is a problem.
 */
public record ImportReport(int rows, int written, boolean atomic, boolean cancelled, List<RowError> errors, int errorsNotListed) {

    /** The most problems a report lists; the others are counted in {@code errorsNotListed}. */
    public static final int MAX_LISTED_ERRORS = 1000;

    /** The report listing the first {@link #MAX_LISTED_ERRORS} of {@code errors} and counting the rest. */
    public ImportReport(int rows, int written, boolean atomic, boolean cancelled, List<RowError> errors) {
        this(rows, written, atomic, cancelled, errors.size() > MAX_LISTED_ERRORS ? errors.subList(0, MAX_LISTED_ERRORS) : errors,
                Math.max(0, errors.size() - MAX_LISTED_ERRORS));
    }

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
