package org.i4tracker.benchmark;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cached peer statistics per model version. Each request compares a cheap database marker
 * ({@link BenchmarkQueries.Marker}: number of validated assessments of the version, firm and district
 * row versions) with the marker the cached {@link PeerSnapshot} was built from, and rebuilds from the
 * database when they differ. The marker lives in the shared database, so every instance sees another
 * instance's validation on its next request — no in-memory event has to reach it — and a report never
 * scans all assessments unless something changed.
 * <p>
 * {@code i4.benchmark.marker-ttl} (default 1s): how long an instance reuses its last marker reading before
 * asking the database again — the staleness bound across instances (0 = ask on every request). While one
 * request rebuilds a snapshot, concurrent requests are served the previous snapshot (never one older than
 * the last completed rebuild); only the very first request of a version waits.
 * <p>
 * {@code i4.benchmark.k-floor} (default 5): figures are only shown for groups of at least k firms
 * besides the firm reading the report (see {@link PeerGroups}).
 * {@code i4.benchmark.full-figures-from} (default 20) and {@code i4.benchmark.resolution-percent} (default 5):
 * which figures are published and how coarsely (see {@link PeerFigures}).
 */
@Singleton
class PeerStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(PeerStatistics.class);

    private final BenchmarkQueries queries;
    private final int kFloor;
    private final PeerFigures figures;
    private final long markerTtlNanos;
    private final Map<String, PeerSnapshot> cache = new ConcurrentHashMap<>();
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();
    private final ReentrantLock rebuilding = new ReentrantLock();

    private record Checked(BenchmarkQueries.Marker marker, long atNanos) {
    }

    PeerStatistics(BenchmarkQueries queries, @Value("${i4.benchmark.k-floor:5}") int kFloor,
                   @Value("${i4.benchmark.marker-ttl:1s}") Duration markerTtl,
                   @Value("${i4.benchmark.full-figures-from:20}") int fullFiguresFrom,
                   @Value("${i4.benchmark.resolution-percent:5}") int resolutionPercent) {
        if (kFloor < 1) {
            throw new IllegalArgumentException("i4.benchmark.k-floor must be at least 1, got " + kFloor);
        }
        this.queries = queries;
        this.kFloor = kFloor;
        this.figures = new PeerFigures(kFloor, fullFiguresFrom, resolutionPercent);
        this.markerTtlNanos = markerTtl.toNanos();
    }

    int kFloor() {
        return kFloor;
    }

    /** Which figures are published, and how coarsely. */
    PeerFigures figures() {
        return figures;
    }

    /** The statistics of a model version as of now; {@code dimensions} in model order. */
    PeerSnapshot current(String modelId, String version, List<String> dimensions) {
        String key = modelId + "@" + version;
        BenchmarkQueries.Marker marker = marker(key, modelId, version);
        PeerSnapshot cached = cache.get(key);
        if (cached != null && cached.marker().equals(marker)) {
            return cached;
        }
        if (cached != null && !rebuilding.tryLock()) {
            return cached; // another request is rebuilding: serve the previous snapshot meanwhile
        }
        if (cached == null) {
            rebuilding.lock();
        }
        try {
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
        } finally {
            rebuilding.unlock();
        }
    }

    private BenchmarkQueries.Marker marker(String key, String modelId, String version) {
        long now = System.nanoTime();
        Checked last = checked.get(key);
        if (last != null && now - last.atNanos() < markerTtlNanos) {
            return last.marker();
        }
        BenchmarkQueries.Marker marker = queries.marker(modelId, version);
        checked.put(key, new Checked(marker, now));
        return marker;
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
