package org.i4tracker.telemetry;

import io.micronaut.security.annotation.Secured;
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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.i4tracker.actor.FirmService;
import org.i4tracker.actor.Institution;
import org.i4tracker.actor.InstitutionRepository;
import org.i4tracker.common.Check;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/** Registry of pilot plants; a plant belongs to a firm and may be run with an RTI. */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI})
@Controller("/api/v1/plants")
class PlantController {

    private static final Logger LOG = LoggerFactory.getLogger(PlantController.class);
    private static final Set<String> SORTABLE = Set.of("id", "code", "name", "firmId");

    record PlantRequest(String code, String name, Long firmId, @Nullable Long rtiId, @Nullable Long version) {
        /**
         * A plant's code is its MQTT login and Sparkplug group: {@code STATE} would let its login publish host state
         * ({@code spBv1.0/STATE/…}) to every edge node, and the service's own login must stay the service's.
         */
        PlantRequest {
            Check.that(code == null || !(code.strip().equalsIgnoreCase("STATE") || code.strip().equalsIgnoreCase(PlantMqttCredentials.SERVICE_USER)),
                    "code", "is reserved (Sparkplug host state, the service's own broker login)");
        }

        Plant toPlant(Long id) {
            return new Plant(id, code, name, firmId, rtiId, version);
        }
    }

    private final PlantRepository plants;
    private final FirmService firms;
    private final InstitutionRepository institutions;
    private final MachineDirectory directory;
    private final MachineRepository machines;
    private final PlantScope scope;
    private final FirmAccess access;

    PlantController(PlantRepository plants, FirmService firms, InstitutionRepository institutions, MachineDirectory directory,
                    MachineRepository machines, PlantScope scope, FirmAccess access) {
        this.plants = plants;
        this.machines = machines;
        this.scope = scope;
        this.access = access;
        this.firms = firms;
        this.institutions = institutions;
        this.directory = directory;
    }

    @Get
    PageResponse<Plant> list(@QueryValue @Nullable Long firm, @QueryValue @Nullable Integer page,
                             @QueryValue @Nullable Integer size, @QueryValue @Nullable String sort) {
        var pageable = PageQuery.of(page, size, sort, SORTABLE, "code");
        if (firm != null) {
            access.require(firm);
            return PageResponse.of(plants.findByFirmId(firm, pageable), p -> p);
        }
        var visible = access.visibleFirms();
        if (visible.isEmpty()) {
            return PageResponse.of(plants.findAll(pageable), p -> p);
        }
        if (visible.get().isEmpty()) {
            return PageResponse.of(java.util.List.of(), pageable.getNumber(), pageable.getSize(), 0);
        }
        return PageResponse.of(plants.findByFirmIdIn(visible.get(), pageable), p -> p);
    }

    @Get("/{id}")
    Plant get(long id) {
        return scope.read(id);
    }

    @Post
    @Status(HttpStatus.CREATED)
    Plant create(@Body PlantRequest request) {
        Plant plant = request.toPlant(null);
        checkReferences(plant);
        if (plants.existsByCode(plant.code())) {
            throw DomainException.conflict("code", "a plant with code " + plant.code() + " already exists");
        }
        Plant saved = plants.save(plant);
        LOG.info("plant created id={} code={} firm={}", saved.id(), saved.code(), saved.firmId());
        return saved;
    }

    @Put("/{id}")
    Plant update(long id, @Body PlantRequest request) {
        scope.write(id);
        Check.notNull(request.version(), "version");
        Plant plant = request.toPlant(id);
        checkReferences(plant);
        if (plants.existsByCodeAndIdNotEqual(plant.code(), id)) {
            throw DomainException.conflict("code", "a plant with code " + plant.code() + " already exists");
        }
        Plant saved = plants.update(plant);
        directory.forget();
        LOG.info("plant updated id={} version={}", id, saved.version());
        return saved;
    }

    /**
     * Deletes the plant with its machines, their stored telemetry and its broker login. A plant whose machines have
     * reported telemetry is deleted only with {@code withTelemetry=true} (409 naming {@code withTelemetry} otherwise,
     * with the number of such machines).
     */
    @Delete("/{id}")
    HttpResponse<Void> delete(long id, @QueryValue("withTelemetry") @Nullable @Schema(type = "boolean") String withTelemetryFlag) {
        boolean withTelemetry = Check.flag(withTelemetryFlag, "withTelemetry");
        scope.write(id);
        long reporting = machines.countByPlantIdAndFirstTelemetryAtIsNotNull(id);
        if (reporting > 0 && !withTelemetry) {
            throw DomainException.conflict("withTelemetry", "the plant has " + reporting + (reporting == 1 ? " machine" : " machines")
                    + " with stored telemetry; deleting it deletes their samples and KPIs: repeat with withTelemetry=true");
        }
        plants.deleteById(id);
        directory.forget();
        LOG.info("plant deleted id={}", id);
        return HttpResponse.noContent();
    }

    private void checkReferences(Plant plant) {
        try {
            firms.require(plant.firmId());
        } catch (DomainException e) {
            throw DomainException.invalid("firmId", "firm " + plant.firmId() + " does not exist");
        }
        // Only administrators and RTI assessors reach these routes, so reading the firm is the write check.
        access.require(plant.firmId(), () -> DomainException.invalid("firmId", "firm " + plant.firmId() + " does not exist"));
        if (plant.rtiId() != null) {
            Institution rti = institutions.findById(plant.rtiId()).orElseThrow(() ->
                    DomainException.invalid("rtiId", "institution " + plant.rtiId() + " does not exist"));
            Check.that(rti.kind() == Institution.Kind.RTI, "rtiId", "institution " + rti.id() + " is not an RTI");
        }
    }
}
