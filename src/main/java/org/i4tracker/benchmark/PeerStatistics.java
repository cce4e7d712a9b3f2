package org.i4tracker.benchmark;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cached peer statistics per model version. Each request compares a cheap database marker
 * ({@link BenchmarkQueries.Marker}: number of validated assessments of the version, firm and district
 * row versions) with the marker the cached {@link PeerSnapshot} was built from, and rebuilds from the
 * database when they differ. The marker lives in the shared database, so every instance sees another
 * instance's validation on its next request — no in-memory event has to reach it — and a report never
 * scans all assessments unless something changed.
 * <p>
 * {@code i4.benchmark.k-floor} (default 5): figures are only shown for groups of at least k firms
 * besides the firm reading the report (see {@link PeerGroups}).
 */
@Singleton
class PeerStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(PeerStatistics.class);

    private final BenchmarkQueries queries;
    private final int kFloor;
    private final Map<String, PeerSnapshot> cache = new ConcurrentHashMap<>();

    PeerStatistics(BenchmarkQueries queries, @Value("${i4.benchmark.k-floor:5}") int kFloor) {
        if (kFloor < 1) {
            throw new IllegalArgumentException("i4.benchmark.k-floor must be at least 1, got " + kFloor);
        }
        this.queries = queries;
        this.kFloor = kFloor;
    }

    int kFloor() {
        return kFloor;
    }

    /** The statistics of a model version as of now; {@code dimensions} in model order. */
    PeerSnapshot current(String modelId, String version, List<String> dimensions) {
        String key = modelId + "@" + version;
        BenchmarkQueries.Marker marker = queries.marker(modelId, version);
        PeerSnapshot cached = cache.get(key);
        if (cached != null && cached.marker().equals(marker)) {
            return cached;
        }
        synchronized (this) { // one rebuild at a time; waiting requests then find the fresh snapshot
            cached = cache.get(key);
            if (cached != null && cached.marker().equals(marker)) {
                return cached;
            }
            long start = System.nanoTime();
            PeerSnapshot built = build(marker, modelId, version, dimensions);
            cache.put(key, built);
            LOG.info("peer statistics rebuilt model={}@{} firms={} marker={} ms={}", modelId, version, built.firms(), marker,
                    (System.nanoTime() - start) / 1_000_000);
            return built;
        }
    }

    private PeerSnapshot build(BenchmarkQueries.Marker marker, String modelId, String version, List<String> dimensions) {
        List<PeerSnapshot.Entry> entries = queries.latestValidated(modelId, version).stream().map(a -> {
            double[] scores = new double[dimensions.size() + 1];
            scores[0] = a.overall() == null ? Double.NaN : a.overall();
            for (int d = 0; d < dimensions.size(); d++) {
                Double s = a.scores().get(dimensions.get(d));
                scores[d + 1] = s == null ? Double.NaN : s;
            }
            return new PeerSnapshot.Entry(a.member(), a.assessmentId(), a.waveNumber(), scores);
        }).toList();
        return PeerSnapshot.of(marker, entries, dimensions.size() + 1, kFloor);
    }
}
