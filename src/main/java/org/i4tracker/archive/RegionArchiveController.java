package org.i4tracker.archive;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.access.AuditTrail;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.Role;
import org.i4tracker.job.JobView;

import java.net.URI;

/**
 * {@code GET /api/v1/regions/{id}/export}: a region's data as one zip of CSV files ({@link RegionArchive});
 * {@code POST /api/v1/regions/import}: such a zip read back as a job ({@link RegionArchiveImporter}).
 */
@Tag(name = "Import and export")
@Controller
class RegionArchiveController {

    private final RegionArchive archive;
    private final RegionArchiveImporter importer;
    private final CurrentUser current;

    RegionArchiveController(RegionArchive archive, RegionArchiveImporter importer, CurrentUser current) {
        this.archive = archive;
        this.importer = importer;
        this.current = current;
    }

    @Operation(summary = "Export a region as a zip of CSV files (firms, links, assessments with answers, adoptions, programmes, enrolments)",
            description = "Administrators any region, agency analysts their own; firm-level rows only of the firms the caller may see "
                    + "(an agency: the consented ones). The files use the CSV layouts of the imports; README.txt in the zip gives the order.")
    @Secured({Role.ADMIN_ROLE, Role.AGENCY})
    @Get(value = "/api/v1/regions/{id}/export", produces = "application/zip")
    HttpResponse<byte[]> export(long id) {
        RegionArchiveScope scope = archive.scope(id);
        byte[] zip = archive.zip(scope, current.username().orElse(null));
        AuditTrail.note("region " + id + " archive: " + scope.firmIds().size() + " firms (ids "
                + scope.firmIds().stream().sorted().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")");
        return HttpResponse.ok(zip).contentType(new MediaType("application/zip"))
                .header("Content-Disposition", "attachment; filename=\"region-" + id + ".zip\"");
    }

    @Operation(summary = "Import a region archive (the zip of GET /api/v1/regions/{id}/export) in one step",
            description = "Administrators only. Returns 202 with a job; the job creates the region, its sub-regions and districts, "
                    + "firms, links, programmes, enrolments, adoptions and assessments in one transaction: any problem (reported "
                    + "with file, line and column in the job's result) writes nothing. 400 for a malformed archive (an unknown "
                    + "entry, more than i4.archive.import.max-entries entries or i4.archive.import.max-bytes uncompressed), "
                    + "409 when one of its region codes exists already.")
    @Secured(Role.ADMIN_ROLE)
    @Post(value = "/api/v1/regions/import", consumes = "application/zip")
    HttpResponse<JobView> importArchive(@Body byte[] zip) {
        JobView job = importer.submit(zip, current.username().orElse(null));
        return HttpResponse.accepted(URI.create(job.href())).body(job);
    }
}
