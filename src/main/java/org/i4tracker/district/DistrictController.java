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

import java.util.List;
import java.util.Set;

@Tag(name = "Registry")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/v1/districts")
class DistrictController {

    private static final Logger LOG = LoggerFactory.getLogger(DistrictController.class);
    private static final Set<String> SORTABLE = Set.of("id", "name", "naceCode", "regionId");

    record DistrictRequest(Long regionId, String name, String naceCode, @Nullable String description, @Nullable Long version) {
        District toDistrict(Long id) {
            return new District(id, regionId, name, naceCode, description, version);
        }
    }

    record EmploymentRequest(Integer totalEmployment, Integer establishments, @Nullable Long version) {
        EmploymentRequest {
            Check.notNull(totalEmployment, "totalEmployment");
            Check.notNull(establishments, "establishments");
        }
    }

    private final DistrictRepository districts;
    private final RegionRepository regions;
    private final DistrictEmploymentRepository employment;
    private final DistrictUsage usage;

    DistrictController(DistrictRepository districts, RegionRepository regions, DistrictEmploymentRepository employment,
                       DistrictUsage usage) {
        this.districts = districts;
        this.regions = regions;
        this.employment = employment;
        this.usage = usage;
    }

    @Get
    PageResponse<District> list(@QueryValue @Nullable Long region, @QueryValue @Nullable Integer page,
                                @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "name");
        return PageResponse.of(region == null ? districts.findAll(pageable) : districts.findByRegionId(region, pageable), d -> d);
    }

    @Get("/{id}")
    District get(long id) {
        return districts.findById(id).orElseThrow(() -> DomainException.notFound("district", id));
    }

    @Secured(Role.ADMIN_ROLE)
    @Post
    @Status(HttpStatus.CREATED)
    District create(@Body DistrictRequest request) {
        District district = request.toDistrict(null);
        checkRegion(district.regionId());
        if (districts.existsByRegionIdAndName(district.regionId(), district.name())) {
            throw DomainException.conflict("name", "region " + district.regionId() + " already has a district named " + district.name());
        }
        District saved = districts.save(district);
        LOG.info("district created id={} region={} name={}", saved.id(), saved.regionId(), saved.name());
        return saved;
    }

    @Secured(Role.ADMIN_ROLE)
    @Put("/{id}")
    District update(long id, @Body DistrictRequest request) {
        get(id);
        Check.notNull(request.version(), "version");
        District district = request.toDistrict(id);
        checkRegion(district.regionId());
        if (districts.existsByRegionIdAndNameAndIdNotEqual(district.regionId(), district.name(), id)) {
            throw DomainException.conflict("name", "region " + district.regionId() + " already has a district named " + district.name());
        }
        District saved = districts.update(district);
        LOG.info("district updated id={} version={}", id, saved.version());
        return saved;
    }

    @Secured(Role.ADMIN_ROLE)
    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        get(id);
        if (usage.isInUse(id)) {
            throw DomainException.conflict(null, "district " + id + " still has firms or institutions");
        }
        districts.deleteById(id);
        LOG.info("district deleted id={}", id);
        return HttpResponse.noContent();
    }

    @Get("/{id}/employment")
    List<DistrictEmployment> employment(long id) {
        get(id);
        return employment.findByDistrictIdOrderByReferenceYear(id);
    }

    /** Creates or replaces the statistics of one year; replacing needs the current {@code version}. */
    @Secured(Role.ADMIN_ROLE)
    @Put("/{id}/employment/{year}")
    DistrictEmployment putEmployment(long id, int year, @Body EmploymentRequest request) {
        get(id);
        var existing = employment.findByDistrictIdAndReferenceYear(id, year);
        DistrictEmployment row;
        if (existing.isPresent()) {
            Check.notNull(request.version(), "version");
            row = employment.update(new DistrictEmployment(existing.get().id(), id, year,
                    request.totalEmployment(), request.establishments(), request.version()));
        } else {
            row = employment.save(new DistrictEmployment(null, id, year, request.totalEmployment(), request.establishments(), null));
        }
        LOG.info("district employment saved district={} year={} employment={}", id, year, row.totalEmployment());
        return row;
    }

    private void checkRegion(Long regionId) {
        if (!regions.existsById(regionId)) {
            throw DomainException.invalid("regionId", "region " + regionId + " does not exist");
        }
    }
}
