package org.i4tracker.benchmark;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.i4tracker.assessment.ValidatedScores;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Peer statistics per model version, kept fresh in the background: a report never waits for a rebuild.
 * <p>
 * Settings: {@link BenchmarkSettings}. Every {@code i4.benchmark.refresh-interval} (default 1s) the refresher reads a cheap marker from the shared
 * database ({@link PeerInputs.Marker}: validated assessments of the version, the latest validation time,
 * firm and district row versions) for every model version it holds. When only validations happened, it reads
 * the assessments validated since its last reading (less {@code i4.benchmark.validation-slack}, default 2m, for
 * transactions that commit after they stamped the time) and applies them to the previous snapshot; when a firm or
 * district changed, and at least every {@code i4.benchmark.full-rebuild-interval} (default 15m, which also catches a
 * validation that committed more than the slack after its time stamp), it rebuilds from all validated assessments. Then it swaps the new {@link PeerSnapshot} in; readers keep the previous consistent
 * snapshot meanwhile. The marker lives in the database, so every instance sees another instance's validation
 * within one interval plus the time of an incremental update.
 * <p>
 * Small groups are published in batches ({@link PeerGroupVersion}); their versions are stored in
 * {@code peer_group_version}, shared by every instance and kept across restarts.
 * <p>
 * At start-up the snapshots of every model version with validated assessments are built in the background;
 * a report that arrives before its version's first snapshot is ready waits for that one build.
 * <p>
 * {@code i4.benchmark.k-floor} (default 5): figures are only shown for groups of at least k firms besides the
 * firm reading the report (see {@link PeerGroups}). {@code i4.benchmark.full-figures-from} (default 20) and
 * {@code i4.benchmark.resolution-percent} (default 5): which figures are published and how coarsely (see
 * {@link PeerFigures}).
 */
@Singleton
class PeerStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(PeerStatistics.class);

    private final PeerInputs inputs;
    private final PeerGroupVersionStore store;
    private final ModelRegistry models;
    private final int kFloor;
    private final int fullFiguresFrom;
    private final PeerFigures figures;
    private final Duration slack;
    private final long fullRebuildNanos;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peer-statistics");
        t.setDaemon(true);
        return t;
    });

    /** What the instance holds for one model version; {@code first} completes with the first snapshot. */
    private static final class Held {
        final String modelId;
        final String version;
        final List<String> dimensions;
        final CompletableFuture<PeerSnapshot> first = new CompletableFuture<>();
        volatile PeerSnapshot snapshot;
        /** Stored group versions as last read, by group code, and when they were last read. */
        final Map<String, PeerGroupVersion> versions = new HashMap<>();
        Instant versionsReadAt;
        long fullBuildAt;

        Held(String modelId, String version, List<String> dimensions) {
            this.modelId = modelId;
            this.version = version;
            this.dimensions = dimensions;
        }
    }

    PeerStatistics(PeerInputs inputs, PeerGroupVersionStore store, ModelRegistry models, BenchmarkSettings settings) {
        this.inputs = inputs;
        this.store = store;
        this.models = models;
        this.kFloor = settings.kFloor();
        this.fullFiguresFrom = settings.fullFiguresFrom();
        this.figures = new PeerFigures(kFloor, fullFiguresFrom, settings.resolutionPercent());
        this.slack = settings.validationSlack();
        this.fullRebuildNanos = settings.fullRebuildInterval().toNanos();
        long every = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshAll, every, every, TimeUnit.MILLISECONDS);
    }

    int kFloor() {
        return kFloor;
    }

    /** Which figures are published, and how coarsely. */
    PeerFigures figures() {
        return figures;
    }

    /** Starts building the snapshots of every model version with validated assessments, in the background. */
    @EventListener
    void onStartup(StartupEvent event) {
        refresher.execute(() -> {
            try {
                for (ValidatedScores.ModelVersion mv : inputs.modelVersionsWithValidated()) {
                    held(mv.modelId(), mv.version(), models.engine(mv.modelId(), mv.version()).model().dimensions().stream().map(Dimension::code).toList());
                }
            } catch (RuntimeException e) {
                LOG.warn("peer statistics not built at start-up ({}); the first report of each model version builds them", e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    /** The latest snapshot of a model version; {@code dimensions} in model order. Waits only for a version's very first build. */
    PeerSnapshot current(String modelId, String version, List<String> dimensions) {
        Held h = held(modelId, version, dimensions);
        PeerSnapshot s = h.snapshot;
        return s != null ? s : h.first.join();
    }

    private Held held(String modelId, String version, List<String> dimensions) {
        String key = modelId + "@" + version;
        Held h = held.get(key);
        if (h != null) {
            return h;
        }
        Held created = new Held(modelId, version, dimensions);
        Held raced = held.putIfAbsent(key, created);
        if (raced != null) {
            return raced;
        }
        synchronized (created) {
            try {
                refresh(created);
            } catch (RuntimeException e) {
                held.remove(key, created);
                created.first.completeExceptionally(e);
                throw e;
            }
        }
        return created;
    }

    /** Brings every held model version up to date with the database; runs on the refresher thread, one call at a time. */
    void refreshAll() {
        for (Held h : held.values()) {
            if (h.snapshot == null) {
                continue; // its first build is running in the thread that created it
            }
            try {
                synchronized (h) {
                    refresh(h);
                }
            } catch (RuntimeException e) { // the database may be unreachable for a while: keep serving the last snapshot
                LOG.warn("peer statistics refresh failed model={}@{}: {}", h.modelId, h.version, e.getMessage());
            }
        }
    }

    private void refresh(Held h) {
        PeerInputs.Marker marker = inputs.marker(h.modelId, h.version);
        PeerSnapshot previous = h.snapshot;
        PeerInputs.Marker before = previous == null ? null : (PeerInputs.Marker) previous.marker();
        if (marker.equals(before)) {
            return;
        }
        long start = System.nanoTime();
        Map<Long, PeerSnapshot.Entry> entries = null;
        Set<Long> changedFirms = null;
        boolean incremental = before != null && before.onlyValidationsBefore(marker) && before.lastValidatedAt() != null
                && System.nanoTime() - h.fullBuildAt < fullRebuildNanos;
        if (incremental) {
            List<PeerInputs.ScoredAssessment> since = inputs.validatedSince(h.modelId, h.version, before.lastValidatedAt().minus(slack), previous::entry);
            entries = new HashMap<>(previous.entries());
            changedFirms = new HashSet<>();
            for (PeerInputs.ScoredAssessment a : since) {
                PeerSnapshot.Entry old = entries.get(a.member().firmId());
                if (old == null || a.waveNumber() > old.waveNumber()
                        || (a.waveNumber() == old.waveNumber() && a.assessmentId() != old.assessmentId())) {
                    entries.put(a.member().firmId(), entry(a, h.dimensions));
                    changedFirms.add(a.member().firmId());
                }
            }
        }
        if (!incremental) {
            h.fullBuildAt = System.nanoTime();
            entries = PeerSnapshot.byFirm(inputs.latestValidated(h.modelId, h.version).stream().map(a -> entry(a, h.dimensions)).toList());
            changedFirms = null;
        }
        long read = System.nanoTime();
        PeerGroups groups = PeerSnapshot.group(entries, kFloor);
        long grouped = System.nanoTime();
        Map<PeerGroups.Key, PeerGroupVersion> versions = versions(h, entries, groups);
        long versioned = System.nanoTime();
        Set<PeerGroups.Key> affected = null;
        if (changedFirms != null) {
            affected = new HashSet<>();
            for (Long firmId : changedFirms) {
                for (PeerGroupLevel level : PeerGroupLevel.values()) {
                    affected.add(PeerGroups.Key.of(level, entries.get(firmId).member()));
                    PeerSnapshot.Entry old = previous.entry(firmId);
                    if (old != null) {
                        affected.add(PeerGroups.Key.of(level, old.member()));
                    }
                }
            }
        }
        PeerSnapshot built = new PeerSnapshot(marker, entries, groups, versions, h.dimensions.size() + 1, fullFiguresFrom, previous, affected);
        h.snapshot = built;
        h.first.complete(built);
        long end = System.nanoTime();
        LOG.info("peer statistics {} model={}@{} firms={} changed={} ms={} (read {}, groups {}, versions {}, figures {})",
                incremental ? "updated" : "rebuilt", h.modelId, h.version, built.firms(), changedFirms == null ? "all" : changedFirms.size(),
                (end - start) / 1_000_000, (read - start) / 1_000_000, (grouped - read) / 1_000_000, (versioned - grouped) / 1_000_000,
                (end - versioned) / 1_000_000);
    }

    /** The version readers are shown of every published group: read what other instances stored, store what moved on. */
    private Map<PeerGroups.Key, PeerGroupVersion> versions(Held h, Map<Long, PeerSnapshot.Entry> entries, PeerGroups groups) {
        Instant readAt = Instant.now();
        for (PeerGroupVersionStore.StoredVersion row : store.versions(h.modelId, h.version,
                h.versionsReadAt == null ? null : h.versionsReadAt.minus(slack))) {
            h.versions.put(row.groupKey(), row.version());
        }
        h.versionsReadAt = readAt;
        Map<PeerGroups.Key, PeerGroupVersion> result = new HashMap<>();
        for (PeerGroups.Key key : groups.keys()) {
            if (!groups.published(key)) {
                continue;
            }
            String code = key.code();
            PeerGroupVersion stored = h.versions.get(code);
            PeerGroupVersion next = PeerGroupVersion.next(stored, PeerSnapshot.currentMembers(entries, groups, key), kFloor, fullFiguresFrom);
            if (next != stored) {
                next = store.store(h.modelId, h.version, code, stored, next).version();
                h.versions.put(code, next);
            }
            result.put(key, next);
        }
        return result;
    }

    private static PeerSnapshot.Entry entry(PeerInputs.ScoredAssessment a, List<String> dimensions) {
        double[] scores = new double[dimensions.size() + 1];
        scores[0] = a.overall() == null ? Double.NaN : a.overall();
        for (int d = 0; d < dimensions.size(); d++) {
            Double s = a.scores().get(dimensions.get(d));
            scores[d + 1] = s == null ? Double.NaN : s;
        }
        return new PeerSnapshot.Entry(a.member(), a.assessmentId(), a.waveNumber(), scores);
    }
}
