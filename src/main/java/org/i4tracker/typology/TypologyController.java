package org.i4tracker.typology;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.common.Check;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.CsvTable;
import org.i4tracker.job.JobView;
import org.i4tracker.job.Jobs;

import java.net.URI;
import java.util.Set;

/** Typology over stored employment statistics, and their CSV import. */
@Tag(name = "Typology")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller
class TypologyController {

    private static final int MAX_ROWS = 200_000;

    private final StoredTypology typology;
    private final Jobs jobs;
    private final CurrentUser current;
    private final FirmAccess access;

    TypologyController(StoredTypology typology, Jobs jobs, CurrentUser current, FirmAccess access) {
        this.current = current;
        this.access = access;
        this.typology = typology;
        this.jobs = jobs;
    }

    @Operation(summary = "LQ, share, LPS type per region and the locational Gini of an industry in a year",
            description = "Thresholds from i4.typology.*; national totals are the sums over the stored regions of the year.")
    @Get("/api/v1/typology")
    TypologyResult typology(@QueryValue @Nullable String industry, @QueryValue @Nullable Integer year) {
        return typology.typology(industry, year);
    }

    @Operation(summary = "Import employment statistics from CSV",
            description = "Columns: regionCode, naceCode, year, totalEmployment, industryEmployment, establishments. Returns 202 with a job "
                    + "(GET /api/v1/jobs/{id}, readable by whoever started it). Administrators and agency analysts: an analyst adds rows "
                    + "for any region but changes stored figures only of its own region (other rows are refused as row errors).")
    @Secured({Role.ADMIN_ROLE, Role.AGENCY})
    @Post(value = StoredTypology.IMPORT_PATH, consumes = {"text/csv", MediaType.TEXT_PLAIN})
    HttpResponse<JobView> importStatistics(@Body byte[] csv, @QueryValue("atomic") @Nullable @Schema(type = "boolean") String atomicFlag) {
        boolean atomic = Check.flag(atomicFlag, "atomic");
        CsvTable table = CsvTable.parse(csv, StoredTypology.COLUMNS, StoredTypology.COLUMNS, MAX_ROWS);
        String user = current.username().orElseThrow();
        StoredTypology.Importer by = new StoredTypology.Importer(user, current.role().name(), access.managedRegionCodes());
        JobView job = jobs.submit("import-employment-statistics", user, progress -> typology.importCsv(table, atomic, progress, by));
        return HttpResponse.accepted(URI.create(job.href())).body(job);
    }
}
