package org.i4tracker.technology;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

@Tag(name = "Registry")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/v1/technologies")
class TechnologyController {

    private static final Logger LOG = LoggerFactory.getLogger(TechnologyController.class);
    private static final Set<String> SORTABLE = Set.of("id", "code", "name");

    record TechnologyRequest(String code, String name, @Nullable String description, @Nullable Long version) {
    }

    private final TechnologyRepository repository;

    TechnologyController(TechnologyRepository repository) {
        this.repository = repository;
    }

    @Get
    PageResponse<Technology> list(@QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                  @QueryValue @Nullable String sort) {
        return PageResponse.of(repository.findAll(PageQuery.of(page, size, sort, SORTABLE, "code")), t -> t);
    }

    @Get("/{id}")
    Technology get(long id) {
        return repository.findById(id).orElseThrow(() -> DomainException.notFound("technology", id));
    }

    @Secured(Role.ADMIN_ROLE)
    @Post
    @Status(HttpStatus.CREATED)
    Technology create(@Body TechnologyRequest request) {
        Technology technology = new Technology(null, request.code(), request.name(), request.description(), null);
        if (repository.existsByCode(technology.code())) {
            throw DomainException.conflict("code", "technology " + technology.code() + " already exists");
        }
        Technology saved = repository.save(technology);
        LOG.info("technology created id={} code={}", saved.id(), saved.code());
        return saved;
    }

    @Secured(Role.ADMIN_ROLE)
    @Put("/{id}")
    Technology update(long id, @Body TechnologyRequest request) {
        Technology current = get(id);
        Check.notNull(request.version(), "version");
        Technology technology = new Technology(id, request.code(), request.name(), request.description(), request.version());
        if (!technology.code().equals(current.code())) {
            // Firms' capabilities and adoption events refer to the code.
            throw DomainException.conflict("code", "the code of a technology cannot change; add a new technology instead");
        }
        Technology saved = repository.update(technology);
        LOG.info("technology updated id={} version={}", id, saved.version());
        return saved;
    }
}
