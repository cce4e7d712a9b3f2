package org.i4tracker.telemetry;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.storage.JdbcQuery;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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

    private static final String LOOKUP = "SELECT m.id, p.id, p.firm_id, m.ideal_cycle_time_ms, m.first_telemetry_at"
            + " FROM machine m JOIN plant p ON p.id = m.plant_id WHERE p.code = ? AND m.code = ?";

    private static final int MAX_CACHED = 100_000;

    private final DataSource dataSource;
    private final Cache<Optional<MachineRef>> machines;
    private final Cache<Boolean> plants;
    private final Set<Long> reported = ConcurrentHashMap.newKeySet();

    MachineDirectory(DataSource dataSource, DataSourceResolver resolver, TelemetrySettings settings) {
        this.dataSource = resolver.resolve(dataSource);
        long ttlNanos = settings.getDirectoryTtl().toNanos();
        this.machines = new Cache<>(ttlNanos);
        this.plants = new Cache<>(ttlNanos);
    }

    Optional<MachineRef> find(String plantCode, String machineCode) {
        return machines.get(plantCode + '/' + machineCode, () -> load(plantCode, machineCode))
                .map(ref -> ref.reportedBefore() || !reported.contains(ref.machineId()) ? ref
                        : new MachineRef(ref.machineId(), ref.plantId(), ref.firmId(), ref.idealCycleTimeMs(), true));
    }

    /** Whether a plant with this code is registered (cached as {@link #find}); Sparkplug keeps node state only for those. */
    boolean plantRegistered(String plantCode) {
        return plants.get(plantCode, () -> JdbcQuery.run(dataSource, "plant lookup", "SELECT 1 FROM plant WHERE code = ?",
                ps -> ps.setString(1, plantCode), ResultSet::next));
    }

    /** Remembers that the machine has reported, so the first-report check is not repeated for it. */
    void markReported(long machineId) {
        reported.add(machineId);
    }

    void forget() {
        machines.clear();
        plants.clear();
    }

    /** Plain SQL on the ingest connection pool, the same text on H2 and PostgreSQL. */
    private Optional<MachineRef> load(String plantCode, String machineCode) {
        return JdbcQuery.run(dataSource, "machine lookup", LOOKUP, ps -> {
            ps.setString(1, plantCode);
            ps.setString(2, machineCode);
        }, rs -> rs.next() ? Optional.of(new MachineRef(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getTimestamp(5) != null)) : Optional.empty());
    }

    /**
     * Answers by code, each kept for the TTL. "Not registered" is kept too, so a stream of invented codes would grow the
     * map: it starts again once it holds {@value #MAX_CACHED}.
     */
    private static final class Cache<V> {
        private record Entry<V>(V value, long loadedAtNanos) {
        }

        private final long ttlNanos;
        private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

        Cache(long ttlNanos) {
            this.ttlNanos = ttlNanos;
        }

        V get(String key, Supplier<V> load) {
            Entry<V> entry = entries.get(key);
            long now = System.nanoTime();
            if (entry == null || now - entry.loadedAtNanos() > ttlNanos) {
                entry = new Entry<>(load.get(), now);
                if (entries.size() > MAX_CACHED) {
                    entries.clear();
                }
                entries.put(key, entry);
            }
            return entry.value();
        }

        void clear() {
            entries.clear();
        }
    }
}
