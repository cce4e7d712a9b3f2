package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.Role;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.job.JobView;
import org.i4tracker.job.Jobs;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;

/** CSV imports (as jobs) and CSV / JSON exports of firms and links. */
@Tag(name = "Import and export")
@Secured(Role.ADMIN_ROLE)
@Controller
class ActorTransferController {

    static final int MAX_ROWS = 200_000;

    private final ActorImports imports;
    private final FirmService firms;
    private final FirmRepository firmRepository;
    private final ActorLinkRepository links;
    private final Jobs jobs;
    private final org.i4tracker.access.CurrentUser current;


    ActorTransferController(ActorImports imports, FirmService firms, FirmRepository firmRepository,
                            ActorLinkRepository links, Jobs jobs, org.i4tracker.access.CurrentUser current) {
        this.current = current;
        this.imports = imports;
        this.firms = firms;
        this.firmRepository = firmRepository;
        this.links = links;
        this.jobs = jobs;
    }

    @Operation(summary = "Import firms from CSV",
            description = "Columns: districtId, code, name, naceCode, employees, marketActor, processes, certifications, "
                    + "technologies (lists separated by ';'). Returns 202 with a job; its result lists errors per line and field. "
                    + "With atomic=true nothing is written if any row fails.")
    @Post(value = "/api/v1/imports/firms", consumes = {"text/csv", MediaType.TEXT_PLAIN})
    HttpResponse<JobView> importFirms(@Body byte[] csv, @QueryValue("atomic") @Nullable @Schema(type = "boolean") String atomicFlag) {
        boolean atomic = Check.flag(atomicFlag, "atomic");
        CsvTable table = CsvTable.parse(csv, ActorCsv.FIRM_REQUIRED, new LinkedHashSet<>(ActorCsv.FIRM_COLUMNS), MAX_ROWS);
        JobView job = jobs.submit("import-firms", current.username().orElse(null), progress -> imports.importFirms(table, atomic, progress));
        return HttpResponse.accepted(URI.create(job.href())).body(job);
    }

    @Operation(summary = "Import links from CSV",
            description = "Columns: from, to (FIRM:id or INSTITUTION:id), type, knowledgeKind, since, until. Returns 202 with a job.")
    @Post(value = "/api/v1/imports/links", consumes = {"text/csv", MediaType.TEXT_PLAIN})
    HttpResponse<JobView> importLinks(@Body byte[] csv, @QueryValue("atomic") @Nullable @Schema(type = "boolean") String atomicFlag) {
        boolean atomic = Check.flag(atomicFlag, "atomic");
        CsvTable table = CsvTable.parse(csv, ActorCsv.LINK_REQUIRED, new LinkedHashSet<>(ActorCsv.LINK_COLUMNS), MAX_ROWS);
        JobView job = jobs.submit("import-links", current.username().orElse(null), progress -> imports.importLinks(table, atomic, progress));
        return HttpResponse.accepted(URI.create(job.href())).body(job);
    }

    @Get(value = "/api/v1/exports/firms", produces = {"text/csv", MediaType.APPLICATION_JSON})
    HttpResponse<?> exportFirms(@QueryValue @Nullable Long district, @QueryValue(defaultValue = "csv") String format) {
        List<FirmView> views = firms.views(district == null ? firmRepository.findAll() : firmRepository.findByDistrictId(district));
        return respond(format, views, () -> ActorCsv.write(ActorCsv.FIRM_COLUMNS, views.stream().map(ActorCsv::firmCells).toList()));
    }

    @Get(value = "/api/v1/exports/links", produces = {"text/csv", MediaType.APPLICATION_JSON})
    HttpResponse<?> exportLinks(@QueryValue(defaultValue = "csv") String format) {
        List<Link> all = links.findAll().stream().map(ActorLink::toLink).toList();
        return respond(format, all, () -> ActorCsv.write(ActorCsv.LINK_COLUMNS, all.stream().map(ActorCsv::linkCells).toList()));
    }

    private static HttpResponse<?> respond(String format, Object json, java.util.function.Supplier<String> csv) {
        Check.that(format.equals("csv") || format.equals("json"), "format", "must be csv or json");
        return format.equals("json")
                ? HttpResponse.ok(json).contentType(MediaType.APPLICATION_JSON_TYPE)
                : HttpResponse.ok(csv.get()).contentType(new MediaType("text/csv; charset=utf-8"));
    }
}
