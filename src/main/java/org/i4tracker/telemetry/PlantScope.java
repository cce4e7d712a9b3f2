package org.i4tracker.telemetry;

import jakarta.inject.Singleton;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.common.DomainException;

/**
 * A plant, its machines, their telemetry and credentials are the plant's firm's data: this resolves a
 * plant id and asks {@link FirmAccess} about its firm. A plant outside the caller's scope is answered
 * like a plant that does not exist.
 */
@Singleton
class PlantScope {

    private final PlantRepository plants;
    private final FirmAccess access;

    PlantScope(PlantRepository plants, FirmAccess access) {
        this.plants = plants;
        this.access = access;
    }

    /** The plant, or 404 when it does not exist or its firm is outside the caller's scope. */
    Plant read(long plantId) {
        Plant plant = plants.findById(plantId).orElseThrow(() -> DomainException.notFound("plant", plantId));
        access.require(plant.firmId(), () -> DomainException.notFound("plant", plantId));
        return plant;
    }

    /** The plant, after checking that the caller may change its firm's data. */
    Plant write(long plantId) {
        Plant plant = read(plantId);
        access.requireWrite(plant.firmId());
        return plant;
    }
}
