package org.i4tracker.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.AuditTrail;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.FirmService;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.job.JobView;
import org.i4tracker.job.Jobs;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.net.URI;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The assessment lifecycle over HTTP. The acting user is the logged-in user; RTI assessors work on
 * the firms their institute serves, admins see all. A firm user reads its own firm's assessments and
 * fills in a self-assessment of it (create, answers, evidence and evidence files, submit; answers always self-declared); an assessment
 * the RTI started is read-only to the firm (403). Validating, revising, cloning, deleting and re-dating stay with
 * the RTI and administrators (403).
 */
@Tag(name = "Assessments")
@Secured({Role.ADMIN_ROLE, Role.RTI})
@Controller("/api/v1/assessments")
class AssessmentController {

    /** Longest firm name search ({@code q}); the longest firm name is shorter. */
    static final int MAX_FIRM_TEXT = 200;
    /** Most firms a name search may match (400 naming {@code q} past it): a search that names them is asked to be narrower. */
    static final int MAX_NAMED_FIRMS = 10_000;

    private final AssessmentService service;
    private final AssessmentAudit audit;
    private final AssessmentCsv csv;
    private final AssessmentImport imports;
    private final Jobs jobs;
    private final CurrentUser current;
    private final FirmAccess access;
    private final AssessmentWorklist worklist;
    private final AssessmentSearch search;
    private final FirmService firms;

    AssessmentController(AssessmentService service, AssessmentAudit audit, AssessmentCsv csv, AssessmentImport imports, Jobs jobs,
                         CurrentUser current, FirmAccess access, AssessmentWorklist worklist, AssessmentSearch search, FirmService firms) {
        this.worklist = worklist;
        this.search = search;
        this.firms = firms;
        this.service = service;
        this.audit = audit;
        this.csv = csv;
        this.imports = imports;
        this.jobs = jobs;
        this.current = current;
        this.access = access;
    }

    private String user() {
        return current.username().orElse("anonymous");
    }

    /** Whether the caller writes as the firm itself: its drafts are self-assessments, and it changes no other assessment. */
    private boolean byFirm() {
        return current.is(Role.FIRM_USER);
    }

    /** The assessment, after checking that its firm is in the caller's scope (404, as for a missing one, otherwise). */
    private long scoped(long id) {
        access.require(service.require(id).firmId(), () -> DomainException.notFound("assessment", id));
        return id;
    }

    @Operation(summary = "Start a draft assessment of a firm on a model version in a wave (T0 before support, T1, T2 ... after)")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    @Post
    @Status(HttpStatus.CREATED)
    AssessmentView create(@Body AssessmentRequests.Create request) {
        access.requireWrite(request.firmId());
        return service.create(request, user(), byFirm());
    }

    @Operation(summary = "Search assessments in the caller's scope",
            description = "A firm user lists its own firm's; an RTI assessor those of the firms its institute serves; an agency "
                    + "analyst those of the firms that consented to its region's programmes; an administrator all. Filters: firm, "
                    + "q (firm name or code contains), model and version, status (DRAFT, SUBMITTED, VALIDATED), wave (T0, T1 ...), "
                    + "from/to (assessment date, inclusive), current=true (no superseded revisions). Sort: "
                    + "id, assessedOn, waveNumber, firmId, status, modelId, overallScore (unscored last). Each row names its firm.")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM, Role.AGENCY})
    @Get
    PageResponse<AssessmentSummary> list(@QueryValue @Nullable Long firm, @QueryValue @Nullable String q,
                                         @QueryValue @Nullable String model, @QueryValue @Nullable String version,
                                         @QueryValue @Nullable String status, @QueryValue @Nullable String wave,
                                         @QueryValue @Nullable LocalDate from, @QueryValue @Nullable LocalDate to,
                                         @QueryValue("current") @Nullable @Schema(type = "boolean") String currentOnly, @QueryValue @Nullable Integer page,
                                         @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, AssessmentSearch.SORT_COLUMNS.keySet(), "id");
        String text = Check.optionalText(q, "q", MAX_FIRM_TEXT);
        // Row-level scope from the one place that decides it (none for an administrator), narrowed by the name search.
        Set<Long> onlyFirms = access.visibleFirms().orElse(null);
        if (text != null) {
            Set<Long> matching = new HashSet<>(firms.idsMatching(text));
            if (onlyFirms != null) {
                matching.retainAll(onlyFirms);
            }
            Check.that(matching.size() <= MAX_NAMED_FIRMS, "q", "matches more than " + MAX_NAMED_FIRMS + " firms: type more of the name or code");
            onlyFirms = matching;
        }
        var criteria = new AssessmentSearch.Criteria(firm, onlyFirms, model, version, parseStatus(status),
                wave == null || wave.isBlank() ? null : Wave.of(wave, "wave"), from, to, Check.flag(currentOnly, "current"));
        if (firm != null) {
            access.require(firm);
        }
        var found = search.search(criteria, pageable);
        Map<Long, Firm> named = firms.byId(found.getContent().stream().map(Assessment::firmId).toList());
        return PageResponse.of(found, a -> AssessmentSummary.of(a, named.containsKey(a.firmId()) ? named.get(a.firmId()).name() : null));
    }

    @Operation(summary = "The caller's worklist: own drafts, submitted assessments awaiting validation, firms due for their next wave",
            description = "Only firms in the caller's scope, oldest first, with totals. Drafts and assessments awaiting validation: "
                    + "at most 100 rows each. Firms due: paged by page and size (default the first 100; duePage says which page).")
    @Get("/worklist")
    AssessmentWorklist.Worklist worklist(@QueryValue @Nullable String model, @QueryValue @Nullable Integer page,
                                         @QueryValue @Nullable Integer size) {
        String modelId = model == null || model.isBlank() ? "digital-maturity" : Check.notBlank(model, "model", 64);
        var due = PageQuery.of(page, size == null ? AssessmentWorklist.LIMIT : size, null, Set.of("dueOn"), "dueOn");
        return worklist.of(user(), modelId, LocalDate.now(), due.getNumber(), due.getSize());
    }

    @Operation(summary = "Delete a draft (the version last read as ?version=); submitted and validated assessments stay")
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(long id, @QueryValue Long version) {
        service.deleteDraft(scoped(id), version, user());
    }

    @Operation(summary = "Change a draft's assessment date; the firm's waves must stay in order")
    @Put("/{id}/date")
    AssessmentView redate(long id, @Body AssessmentRequests.Redate request) {
        return service.redate(scoped(id), request, user());
    }

    @Operation(summary = "An assessment with its answers, evidence and current score report (bands, confidence, advice, lift plan)")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM, Role.AGENCY})
    @Get("/{id}")
    AssessmentView get(long id) {
        return service.view(scoped(id));
    }

    @Operation(summary = "Save some answers (partial save); needs the assessment's current version")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    @Put("/{id}/answers")
    AssessmentView saveAnswers(long id, @Body AssessmentRequests.Answers request) {
        return service.saveAnswers(scoped(id), request, user(), byFirm());
    }

    @Operation(summary = "Attach evidence (LINK with an http(s) ref, NOTE with a note) to an answer; a FILE is uploaded (POST …/evidence/file)")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    @Post("/{id}/answers/{item}/evidence")
    @Status(HttpStatus.CREATED)
    AssessmentView.EvidenceView addEvidence(long id, String item, @Body AssessmentRequests.EvidenceInput request) {
        return service.addEvidence(scoped(id), item, request, user(), byFirm());
    }

    @Operation(summary = "Upload a file as evidence of an answer (FILE): the raw bytes as application/octet-stream, the file's name as ?filename=",
            description = "Accepted, told by the bytes and not by the name or declared type: PDF, PNG, JPEG, CSV or plain text (UTF-8, "
                    + "not starting with markup), XLSX, DOCX (without macros), ODS. Empty: 400; larger than i4.evidence.max-file-size "
                    + "(10 MB by default): 413; another kind of file: 415; each naming `file`. The name is made safe (last path "
                    + "segment, no control or path characters, an extension of the sniffed type, at most 200 characters). Same "
                    + "rules as other evidence: an answered item, not once validated (409), a firm only on its own self-assessment.")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    @Post(value = "/{id}/answers/{item}/evidence/file", consumes = MediaType.APPLICATION_OCTET_STREAM)
    @Status(HttpStatus.CREATED)
    AssessmentView.EvidenceView uploadEvidenceFile(long id, String item, @QueryValue @Nullable String filename,
                                                    @Body @Nullable @Schema(type = "string", format = "binary") byte[] file) {
        AssessmentView.EvidenceView added = service.addFileEvidence(scoped(id), item, filename, file, user(), byFirm());
        AuditTrail.note("assessment " + id + " item " + item + " evidence " + added.id() + " file " + added.file().name() + " ("
                + added.file().contentType() + ", " + added.file().size() + " bytes, sha256 " + added.file().sha256() + ")");
        return added;
    }

    @Operation(summary = "Download the uploaded file of a FILE evidence (attachment, with its sniffed content type)",
            description = "For everyone who may read the assessment. Always Content-Disposition: attachment with a safe file name, "
                    + "X-Content-Type-Options: nosniff and a sandboxing Content-Security-Policy, never shown inline.")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM, Role.AGENCY})
    @Get(value = "/{id}/evidence/{evidenceId}/file", produces = MediaType.APPLICATION_OCTET_STREAM)
    HttpResponse<byte[]> downloadEvidenceFile(long id, long evidenceId) {
        EvidenceFiles.Download download = service.evidenceFile(scoped(id), evidenceId);
        EvidenceFiles.StoredFile file = download.file();
        AuditTrail.note("assessment " + id + " evidence " + evidenceId + " file " + file.name() + " (" + file.size() + " bytes, sha256 "
                + file.sha256() + ")");
        return HttpResponse.ok(download.content()).contentType(MediaType.of(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, EvidenceUpload.contentDisposition(file.name()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    @Operation(summary = "Submit a complete draft; 422 lists the required items still unanswered")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    @Post("/{id}/submit")
    AssessmentView submit(long id, @Body AssessmentRequests.Transition request) {
        return service.submit(scoped(id), request, user(), byFirm());
    }

    @Operation(summary = "Validate a submitted assessment (by the logged-in assessor); freezes it and publishes adoptions",
            description = "RTI assessors and administrators only: a firm never validates, not even its own self-assessment (403).")
    @Post("/{id}/validate")
    AssessmentView validate(long id, @Body AssessmentRequests.Transition request) {
        return service.validate(scoped(id), request, user());
    }

    @Operation(summary = "Correct a validated assessment: a new draft revision with a reason; both stay in the history")
    @Post("/{id}/revisions")
    @Status(HttpStatus.CREATED)
    AssessmentView revise(long id, @Body AssessmentRequests.Revision request) {
        return service.revise(scoped(id), request, user());
    }

    @Operation(summary = "Clone an assessment into a new draft for another wave (re-assessment)")
    @Post("/{id}/clone")
    @Status(HttpStatus.CREATED)
    AssessmentView cloneInto(long id, @Body AssessmentRequests.Clone request) {
        return service.cloneInto(scoped(id), request, user());
    }

    /**
     * Imports a past campaign as validated assessments by the caller. The caller's scope is read here, on the request: the
     * job runs on another thread, without a current user, and refuses each row whose firm is outside it.
     */
    @Operation(summary = "Import a past campaign (CSV: firmId,wave,date,<item codes>...) as validated assessments",
            description = "Administrators and RTI assessors. Header errors answer 400 at once; otherwise 202 with a job "
                    + "(Location: /api/v1/jobs/{id}, readable by whoever started it) whose result lists the errors per line and "
                    + "column. A row whose firm the caller may not write (an assessor: a firm its institute does not serve) is "
                    + "refused like one whose firm does not exist. With atomic=true nothing is written if any row fails.")
    @Post("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    HttpResponse<JobView> importCsv(@QueryValue String model, @QueryValue String version,
                                    @QueryValue("atomic") @Nullable @Schema(type = "boolean") String atomicFlag, @Body byte[] body) {
        boolean atomic = Check.flag(atomicFlag, "atomic");
        CsvTable table = CsvTable.parse(body, new LinkedHashSet<>(AssessmentImport.KEY_COLUMNS),
                AssessmentImport.knownColumns(service.engine(model, version).model()), AssessmentImport.MAX_ROWS);
        String user = user();
        LongPredicate writable = access.writable();
        JobView job = jobs.submit("import-assessments", user, progress -> imports.run(model, version, table, atomic, user, writable, progress));
        return HttpResponse.accepted(URI.create(job.href())).body(job);
    }

    @Operation(summary = "Current validated assessments of a model version as CSV (answers and scores)")
    @Secured(Role.ADMIN_ROLE)
    @Get("/export")
    @Produces("text/csv")
    String exportCsv(@QueryValue String model, @QueryValue String version) {
        return csv.export(model, version);
    }

    @Get("/{id}/audit")
    PageResponse<AssessmentAudit.Entry> audit(long id, @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                              @QueryValue @Nullable String sort) {
        scoped(id);
        return audit.page(id, PageQuery.of(page, size, sort, Set.of("id", "changedAt"), "id"));
    }

    static AssessmentStatus parseStatus(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AssessmentStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("status", "must be one of DRAFT, SUBMITTED, VALIDATED");
        }
    }
}
