package org.i4tracker.telemetry;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the plant and machine codes of a topic to the registered machine. Ingest asks for every
 * message, so answers (also "not registered") are cached; the registry controllers call
 * {@link #forget()} on every change. Another instance's change is seen after
 * {@code i4.telemetry.directory-ttl} at the latest. Each cache holds at most {@value #MAX_CACHED} codes and
 * starts again when full.
 */
@Singleton
class MachineDirectory {

    /** What ingest needs to know about a registered machine. */
    record MachineRef(long machineId, long plantId, long firmId, long idealCycleTimeMs, boolean reportedBefore) {
    }

    private record Entry(Optional<MachineRef> ref, long loadedAtNanos) {
    }

    private static final String LOOKUP = "SELECT m.id, p.id, p.firm_id, m.ideal_cycle_time_ms, m.first_telemetry_at"
            + " FROM machine m JOIN plant p ON p.id = m.plant_id WHERE p.code = ? AND m.code = ?";

    private static final int MAX_CACHED = 100_000;

    private final DataSource dataSource;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private record PlantEntry(boolean registered, long loadedAtNanos) {
    }

    private final ConcurrentHashMap<String, PlantEntry> plants = new ConcurrentHashMap<>();
    private final Set<Long> reported = ConcurrentHashMap.newKeySet();

    MachineDirectory(DataSource dataSource, DataSourceResolver resolver, TelemetrySettings settings) {
        this.dataSource = resolver.resolve(dataSource);
        this.ttlNanos = settings.getDirectoryTtl().toNanos();
    }

    Optional<MachineRef> find(String plantCode, String machineCode) {
        String key = plantCode + '/' + machineCode;
        Entry entry = cache.get(key);
        long now = System.nanoTime();
        if (entry == null || now - entry.loadedAtNanos() > ttlNanos) {
            entry = new Entry(load(plantCode, machineCode), now);
            if (cache.size() > MAX_CACHED) {
                cache.clear(); // "not registered" is cached too: a stream of invented codes must not grow the map
            }
            cache.put(key, entry);
        }
        return entry.ref().map(ref -> ref.reportedBefore() || !reported.contains(ref.machineId()) ? ref
                : new MachineRef(ref.machineId(), ref.plantId(), ref.firmId(), ref.idealCycleTimeMs(), true));
    }

    /** Whether a plant with this code is registered (cached as {@link #find}); Sparkplug keeps node state only for those. */
    boolean plantRegistered(String plantCode) {
        PlantEntry entry = plants.get(plantCode);
        long now = System.nanoTime();
        if (entry == null || now - entry.loadedAtNanos() > ttlNanos) {
            entry = new PlantEntry(exists(plantCode), now);
            if (plants.size() > MAX_CACHED) {
                plants.clear();
            }
            plants.put(plantCode, entry);
        }
        return entry.registered();
    }

    /** Remembers that the machine has reported, so the first-report check is not repeated for it. */
    void markReported(long machineId) {
        reported.add(machineId);
    }

    void forget() {
        cache.clear();
        plants.clear();
    }

    private boolean exists(String plantCode) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM plant WHERE code = ?")) {
            ps.setString(1, plantCode);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("plant lookup failed: " + e.getMessage(), e);
        }
    }

    /** Plain SQL on the ingest connection pool, the same text on H2 and PostgreSQL. */
    private Optional<MachineRef> load(String plantCode, String machineCode) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LOOKUP)) {
            ps.setString(1, plantCode);
            ps.setString(2, machineCode);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new MachineRef(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getTimestamp(5) != null)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("machine lookup failed: " + e.getMessage(), e);
        }
    }
}
