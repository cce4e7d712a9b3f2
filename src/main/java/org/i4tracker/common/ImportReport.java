package org.i4tracker.common;

import java.util.List;

/**
 * Outcome of a CSV import: how many data rows were read, how many were written, and one entry per
 * problem naming the line (1-based, header is line 1), the column and the reason. In an atomic
 * import {@code written} is 0 whenever {@code errors} is not empty.
 */
public record ImportReport(int rows, int written, boolean atomic, boolean cancelled, List<RowError> errors) {

    public record RowError(long line, String field, String message) {
    }

    public ImportReport {
        errors = List.copyOf(errors);
    }
}
