package org.i4tracker.job;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.Role;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;

import java.util.Set;

@Tag(name = "Jobs")
@Secured(Role.ADMIN_ROLE)
@Controller("/api/v1/jobs")
class JobController {

    private static final Set<String> SORTABLE = Set.of("id", "createdAt", "kind", "status");

    private final Jobs jobs;
    private final JobRepository repository;
    private final CurrentUser current;

    JobController(Jobs jobs, JobRepository repository, CurrentUser current) {
        this.jobs = jobs;
        this.repository = repository;
        this.current = current;
    }

    @Get
    PageResponse<JobView> list(@QueryValue @Nullable String kind, @QueryValue @Nullable Integer page,
                               @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "id,desc");
        return PageResponse.of(kind == null ? repository.findAll(pageable) : repository.findByKind(kind, pageable), jobs::view);
    }

    /**
     * A job: administrators read every job, other users the jobs they started (an analyst's import); any other job
     * is answered like a missing one.
     */
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/{id}")
    JobView get(long id) {
        JobView job = jobs.get(id);
        if (!current.is(Role.ADMIN) && (job.createdBy() == null || !job.createdBy().equals(current.username().orElse(null)))) {
            throw DomainException.notFound("job", id);
        }
        return job;
    }

    /** Asks a queued or running job to stop at its next safe point; 409 when it has already finished. */
    @Post("/{id}/cancel")
    JobView cancel(long id) {
        return jobs.cancel(id);
    }
}
