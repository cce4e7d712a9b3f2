package org.i4tracker.typology;

import jakarta.inject.Singleton;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.ImportReport;
import org.i4tracker.job.JobProgress;

/**
 * Employment statistics loaded by the service itself (the demo region) rather than uploaded: the same CSV columns,
 * checks and upsert as {@code POST /api/v1/imports/employment-statistics}, all rows or none.
 */
@Singleton
public class ReferenceStatistics {

    private final StoredTypology typology;

    ReferenceStatistics(StoredTypology typology) {
        this.typology = typology;
    }

    /** Stores the rows of a CSV with the import's columns; throws naming the first bad row when any row is invalid. */
    public int load(String csv) {
        CsvTable table = CsvTable.parse(csv, StoredTypology.COLUMNS, StoredTypology.COLUMNS, Integer.MAX_VALUE);
        ImportReport report = typology.importCsv(table, true, JobProgress.UNOBSERVED);
        if (!report.errors().isEmpty()) {
            throw new IllegalStateException("employment statistics rejected: " + report.errors().get(0));
        }
        return report.written();
    }
}
