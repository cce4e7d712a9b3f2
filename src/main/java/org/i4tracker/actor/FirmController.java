package org.i4tracker.actor;

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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import org.i4tracker.access.AuditTrail;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.SizeClass;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

@Tag(name = "Registry")
@Controller("/api/v1/firms")
class FirmController {

    private final FirmService service;
    private final FirmSearch search;
    private final FirmAccess access;
    private final CurrentUser current;

    FirmController(FirmService service, FirmSearch search, FirmAccess access, CurrentUser current) {
        this.service = service;
        this.current = current;
        this.search = search;
        this.access = access;
    }

    @Operation(operationId = "listFirms", summary = "Search firms",
            description = "Filters: district id, NACE prefix, size class (MICRO, SMALL, MEDIUM, LARGE), a capability "
                    + "(process, certification or technology code) and free text over code and name.")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM, Role.AGENCY})
    @Get
    PageResponse<FirmView> list(@QueryValue @Nullable Long district, @QueryValue @Nullable String nace,
                                @QueryValue @Nullable String sizeClass, @QueryValue @Nullable String capability,
                                @QueryValue @Nullable String q, @QueryValue @Nullable Integer page,
                                @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, FirmSearch.SORT_COLUMNS.keySet(), "name");
        var result = search.search(new FirmSearch.Criteria(district, nace, parseSizeClass(sizeClass), capability, q,
                access.visibleFirms().orElse(null)), pageable);
        return PageResponse.of(service.views(result.firms()), pageable.getNumber(), pageable.getSize(), result.total());
    }

    @Operation(operationId = "getFirm", summary = "One firm, if the caller's scope includes it (404 otherwise)")
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM, Role.AGENCY})
    @Get("/{id}")
    FirmView get(long id) {
        access.require(id);
        service.require(id);
        return service.view(id);
    }

    /** An RTI assessor who registers a firm serves it from then on. */
    @Secured({Role.ADMIN_ROLE, Role.RTI})
    @Post
    @Status(HttpStatus.CREATED)
    FirmView create(@Body FirmRequest request) {
        FirmView created = service.create(request.toFirm(null), request.capabilitiesOrNone());
        access.assignToCurrentInstitute(created.id());
        return created;
    }

    /**
     * Changes a firm. The firm itself may change its name, code, market role and capabilities; the
     * attributes that choose its benchmark peers (district, NACE code, employees) only the RTI serving
     * it or an administrator may change, and each such change is audited with its old and new values.
     */
    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    @Put("/{id}")
    FirmView update(long id, @Body FirmRequest request) {
        access.requireWrite(id);
        Firm before = service.require(id);
        Firm after = request.toFirm(id);
        List<String> changed = peerDefiningChanges(before, after);
        if (!changed.isEmpty()) {
            if (current.is(Role.FIRM_USER)) {
                throw new DomainException(DomainException.Kind.FORBIDDEN, "peer-defining attributes are set by the RTI serving the firm "
                        + "or an administrator", changed.stream().map(c -> new DomainException.FieldError(c.substring(0, c.indexOf(' ')),
                        "is set by the RTI serving the firm or an administrator")).toList());
            }
            AuditTrail.note("firm " + id + " " + String.join(", ", changed));
        }
        return service.update(id, after, request.capabilitiesOrNone());
    }

    /** "field old → new" for each attribute that picks a firm's peer group and differs. */
    static List<String> peerDefiningChanges(Firm before, Firm after) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(before.districtId(), after.districtId())) {
            changes.add("districtId " + before.districtId() + " → " + after.districtId());
        }
        if (!Objects.equals(before.naceCode(), after.naceCode())) {
            changes.add("naceCode " + before.naceCode() + " → " + after.naceCode());
        }
        if (before.employees() != after.employees()) {
            changes.add("employees " + before.employees() + " → " + after.employees());
        }
        return changes;
    }

    @Secured(Role.ADMIN_ROLE)
    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        service.delete(id);
        return HttpResponse.noContent();
    }

    static SizeClass parseSizeClass(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SizeClass.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("sizeClass", "must be one of MICRO, SMALL, MEDIUM, LARGE");
        }
    }
}
