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
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.web.PageQuery;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/** Machines and lines of a pilot plant. */
@Tag(name = "Telemetry")
@Secured({Role.ADMIN_ROLE, Role.RTI})
@Controller("/api/v1/plants/{plantId}/machines")
class MachineController {

    private static final Logger LOG = LoggerFactory.getLogger(MachineController.class);
    private static final Set<String> SORTABLE = Set.of("id", "code", "name");

    record MachineRequest(String code, String name, Long idealCycleTimeMs, @Nullable Long version) {
        Machine toMachine(long plantId, Long id) {
            Check.notNull(idealCycleTimeMs, "idealCycleTimeMs");
            return new Machine(id, plantId, code, name, idealCycleTimeMs, null, version);
        }
    }

    private final PlantRepository plants;
    private final MachineRepository machines;
    private final MachineDirectory directory;
    private final PlantScope scope;

    MachineController(PlantRepository plants, MachineRepository machines, MachineDirectory directory, PlantScope scope) {
        this.plants = plants;
        this.scope = scope;
        this.machines = machines;
        this.directory = directory;
    }

    @Get
    PageResponse<Machine> list(long plantId, @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size,
                               @QueryValue @Nullable String sort) {
        requirePlant(plantId);
        return PageResponse.of(machines.findByPlantId(plantId, PageQuery.of(page, size, sort, SORTABLE, "code")), m -> m);
    }

    @Get("/{id}")
    Machine get(long plantId, long id) {
        requirePlant(plantId);
        return machines.findByIdAndPlantId(id, plantId).orElseThrow(() -> DomainException.notFound("machine", id));
    }

    @Post
    @Status(HttpStatus.CREATED)
    Machine create(long plantId, @Body MachineRequest request) {
        requirePlantWrite(plantId);
        Machine machine = request.toMachine(plantId, null);
        if (machines.existsByPlantIdAndCode(plantId, machine.code())) {
            throw DomainException.conflict("code", "plant " + plantId + " already has a machine with code " + machine.code());
        }
        Machine saved = machines.save(machine);
        directory.forget();
        LOG.info("machine created id={} plant={} code={}", saved.id(), plantId, saved.code());
        return saved;
    }

    @Put("/{id}")
    Machine update(long plantId, long id, @Body MachineRequest request) {
        requirePlantWrite(plantId);
        Machine current = get(plantId, id);
        Check.notNull(request.version(), "version");
        Machine requested = request.toMachine(plantId, id);
        if (machines.existsByPlantIdAndCodeAndIdNotEqual(plantId, requested.code(), id)) {
            throw DomainException.conflict("code", "plant " + plantId + " already has a machine with code " + requested.code());
        }
        Machine saved = machines.update(new Machine(id, plantId, requested.code(), requested.name(),
                requested.idealCycleTimeMs(), current.firstTelemetryAt(), requested.version()));
        directory.forget();
        LOG.info("machine updated id={} version={}", id, saved.version());
        return saved;
    }

    /**
     * Deletes the machine and, with it, its stored samples, rollups and dead-letter links. A machine that has reported
     * telemetry is deleted only with {@code withTelemetry=true} (409 naming {@code withTelemetry} otherwise), so that a
     * wrong id or a stale page does not drop months of a pilot plant's history.
     */
    @Delete("/{id}")
    HttpResponse<Void> delete(long plantId, long id, @QueryValue("withTelemetry") @Nullable @Schema(type = "boolean") String withTelemetryFlag) {
        boolean withTelemetry = Check.flag(withTelemetryFlag, "withTelemetry");
        requirePlantWrite(plantId);
        Machine machine = get(plantId, id);
        if (machine.firstTelemetryAt() != null && !withTelemetry) {
            throw DomainException.conflict("withTelemetry", "machine " + machine.code() + " has stored telemetry since "
                    + machine.firstTelemetryAt() + "; deleting it deletes its samples and KPIs: repeat with withTelemetry=true");
        }
        machines.deleteById(id);
        directory.forget();
        LOG.info("machine deleted id={} plant={}", id, plantId);
        return HttpResponse.noContent();
    }

    private void requirePlant(long plantId) {
        scope.read(plantId);
    }

    private void requirePlantWrite(long plantId) {
        scope.write(plantId);
    }
}
