package org.i4tracker.district;

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
@Controller("/api/v1/regions")
class RegionController {

    private static final Logger LOG = LoggerFactory.getLogger(RegionController.class);
    private static final Set<String> SORTABLE = Set.of("id", "code", "name");

    /** What a client sends to create or update a region; {@code version} is required on update. */
    record RegionRequest(String code, String name, @Nullable Long parentId, @Nullable Long version) {
        Region toRegion(Long id) {
            return new Region(id, code, name, parentId, version);
        }
    }

    private final RegionRepository regions;
    private final DistrictRepository districts;

    RegionController(RegionRepository regions, DistrictRepository districts) {
        this.regions = regions;
        this.districts = districts;
    }

    @Get
    PageResponse<Region> list(@QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                              @QueryValue @Nullable String sort) {
        return PageResponse.of(regions.findAll(PageQuery.of(page, size, sort, SORTABLE, "code")), r -> r);
    }

    @Get("/{id}")
    Region get(long id) {
        return regions.findById(id).orElseThrow(() -> DomainException.notFound("region", id));
    }

    @Secured(Role.ADMIN_ROLE)
    @Post
    @Status(HttpStatus.CREATED)
    Region create(@Body RegionRequest request) {
        Region region = request.toRegion(null);
        checkParent(region);
        if (regions.existsByCode(region.code())) {
            throw DomainException.conflict("code", "a region with code " + region.code() + " already exists");
        }
        Region saved = regions.save(region);
        LOG.info("region created id={} code={}", saved.id(), saved.code());
        return saved;
    }

    @Secured(Role.ADMIN_ROLE)
    @Put("/{id}")
    Region update(long id, @Body RegionRequest request) {
        get(id);
        Check.notNull(request.version(), "version");
        Region region = request.toRegion(id);
        checkParent(region);
        if (regions.existsByCodeAndIdNotEqual(region.code(), id)) {
            throw DomainException.conflict("code", "a region with code " + region.code() + " already exists");
        }
        Region saved = regions.update(region);
        LOG.info("region updated id={} version={}", id, saved.version());
        return saved;
    }

    @Secured(Role.ADMIN_ROLE)
    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        get(id);
        if (districts.existsByRegionId(id) || regions.existsByParentId(id)) {
            throw DomainException.conflict(null, "region " + id + " still has districts or sub-regions");
        }
        regions.deleteById(id);
        LOG.info("region deleted id={}", id);
        return HttpResponse.noContent();
    }

    private void checkParent(Region region) {
        Long parent = region.parentId();
        for (int depth = 0; parent != null; depth++) {
            Long current = parent;
            Region p = regions.findById(current).orElseThrow(() -> DomainException.invalid("parentId", "region " + current + " does not exist"));
            Check.that(region.id() == null || !region.id().equals(p.id()) && depth < 32, "parentId", "would make a cycle of regions");
            parent = p.parentId();
        }
    }
}
