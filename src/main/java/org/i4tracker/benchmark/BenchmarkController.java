package org.i4tracker.benchmark;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;

/**
 * A firm's benchmark report. A firm user sees only its own firm, an RTI assessor the firms it serves,
 * an admin every firm; agency analysts get no firm report (only aggregates elsewhere).
 */
@Controller("/api/v1/firms/{id}/benchmark")
@Tag(name = "Benchmark")
class BenchmarkController {

    private final BenchmarkService benchmarks;
    private final BenchmarkPdf pdf;
    private final FirmAccess access;

    BenchmarkController(BenchmarkService benchmarks, BenchmarkPdf pdf, FirmAccess access) {
        this.benchmarks = benchmarks;
        this.pdf = pdf;
        this.access = access;
    }

    /**
     * @param model   model id, e.g. digital-maturity
     * @param version model version, e.g. 1.0.0
     * @param peers   finest peer group wanted: district,sector,size (default) | district,sector | district | region | all
     */
    @Get
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    BenchmarkReport report(long id, @QueryValue @Nullable String model, @QueryValue @Nullable String version,
                           @QueryValue @Nullable String peers) {
        access.require(id);
        return benchmarks.report(id, model, version, peers);
    }

    /** The same report as a PDF document (names instead of codes, radar and history drawn in), for download. */
    @Get(value = "/report.pdf", produces = "application/pdf")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    HttpResponse<byte[]> pdf(long id, @QueryValue @Nullable String model, @QueryValue @Nullable String version,
                             @QueryValue @Nullable String peers) {
        access.require(id);
        byte[] document = pdf.render(id, model, version, peers);
        return HttpResponse.ok(document).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"benchmark-firm-" + id + ".pdf\"");
    }
}
