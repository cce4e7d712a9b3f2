package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/** Admins assign firms to the RTIs that serve them; assessors then see and assess those firms. */
@Tag(name = "Access")
@Secured(Role.ADMIN_ROLE)
@Controller("/api/v1/rti-assignments")
class RtiAssignmentController {

    private static final Logger LOG = LoggerFactory.getLogger(RtiAssignmentController.class);

    private final RtiAssignment.Repository assignments;
    private final FirmDirectory directory;

    RtiAssignmentController(RtiAssignment.Repository assignments, FirmDirectory directory) {
        this.assignments = assignments;
        this.directory = directory;
    }

    @Get
    PageResponse<RtiAssignment> list(@QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                     @QueryValue @Nullable String sort) {
        return PageResponse.of(assignments.findAll(PageQuery.of(page, size, sort, Set.of("id", "firmId", "institutionId"), "id")), a -> a);
    }

    @Post
    @Status(HttpStatus.CREATED)
    RtiAssignment create(@Body RtiAssignment request) {
        if (directory.regionOf(request.firmId()).isEmpty()) {
            throw DomainException.invalid("firmId", "firm " + request.firmId() + " does not exist");
        }
        if (assignments.existsByInstitutionIdAndFirmId(request.institutionId(), request.firmId())) {
            throw DomainException.conflict("firmId", "institution " + request.institutionId() + " already serves firm " + request.firmId());
        }
        RtiAssignment saved = assignments.save(new RtiAssignment(null, request.institutionId(), request.firmId()));
        LOG.info("rti assignment created id={} institution={} firm={}", saved.id(), saved.institutionId(), saved.firmId());
        return saved;
    }

    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        if (!assignments.existsById(id)) {
            throw DomainException.notFound("assignment", id);
        }
        assignments.deleteById(id);
        LOG.info("rti assignment deleted id={}", id);
        return HttpResponse.noContent();
    }
}
