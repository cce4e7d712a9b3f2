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
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.SizeClass;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.util.Locale;

@Tag(name = "Registry")
@Controller("/api/v1/firms")
class FirmController {

    private final FirmService service;
    private final FirmSearch search;
    private final FirmAccess access;

    FirmController(FirmService service, FirmSearch search, FirmAccess access) {
        this.service = service;
        this.search = search;
        this.access = access;
    }

    @Operation(summary = "Search firms",
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

    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM, Role.AGENCY})
    @Get("/{id}")
    FirmView get(long id) {
        service.require(id);
        access.require(id);
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

    @Secured({Role.ADMIN_ROLE, Role.RTI, Role.FIRM})
    @Put("/{id}")
    FirmView update(long id, @Body FirmRequest request) {
        service.require(id);
        access.require(id);
        return service.update(id, request.toFirm(id), request.capabilitiesOrNone());
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
