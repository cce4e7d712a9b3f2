package org.i4tracker.diffusion;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.actor.FirmRepository;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.job.JobView;
import org.i4tracker.job.Jobs;
import org.i4tracker.programme.ProgrammeParticipants;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Adoption events: manual entry, CSV import, listing with filters, and one adoption with its history. */
@Tag(name = "Diffusion")
@Secured({Role.ADMIN_ROLE, Role.RTI})
@Controller
class AdoptionController {

    private static final Set<String> SORTABLE = Set.of("id", "adoptedOn", "firmId", "technologyCode");
    static final int MAX_ROWS = 200_000;

    record AdoptionRequest(Long firmId, String technologyCode, LocalDate date, @Nullable AdoptionObserved.Source source,
                           @Nullable Long programmeId, @Nullable String reference) {
        AdoptionRequest {
            Check.notNull(firmId, "firmId");
            Check.notNull(date, "date");
            technologyCode = Check.notBlank(technologyCode, "technologyCode", 64);
            reference = Check.optionalText(reference, "reference", 500);
        }

        AdoptionObserved toEvent() {
            return new AdoptionObserved(firmId, technologyCode, date, source == null ? AdoptionObserved.Source.MANUAL : source,
                    programmeId, reference);
        }
    }

    record ObservationView(LocalDate date, AdoptionObserved.Source source, Long programmeId, String reference) {
    }

    record AdoptionView(Long id, Long firmId, String technologyCode, LocalDate adoptedOn, AdoptionObserved.Source source,
                        Long programmeId, String reference, List<ObservationView> observations) {
    }

    private final AdoptionRecorder recorder;
    private final AdoptionRepository adoptions;
    private final AdoptionObservationRepository observations;
    private final AdoptionImport imports;
    private final FirmRepository firms;
    private final Jobs jobs;
    private final org.i4tracker.access.CurrentUser current;
    private final FirmAccess access;
    private final ProgrammeParticipants participants;

    AdoptionController(AdoptionRecorder recorder, AdoptionRepository adoptions, AdoptionObservationRepository observations,
                       AdoptionImport imports, FirmRepository firms, Jobs jobs, org.i4tracker.access.CurrentUser current,
                       FirmAccess access, ProgrammeParticipants participants) {
        this.participants = participants;
        this.current = current;
        this.access = access;
        this.recorder = recorder;
        this.adoptions = adoptions;
        this.observations = observations;
        this.imports = imports;
        this.firms = firms;
        this.jobs = jobs;
    }

    @Operation(summary = "Record an observed adoption",
            description = "Source defaults to MANUAL. A later observation is kept as history; an earlier one moves the adoption date.")
    @Post("/api/v1/adoptions")
    @Status(HttpStatus.CREATED)
    AdoptionView create(@Body AdoptionRequest request) {
        access.requireWrite(request.firmId());
        // the provenance is the service's to record: validated assessments and first telemetry publish their own
        Check.that(current.is(org.i4tracker.access.Role.ADMIN) || request.source() == null || request.source() == AdoptionObserved.Source.MANUAL,
                "source", "only MANUAL adoptions are entered by hand; ASSESSMENT and TELEMETRY ones are recorded by the service");
        Check.that(request.programmeId() == null || participants.isEnrolled(request.programmeId(), request.firmId()), "programmeId",
                "firm " + request.firmId() + " is not enrolled in programme " + request.programmeId());
        return view(recorder.record(request.toEvent()), true);
    }

    @Operation(summary = "List adoptions", description = "Filters: firm, technology, district, source. Sort: id, adoptedOn, firmId, technologyCode.")
    @Get("/api/v1/adoptions")
    PageResponse<AdoptionView> list(@QueryValue @Nullable Long firm, @QueryValue @Nullable String technology,
                                    @QueryValue @Nullable Long district, @QueryValue @Nullable String source,
                                    @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                    @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "adoptedOn");
        AdoptionObserved.Source wanted = source == null || source.isBlank() ? null : parseSource(source, "source");
        String code = technology == null || technology.isBlank() ? null : technology.strip();
        // Only adoptions of firms in the caller's scope. Narrow in SQL by the most selective filter, apply the others
        // in memory: a district or an institute's firms hold thousands of adoptions at most, so one page is cut from a short list.
        Optional<Set<Long>> visible = access.visibleFirms();
        if (firm != null) {
            access.require(firm);
        }
        List<Adoption> candidates = firm != null ? adoptions.findByFirmId(firm)
                : district != null ? adoptionsOfFirms(firms.findByDistrictId(district).stream().map(f -> f.id()).toList())
                : visible.isPresent() ? adoptionsOfFirms(List.copyOf(visible.get()))
                : code != null ? adoptions.findByTechnologyCode(code)
                : adoptions.findAll();
        var order = pageable.getSort().getOrderBy().get(0);
        Comparator<Adoption> comparator = switch (order.getProperty()) {
            case "adoptedOn" -> Comparator.comparing(Adoption::adoptedOn);
            case "firmId" -> Comparator.comparing(Adoption::firmId);
            case "technologyCode" -> Comparator.comparing(Adoption::technologyCode);
            default -> Comparator.comparing(Adoption::id);
        };
        comparator = order.isAscending() ? comparator.thenComparing(Adoption::id) : comparator.reversed().thenComparing(Adoption::id);
        List<Adoption> matching = candidates.stream()
                .filter(a -> visible.isEmpty() || visible.get().contains(a.firmId()))
                .filter(a -> district == null || firm == null || firms.findById(a.firmId()).map(f -> f.districtId().equals(district)).orElse(false))
                .filter(a -> code == null || a.technologyCode().equals(code))
                .filter(a -> wanted == null || a.source() == wanted)
                .sorted(comparator).toList();
        int from = (int) Math.min(matching.size(), pageable.getOffset());
        int to = Math.min(matching.size(), from + pageable.getSize());
        return PageResponse.of(matching.subList(from, to).stream().map(a -> view(a, false)).toList(),
                pageable.getNumber(), pageable.getSize(), matching.size());
    }

    @Get("/api/v1/adoptions/{id}")
    AdoptionView get(long id) {
        Adoption adoption = adoptions.findById(id).orElseThrow(() -> DomainException.notFound("adoption", id));
        access.require(adoption.firmId(), () -> DomainException.notFound("adoption", id));
        return view(adoption, true);
    }

    @Operation(summary = "Import adoptions from CSV",
            description = "Columns: firmId, technologyCode, date (ISO), source (ASSESSMENT, TELEMETRY, MANUAL; default MANUAL), "
                    + "programmeId, reference. Returns 202 with a job whose result lists errors by line and field. "
                    + "With atomic=true nothing is written if any row fails.")
    @Secured(Role.ADMIN_ROLE)
    @Post(value = "/api/v1/imports/adoptions", consumes = {"text/csv", MediaType.TEXT_PLAIN})
    HttpResponse<JobView> importAdoptions(@Body byte[] csv, @QueryValue("atomic") @Nullable @Schema(type = "boolean") String atomicFlag) {
        boolean atomic = Check.flag(atomicFlag, "atomic");
        CsvTable table = CsvTable.parse(csv, AdoptionImport.REQUIRED, AdoptionImport.COLUMNS, MAX_ROWS);
        JobView job = jobs.submit("import-adoptions", current.username().orElse(null), progress -> imports.run(table, atomic, progress));
        return HttpResponse.accepted(URI.create(job.href())).body(job);
    }

    private List<Adoption> adoptionsOfFirms(List<Long> firmIds) {
        return firmIds.isEmpty() ? List.of() : adoptions.findByFirmIdIn(firmIds);
    }

    static AdoptionObserved.Source parseSource(String value, String field) {
        try {
            return AdoptionObserved.Source.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "must be one of ASSESSMENT, TELEMETRY, MANUAL");
        }
    }

    private AdoptionView view(Adoption a, boolean withHistory) {
        List<ObservationView> history = new ArrayList<>();
        if (withHistory) {
            observations.findByFirmIdAndTechnologyCodeOrderByObservedOn(a.firmId(), a.technologyCode()).stream()
                    .sorted(Comparator.comparing(AdoptionObservation::observedOn).thenComparing(AdoptionObservation::id))
                    .forEach(o -> history.add(new ObservationView(o.observedOn(), o.source(), o.programmeId(), o.reference())));
        }
        return new AdoptionView(a.id(), a.firmId(), a.technologyCode(), a.adoptedOn(), a.source(), a.programmeId(), a.reference(),
                withHistory ? history : null);
    }
}
