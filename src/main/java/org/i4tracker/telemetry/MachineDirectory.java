package org.i4tracker.telemetry;

import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the plant and machine codes of a topic to the registered machine. Ingest asks for every
 * message, so answers (also "not registered") are cached; the registry controllers call
 * {@link #forget()} on every change. Another instance's change is seen after
 * {@code i4.telemetry.directory-ttl} at the latest.
 */
@Singleton
class MachineDirectory {

    /** What ingest needs to know about a registered machine. */
    record MachineRef(long machineId, long plantId, long firmId, long idealCycleTimeMs, boolean reportedBefore) {
    }

    private record Entry(Optional<MachineRef> ref, long loadedAtNanos) {
    }

    private final PlantRepository plants;
    private final MachineRepository machines;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final Set<Long> reported = ConcurrentHashMap.newKeySet();

    MachineDirectory(PlantRepository plants, MachineRepository machines, TelemetrySettings settings) {
        this.plants = plants;
        this.machines = machines;
        this.ttlNanos = settings.getDirectoryTtl().toNanos();
    }

    Optional<MachineRef> find(String plantCode, String machineCode) {
        String key = plantCode + '/' + machineCode;
        Entry entry = cache.get(key);
        long now = System.nanoTime();
        if (entry == null || now - entry.loadedAtNanos() > ttlNanos) {
            entry = new Entry(load(plantCode, machineCode), now);
            cache.put(key, entry);
        }
        return entry.ref().map(ref -> ref.reportedBefore() || !reported.contains(ref.machineId()) ? ref
                : new MachineRef(ref.machineId(), ref.plantId(), ref.firmId(), ref.idealCycleTimeMs(), true));
    }

    /** Remembers that the machine has reported, so the first-report check is not repeated for it. */
    void markReported(long machineId) {
        reported.add(machineId);
    }

    void forget() {
        cache.clear();
    }

    private Optional<MachineRef> load(String plantCode, String machineCode) {
        return plants.findByCode(plantCode).flatMap(plant -> machines.findByPlantIdAndCode(plant.id(), machineCode)
                .map(m -> new MachineRef(m.id(), plant.id(), plant.firmId(), m.idealCycleTimeMs(), m.firstTelemetryAt() != null)));
    }
}
