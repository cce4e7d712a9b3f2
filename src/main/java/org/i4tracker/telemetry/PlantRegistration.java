package org.i4tracker.telemetry;

import jakarta.inject.Singleton;

/**
 * Registers plants and machines for callers inside the service that do not go through the HTTP API
 * (the demo region). Every change makes ingest look the machine up again, as the registry controllers do.
 */
@Singleton
public class PlantRegistration {

    private final PlantRepository plants;
    private final MachineRepository machines;
    private final MachineDirectory directory;

    PlantRegistration(PlantRepository plants, MachineRepository machines, MachineDirectory directory) {
        this.plants = plants;
        this.machines = machines;
        this.directory = directory;
    }

    public Plant addPlant(Plant plant) {
        Plant saved = plants.save(plant);
        directory.forget();
        return saved;
    }

    public Machine addMachine(Machine machine) {
        Machine saved = machines.save(machine);
        directory.forget();
        return saved;
    }

    /** Whether ingest knows machine {@code machineCode} of plant {@code plantCode}. */
    public boolean hasMachine(String plantCode, String machineCode) {
        return directory.find(plantCode, machineCode).isPresent();
    }
}
