package org.i4tracker.archive;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.Role;

/** {@code GET /api/v1/regions/{id}/export}: a region's data as one zip of CSV files ({@link RegionArchive}). */
@Tag(name = "Import and export")
@Controller
class RegionArchiveController {

    private final RegionArchive archive;
    private final CurrentUser current;

    RegionArchiveController(RegionArchive archive, CurrentUser current) {
        this.archive = archive;
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
        return HttpResponse.ok(zip).contentType(new MediaType("application/zip"))
                .header("Content-Disposition", "attachment; filename=\"region-" + id + ".zip\"");
    }
}
