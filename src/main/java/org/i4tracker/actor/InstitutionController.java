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
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.i4tracker.access.Role;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.district.DistrictRepository;
import org.i4tracker.district.RegionRepository;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

@Tag(name = "Registry")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Controller("/api/v1/institutions")
class InstitutionController {

    private static final Logger LOG = LoggerFactory.getLogger(InstitutionController.class);
    private static final Set<String> SORTABLE = Set.of("id", "name", "kind", "regionId");

    record InstitutionRequest(Long regionId, @Nullable Long districtId, String name, Institution.Kind kind,
                              Boolean marketActor, @Nullable Long version) {
        Institution toInstitution(Long id) {
            Check.notNull(marketActor, "marketActor");
            return new Institution(id, regionId, districtId, name, kind, marketActor, version);
        }
    }

    private final InstitutionRepository institutions;
    private final RegionRepository regions;
    private final DistrictRepository districts;

    InstitutionController(InstitutionRepository institutions, RegionRepository regions, DistrictRepository districts) {
        this.institutions = institutions;
        this.regions = regions;
        this.districts = districts;
    }

    @Get
    PageResponse<Institution> list(@QueryValue @Nullable Long region, @QueryValue @Nullable Institution.Kind kind,
                                   @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                                   @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "name");
        var result = region != null && kind != null ? institutions.findByRegionIdAndKind(region, kind, pageable)
                : region != null ? institutions.findByRegionId(region, pageable)
                : kind != null ? institutions.findByKind(kind, pageable)
                : institutions.findAll(pageable);
        return PageResponse.of(result, i -> i);
    }

    @Get("/{id}")
    Institution get(long id) {
        return institutions.findById(id).orElseThrow(() -> DomainException.notFound("institution", id));
    }

    @Secured(Role.ADMIN_ROLE)
    @Post
    @Status(HttpStatus.CREATED)
    Institution create(@Body InstitutionRequest request) {
        Institution institution = request.toInstitution(null);
        checkReferences(institution);
        if (institutions.existsByRegionIdAndName(institution.regionId(), institution.name())) {
            throw DomainException.conflict("name", "region " + institution.regionId() + " already has an institution named " + institution.name());
        }
        Institution saved = institutions.save(institution);
        LOG.info("institution created id={} kind={} name={}", saved.id(), saved.kind(), saved.name());
        return saved;
    }

    @Secured(Role.ADMIN_ROLE)
    @Put("/{id}")
    Institution update(long id, @Body InstitutionRequest request) {
        get(id);
        Check.notNull(request.version(), "version");
        Institution institution = request.toInstitution(id);
        checkReferences(institution);
        if (institutions.existsByRegionIdAndNameAndIdNotEqual(institution.regionId(), institution.name(), id)) {
            throw DomainException.conflict("name", "region " + institution.regionId() + " already has an institution named " + institution.name());
        }
        Institution saved = institutions.update(institution);
        LOG.info("institution updated id={} version={}", id, saved.version());
        return saved;
    }

    @Secured(Role.ADMIN_ROLE)
    @Delete("/{id}")
    HttpResponse<Void> delete(long id) {
        get(id);
        institutions.deleteById(id);
        LOG.info("institution deleted id={}", id);
        return HttpResponse.noContent();
    }

    private void checkReferences(Institution institution) {
        if (!regions.existsById(institution.regionId())) {
            throw DomainException.invalid("regionId", "region " + institution.regionId() + " does not exist");
        }
        if (institution.districtId() != null) {
            var district = districts.findById(institution.districtId()).orElseThrow(() ->
                    DomainException.invalid("districtId", "district " + institution.districtId() + " does not exist"));
            Check.that(district.regionId().equals(institution.regionId()), "districtId", "district lies in another region");
        }
    }
}
