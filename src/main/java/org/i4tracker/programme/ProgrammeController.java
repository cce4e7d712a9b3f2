package org.i4tracker.programme;

import io.micronaut.security.annotation.Secured;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.Check;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

@Tag(name = "Programmes")
@Secured({Role.ADMIN_ROLE, Role.AGENCY, Role.RTI})
@Controller("/api/v1/programmes")
class ProgrammeController {

    private static final Set<String> SORTABLE = Set.of("id", "code", "name", "startsOn");
    private static final Set<String> ENROLMENT_SORTABLE = Set.of("id", "enrolledOn", "firmId");

    record EnrolmentRequest(Long firmId, LocalDate enrolledOn, @Nullable List<EnrolmentView.ServiceUsed> services) {
        EnrolmentRequest {
            Check.notNull(firmId, "firmId");
            Check.notNull(enrolledOn, "enrolledOn");
            services = services == null ? List.of() : List.copyOf(services);
        }
    }

    record ServicesRequest(List<EnrolmentView.ServiceUsed> services, Long version) {
        ServicesRequest {
            services = List.copyOf(Check.notNull(services, "services"));
            Check.notNull(version, "version");
        }
    }

    record WithdrawalRequest(LocalDate withdrawnOn, @Nullable String reason, Long version) {
        WithdrawalRequest {
            Check.notNull(withdrawnOn, "withdrawnOn");
            reason = Check.optionalText(reason, "reason", 2000);
            Check.notNull(version, "version");
        }
    }

    private final ProgrammeRegistry programmes;
    private final EnrolmentRegistry enrolments;

    private final ProgrammeConsents consents;
    private final ProgrammeScope scope;

    ProgrammeController(ProgrammeRegistry programmes, EnrolmentRegistry enrolments, ProgrammeConsents consents,
                        ProgrammeScope scope) {
        this.programmes = programmes;
        this.scope = scope;
        this.enrolments = enrolments;
        this.consents = consents;
    }

    /** Programmes, of one region with {@code regionId}; an agency analyst's list holds its own region's programmes. */
    @Get
    PageResponse<ProgrammeView> list(@QueryValue @Nullable Long regionId, @QueryValue @Nullable Integer page,
                                     @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        return programmes.list(scope.listedRegion(regionId), PageQuery.of(page, size, sort, SORTABLE, "code"));
    }

    /** One programme; an agency analyst reads its own region's programmes only (403 elsewhere, as the list). */
    @Get("/{id}")
    ProgrammeView get(long id) {
        scope.requireAnalyse(programmes.require(id));
        return programmes.view(id);
    }

    @Secured({Role.ADMIN_ROLE, Role.AGENCY})
    @Post
    @Status(HttpStatus.CREATED)
    ProgrammeView create(@Body ProgrammeRequest request) {
        scope.requireManage(request.toProgramme(null));
        return programmes.create(request);
    }

    /** Checks and writes in one transaction that holds the programme's row lock (see {@link ProgrammeRegistry#lock}). */
    @Secured({Role.ADMIN_ROLE, Role.AGENCY})
    @Put("/{id}")
    @Transactional
    ProgrammeView update(long id, @Body ProgrammeRequest request) {
        Programme current = programmes.lock(id);
        scope.requireManage(current);
        scope.requireManage(request.toProgramme(id));
        scope.requireRtiChange(current, request.rtiIds());
        return programmes.update(id, request);
    }

    @Secured({Role.ADMIN_ROLE, Role.AGENCY})
    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        scope.requireManage(programmes.require(id));
        programmes.delete(id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/enrolments")
    PageResponse<EnrolmentView> enrolments(long id, @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                           @QueryValue @Nullable String sort) {
        scope.requireAnalyse(programmes.require(id));
        return enrolments.list(id, PageQuery.of(page, size, sort, ENROLMENT_SORTABLE, "enrolledOn"));
    }

    /** One enrolment: the programme readable as by {@link #get} (an agency: its own region's), the firm visible to the caller. */
    @Get("/{id}/enrolments/{enrolmentId}")
    EnrolmentView enrolment(long id, long enrolmentId) {
        scope.requireAnalyse(programmes.require(id));
        scope.requireRead(enrolments.require(id, enrolmentId));
        return enrolments.view(id, enrolmentId);
    }

    /** Checks and writes in one transaction that holds the programme's row lock (see {@link ProgrammeRegistry#lock}). */
    @Post("/{id}/enrolments")
    @Status(HttpStatus.CREATED)
    @Transactional
    EnrolmentView enrol(long id, @Body EnrolmentRequest request) {
        Programme programme = programmes.lock(id);
        scope.requireEnrol(programme, request.firmId());
        scope.requireNoNewService(programme, request.firmId());
        return enrolments.enrol(id, request.firmId(), request.enrolledOn(), request.services());
    }

    @Put("/{id}/enrolments/{enrolmentId}")
    EnrolmentView changeServices(long id, long enrolmentId, @Body ServicesRequest request) {
        requireChange(id, enrolmentId);
        return enrolments.changeServices(id, enrolmentId, request.services(), request.version());
    }

    /**
     * Whether the firm lets the programme's agency see its firm-level data; the programme readable as by {@link #get}
     * (an agency: its own region's), the firm visible to the caller.
     */
    @Secured({Role.ADMIN_ROLE, Role.AGENCY, Role.RTI, Role.FIRM})
    @Get("/{id}/enrolments/{enrolmentId}/consent")
    ProgrammeConsents.ConsentView consent(long id, long enrolmentId) {
        scope.requireAnalyse(programmes.require(id));
        return consents.get(id, enrolmentId);
    }

    /** The firm grants ({@code {"granted":true}}) or withdraws its consent; only the firm itself or an admin may. */
    @Secured({Role.ADMIN_ROLE, Role.FIRM})
    @Put("/{id}/enrolments/{enrolmentId}/consent")
    ProgrammeConsents.ConsentView setConsent(long id, long enrolmentId, @Body ConsentRequest request) {
        return consents.set(id, enrolmentId, request.granted());
    }

    record ConsentRequest(Boolean granted) {
        ConsentRequest {
            org.i4tracker.common.Check.notNull(granted, "granted");
        }
    }

    @Post("/{id}/enrolments/{enrolmentId}/withdrawal")
    EnrolmentView withdraw(long id, long enrolmentId, @Body WithdrawalRequest request) {
        requireChange(id, enrolmentId);
        return enrolments.withdraw(id, enrolmentId, request.withdrawnOn(), request.reason(), request.version());
    }

    /** The enrolment must be visible to the caller, who must also be allowed to enrol its firm in the programme. */
    private void requireChange(long id, long enrolmentId) {
        Enrolment enrolment = enrolments.require(id, enrolmentId);
        scope.requireRead(enrolment);
        scope.requireEnrol(programmes.require(id), enrolment.firmId());
    }
}
