package org.i4tracker.programme;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Locale;

@Tag(name = "Programmes")
@Secured({Role.ADMIN_ROLE, Role.AGENCY, Role.RTI})
@Controller("/api/v1/programmes/{id}/uptake")
class ProgrammeUptakeController {

    private final ProgrammeUptake uptake;

    private final ProgrammeScope scope;
    private final ProgrammeRegistry programmes;

    ProgrammeUptakeController(ProgrammeUptake uptake, ProgrammeScope scope, ProgrammeRegistry programmes) {
        this.uptake = uptake;
        this.scope = scope;
        this.programmes = programmes;
    }

    @Operation(summary = "Programme uptake",
            description = "Eligible and enrolled firms, uptake rate overall, by district, sector (NACE division) or size, and "
                    + "cumulatively per MONTH, QUARTER or YEAR, with the services used and a 41 % reference line (seed 003). "
                    + "JSON by default; CSV with ?format=csv or Accept: text/csv.")
    @Get
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    HttpResponse<?> uptake(long id, @QueryValue @Nullable String by, @QueryValue @Nullable String period,
                           @QueryValue @Nullable LocalDate asOf, @QueryValue @Nullable String format,
                           @Header(HttpHeaders.ACCEPT) @Nullable String accept) {
        scope.requireAnalyse(programmes.require(id));
        UptakeReport report = uptake.report(id, by, parsePeriod(period), asOf);
        boolean csv = format != null ? parseCsv(format) : accept != null && accept.contains("text/csv");
        if (!csv) {
            return HttpResponse.ok(report).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        return HttpResponse.ok(toCsv(report)).contentType(MediaType.of("text/csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"programme-" + id + "-uptake.csv\"");
    }

    private static UptakePeriod parsePeriod(String period) {
        try {
            return period == null ? UptakePeriod.QUARTER : UptakePeriod.valueOf(period.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("period", "must be MONTH, QUARTER or YEAR");
        }
    }

    private static boolean parseCsv(String format) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw DomainException.invalid("format", "must be json or csv");
        };
    }

    /** Long format: one row per group (and ALL) per period, cumulative. */
    static String toCsv(UptakeReport r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("group_by", "group_key", "group_label",
                "period", "period_start", "period_end", "eligible_firms", "cumulative_enrolled", "uptake_rate", "reference_rate").build())) {
            for (int k = 0; k < r.series().size(); k++) {
                UptakeReport.Point p = r.series().get(k);
                csv.printRecord(r.by(), "ALL", "all eligible firms", p.period(), p.start(), p.end(), r.totals().eligibleFirms(),
                        p.cumulativeEnrolled(), p.uptakeRate(), r.reference().uptakeRate());
                for (UptakeReport.Group g : r.groups()) {
                    int enrolled = g.cumulativeEnrolled().get(k);
                    csv.printRecord(r.by(), CsvTable.cell(g.key()), CsvTable.cell(g.label()), p.period(), p.start(), p.end(), g.eligibleFirms(), enrolled,
                            g.eligibleFirms() == 0 ? null : (double) enrolled / g.eligibleFirms(), r.reference().uptakeRate());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
