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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Peer statistics per model version, kept fresh in the background: a report never waits for a rebuild.
 * <p>
 * Settings: {@link BenchmarkSettings}. Every {@code i4.benchmark.refresh-interval} (default 1s) the refresher reads a cheap marker from the shared
 * database ({@link PeerInputs.Marker}: validated assessments of the version, the latest validation time,
 * firm and district row versions) for every model version it holds. When only validations happened, it reads
 * the assessments validated since its last reading (less {@code i4.benchmark.validation-slack}, default 2m, for
 * transactions that commit after they stamped the time) and applies them to the previous snapshot: only the groups a
 * changed firm leaves or joins are regrouped ({@link PeerGroups#with}) and have their versions decided; a large group's
 * figures take the changed firms' previous scores out and their current ones in ({@link PeerDistribution#replaced}), a
 * small group's come from its version. The marker's count is read from an anchor ({@code ValidatedScores#marker}), so a
 * reading costs the last minutes' validations, not the region's. When a firm or district changed, and at least every {@code i4.benchmark.full-rebuild-interval}
 * (default 15m, which also catches a validation that committed more than the slack after its time stamp), a full read of
 * all validated assessments runs on a thread of its own; validations keep being applied meanwhile (unless a firm or
 * district changed, which the previous snapshot cannot follow), and the next refresh after the read applies it with the
 * validations since. Readers keep the previous consistent snapshot throughout. The marker lives in the database, so
 * every instance sees another instance's validation within one interval plus the time of an update.
 * <p>
 * After each update the entries of the firms that changed are stored with the marker ({@link PeerInputStore}). At
 * start-up every model version with validated assessments is read from those stored inputs, so the first report is
 * served from them at once (a version without stored inputs waits for its first full read); the stored group versions
 * are shown as they are, and none is decided until the first update (a group without a stored version it may show is
 * withheld until then). A full read then reconciles in the background.
 * <p>
 * Small groups are published in batches ({@link PeerGroupVersion}); their versions are stored in
 * {@code peer_group_version}, shared by every instance and kept across restarts.
 * <p>
 * {@code i4.benchmark.k-floor} (default 5): figures are only shown for groups of at least k firms besides the
 * firm reading the report (see {@link PeerGroups}). {@code i4.benchmark.full-figures-from} (default 20) and
 * {@code i4.benchmark.resolution-percent} (default 5): which figures are published and how coarsely (see
 * {@link PeerFigures}).
 */
@Singleton
class PeerStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(PeerStatistics.class);
    /** Above one changed firm in this many, the groups are built anew rather than firm by firm. */
    private static final int REGROUP_SHARE = 8;

    private final PeerInputs inputs;
    private final PeerGroupVersionStore store;
    private final PeerInputStore storedInputs;
    private final ModelRegistry models;
    private final int kFloor;
    private final int fullFiguresFrom;
    private final PeerFigures figures;
    private final Duration slack;
    private final long fullRebuildNanos;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(daemon("peer-statistics"));
    private final ExecutorService fullReader = Executors.newSingleThreadExecutor(daemon("peer-statistics-full-read"));

    /** Every firm's latest validated assessment, and the marker read just before them. */
    private record FullRead(PeerInputs.Marker marker, Map<Long, PeerSnapshot.Entry> entries) {
    }

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
        /** When the last full read started (System.nanoTime). */
        long fullReadAt;
        /** The running full read, or the finished one not applied yet; null when none. */
        CompletableFuture<FullRead> fullRead;
        /** After a snapshot of stored inputs, until an update has decided the version of every published group. */
        boolean versionsUndecided;
        /** The seq of the stored inputs as this instance last wrote them, when {@code storedBehind} is false. */
        Long storedSeq;
        /** The stored inputs may differ from the snapshot: compare before the next write. */
        boolean storedBehind;

        Held(String modelId, String version, List<String> dimensions) {
            this.modelId = modelId;
            this.version = version;
            this.dimensions = dimensions;
        }
    }

    PeerStatistics(PeerInputs inputs, PeerGroupVersionStore store, PeerInputStore storedInputs, ModelRegistry models,
                   BenchmarkSettings settings) {
        this.inputs = inputs;
        this.store = store;
        this.storedInputs = storedInputs;
        this.models = models;
        this.kFloor = settings.kFloor();
        this.fullFiguresFrom = settings.fullFiguresFrom();
        this.figures = new PeerFigures(kFloor, fullFiguresFrom, settings.resolutionPercent());
        this.slack = settings.validationSlack();
        this.fullRebuildNanos = settings.fullRebuildInterval().toNanos();
        long every = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshAll, every, every, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    int kFloor() {
        return kFloor;
    }

    /** Which figures are published, and how coarsely. */
    PeerFigures figures() {
        return figures;
    }

    /**
     * Starts reading the snapshots of every model version with validated assessments, in the background: first those with
     * stored inputs (found in a table of a few rows), then any other (found among every validated assessment, a query
     * that takes a third of a second at 1 000 000 assessments on H2 and is not in the first report's way).
     */
    @EventListener
    void onStartup(StartupEvent event) {
        refresher.execute(() -> {
            try {
                for (String[] mv : storedInputs.storedVersions()) {
                    held(mv[0], mv[1], models.engine(mv[0], mv[1]).model().dimensions().stream().map(Dimension::code).toList());
                }
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
        fullReader.shutdownNow();
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
                start(created);
            } catch (RuntimeException e) {
                held.remove(key, created);
                created.first.completeExceptionally(e);
                throw e;
            }
        }
        return created;
    }

    /** The first snapshot of a model version: from the stored inputs when there are any, else from a full read. */
    private void start(Held h) {
        long begin = System.nanoTime();
        PeerInputStore.Stored stored = null;
        try {
            stored = storedInputs.load(h.modelId, h.version, h.dimensions);
        } catch (RuntimeException e) {
            LOG.warn("stored peer inputs not read model={}@{}: {}", h.modelId, h.version, e.getMessage());
        }
        if (stored == null) {
            h.fullReadAt = System.nanoTime();
            FullRead read = readAll(h);
            h.storedBehind = true; // written by the refresher, not by the reader waiting for this build
            update(h, null, read.marker(), PeerSnapshot.Source.REBUILT, read.entries(), read.entries().keySet(), begin);
            return;
        }
        h.storedSeq = stored.seq();
        long read = System.nanoTime();
        PeerGroups groups = PeerSnapshot.group(stored.entries(), kFloor);
        readStoredVersions(h);
        Map<PeerGroups.Key, PeerGroupVersion> versions = new HashMap<>();
        for (PeerGroups.Key key : groups.keys()) {
            PeerGroupVersion shown = groups.published(key)
                    ? PeerGroupVersion.withoutDeciding(h.versions.get(key.code()), groups.members(key).size(), fullFiguresFrom) : null;
            if (shown != null) {
                versions.put(key, shown);
            }
        }
        long grouped = System.nanoTime();
        PeerSnapshot built = new PeerSnapshot(stored.marker(), PeerSnapshot.Source.STORED, stored.entries(), groups, versions,
                h.dimensions.size() + 1, fullFiguresFrom, null, null, null);
        h.snapshot = built;
        h.versionsUndecided = true;
        h.first.complete(built);
        startFullRead(h);
        long end = System.nanoTime();
        LOG.info("peer statistics read from stored inputs model={}@{} firms={} ms={} (read {}, groups and stored versions {}, figures {});"
                + " a full read reconciles in the background", h.modelId, h.version, built.firms(), (end - begin) / 1_000_000,
                (read - begin) / 1_000_000, (grouped - read) / 1_000_000, (end - grouped) / 1_000_000);
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
        PeerSnapshot previous = h.snapshot;
        if (h.storedBehind) {
            store(h, previous, List.of());
        }
        PeerInputs.Marker marker = inputs.marker(h.modelId, h.version);
        long begin = System.nanoTime();
        PeerInputs.Marker baseMarker = (PeerInputs.Marker) previous.marker();
        Map<Long, PeerSnapshot.Entry> base = previous.entries();
        PeerSnapshot.Source source = PeerSnapshot.Source.UPDATED;
        if (h.fullRead != null && h.fullRead.isDone()) {
            CompletableFuture<FullRead> done = h.fullRead;
            h.fullRead = null;
            try {
                FullRead read = done.join();
                base = read.entries();
                baseMarker = read.marker();
                source = PeerSnapshot.Source.REBUILT;
            } catch (CompletionException | CancellationException e) {
                LOG.warn("peer statistics full read failed model={}@{}: {}", h.modelId, h.version,
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        }
        boolean rebuilt = source == PeerSnapshot.Source.REBUILT;
        boolean unchanged = marker.equals(baseMarker);
        boolean structural = !unchanged && (baseMarker.lastValidatedAt() == null || !baseMarker.onlyValidationsBefore(marker));
        if (!unchanged && (structural || System.nanoTime() - h.fullReadAt >= fullRebuildNanos) && h.fullRead == null) {
            startFullRead(h);
        }
        if (structural && !rebuilt) {
            return; // a firm or district changed: wait for the full read, readers keep the previous snapshot
        }
        if (unchanged && !rebuilt && !h.versionsUndecided) {
            return;
        }
        Map<Long, PeerSnapshot.Entry> entries = base;
        PeerInputs.Marker reached = baseMarker;
        Set<Long> changed = new HashSet<>();
        if (!structural && !unchanged) {
            entries = new HashMap<>(base);
            reached = marker;
            Map<Long, PeerSnapshot.Entry> known = base;
            for (PeerInputs.ScoredAssessment a : inputs.validatedSince(h.modelId, h.version, baseMarker.lastValidatedAt().minus(slack), known::get)) {
                PeerSnapshot.Entry old = entries.get(a.member().firmId());
                if (old == null || a.waveNumber() > old.waveNumber()
                        || (a.waveNumber() == old.waveNumber() && a.assessmentId() != old.assessmentId())) {
                    entries.put(a.member().firmId(), entry(a, h.dimensions));
                    changed.add(a.member().firmId());
                }
            }
        }
        if (rebuilt) {
            changed = changedFirms(previous.entries(), entries);
        }
        update(h, previous, reached, source, entries, changed, begin);
    }

    /**
     * Builds and swaps in the snapshot of {@code entries} at {@code marker}: regroups the {@code changed} firms, decides
     * the versions of their groups and of every group whose publication changed, updates the figures of the groups that moved
     * on; then stores the changed firms' entries.
     */
    private void update(Held h, PeerSnapshot previous, PeerInputs.Marker marker, PeerSnapshot.Source source,
                        Map<Long, PeerSnapshot.Entry> entries, Collection<Long> changed, long begin) {
        long read = System.nanoTime();
        PeerGroups groups = previous == null ? PeerSnapshot.group(entries, kFloor) : regroup(previous, entries, changed);
        Set<PeerGroups.Key> affected = null;
        Set<PeerGroups.Key> decide = null;
        if (previous != null) {
            affected = new HashSet<>();
            for (Long firmId : changed) {
                for (PeerSnapshot.Entry e : new PeerSnapshot.Entry[] {previous.entry(firmId), entries.get(firmId)}) {
                    if (e != null) {
                        for (PeerGroupLevel level : PeerGroupLevel.values()) {
                            affected.add(PeerGroups.Key.of(level, e.member()));
                        }
                    }
                }
            }
            if (!h.versionsUndecided) {
                decide = new HashSet<>(affected);
                decide.addAll(groups.publicationChanged(previous.groups()));
            }
        }
        long grouped = System.nanoTime();
        Map<PeerGroups.Key, PeerGroupVersion> versions = versions(h, entries, groups, previous, decide);
        long versioned = System.nanoTime();
        PeerSnapshot built = new PeerSnapshot(marker, source, entries, groups, versions, h.dimensions.size() + 1, fullFiguresFrom,
                previous, affected, previous == null ? null : changed);
        h.snapshot = built;
        h.versionsUndecided = false;
        h.first.complete(built);
        long figured = System.nanoTime();
        if (previous != null) {
            store(h, built, changed);
        }
        long end = System.nanoTime();
        LOG.info("peer statistics {} model={}@{} firms={} changed={} ms={} (read {}, groups {}, versions {}, figures {}, stored {})",
                source == PeerSnapshot.Source.REBUILT ? "rebuilt" : "updated", h.modelId, h.version, built.firms(), changed.size(),
                (end - begin) / 1_000_000, (read - begin) / 1_000_000, (grouped - read) / 1_000_000, (versioned - grouped) / 1_000_000,
                (figured - versioned) / 1_000_000, (end - figured) / 1_000_000);
    }

    /** The groups of {@code entries}: the previous groups with the changed firms moved, or built anew when many changed. */
    private PeerGroups regroup(PeerSnapshot previous, Map<Long, PeerSnapshot.Entry> entries, Collection<Long> changed) {
        List<PeerGroups.Member> left = new ArrayList<>();
        List<PeerGroups.Member> joined = new ArrayList<>();
        for (Long firmId : changed) {
            PeerSnapshot.Entry old = previous.entry(firmId);
            PeerSnapshot.Entry now = entries.get(firmId);
            if (old != null && now != null && old.member().equals(now.member())) {
                continue; // a newer assessment of a firm that stays where it was
            }
            if (old != null) {
                left.add(old.member());
            }
            if (now != null) {
                joined.add(now.member());
            }
        }
        if ((left.size() + joined.size()) * REGROUP_SHARE > entries.size()) {
            return PeerSnapshot.group(entries, kFloor);
        }
        return previous.groups().with(left, joined);
    }

    /** The firms whose entry differs between two snapshots' entries (another assessment, other attributes, present in one only). */
    private static Set<Long> changedFirms(Map<Long, PeerSnapshot.Entry> before, Map<Long, PeerSnapshot.Entry> after) {
        Set<Long> changed = new HashSet<>();
        after.forEach((firmId, e) -> {
            PeerSnapshot.Entry old = before.get(firmId);
            if (old == null || old.assessmentId() != e.assessmentId() || !old.member().equals(e.member())
                    || !Arrays.equals(old.scores(), e.scores())) {
                changed.add(firmId);
            }
        });
        before.keySet().forEach(firmId -> {
            if (!after.containsKey(firmId)) {
                changed.add(firmId);
            }
        });
        return changed;
    }

    private void startFullRead(Held h) {
        h.fullReadAt = System.nanoTime();
        h.fullRead = CompletableFuture.supplyAsync(() -> readAll(h), fullReader);
    }

    private FullRead readAll(Held h) {
        PeerInputs.Marker marker = inputs.marker(h.modelId, h.version);
        List<PeerSnapshot.Entry> latest = inputs.latestValidated(h.modelId, h.version).stream().map(a -> entry(a, h.dimensions)).toList();
        return new FullRead(marker, PeerSnapshot.byFirm(latest));
    }

    /** Reads the group versions stored (by any instance) since the last reading; returns their group codes. */
    private Set<String> readStoredVersions(Held h) {
        Instant readAt = Instant.now();
        Set<String> read = new HashSet<>();
        for (PeerGroupVersionStore.StoredVersion row : store.versions(h.modelId, h.version,
                h.versionsReadAt == null ? null : h.versionsReadAt.minus(slack))) {
            h.versions.put(row.groupKey(), row.version());
            read.add(row.groupKey());
        }
        h.versionsReadAt = readAt;
        return read;
    }

    /**
     * The version readers are shown of every published group: read what other instances stored, store what moved on.
     * {@code decide}: the groups to decide (those of changed firms, those whose publication changed); the others and
     * the groups whose stored version was just read keep the previous snapshot's version. Null decides every group.
     */
    private Map<PeerGroups.Key, PeerGroupVersion> versions(Held h, Map<Long, PeerSnapshot.Entry> entries, PeerGroups groups,
                                                            PeerSnapshot previous, Set<PeerGroups.Key> decide) {
        Set<String> read = readStoredVersions(h);
        Map<PeerGroups.Key, PeerGroupVersion> result;
        Collection<PeerGroups.Key> keys;
        if (decide == null || previous == null) {
            result = new HashMap<>();
            keys = groups.keys();
        } else {
            result = new HashMap<>(previous.versions());
            result.keySet().removeIf(key -> !groups.published(key));
            Set<PeerGroups.Key> todo = new HashSet<>(decide);
            for (PeerGroups.Key key : groups.keys()) {
                if (read.contains(key.code())) {
                    todo.add(key);
                }
            }
            keys = todo;
        }
        for (PeerGroups.Key key : keys) {
            if (!groups.published(key)) {
                result.remove(key);
                continue;
            }
            String code = key.code();
            PeerGroupVersion stored = h.versions.get(code);
            if (stored != null && stored.large() && groups.members(key).size() > fullFiguresFrom) {
                result.put(key, stored); // what next() decides for a group that stays large, without listing its members
                continue;
            }
            PeerGroupVersion next = PeerGroupVersion.next(stored, PeerSnapshot.currentMembers(entries, groups, key), kFloor, fullFiguresFrom);
            if (next != stored) {
                next = store.store(h.modelId, h.version, code, stored, next).version();
                h.versions.put(code, next);
            }
            result.put(key, next);
        }
        return result;
    }

    /**
     * Stores the entries of the {@code changed} firms with the snapshot's marker. When another instance wrote since, or an
     * earlier write failed, the stored inputs are compared with the snapshot first and only the differences written.
     */
    private void store(Held h, PeerSnapshot s, Collection<Long> changed) {
        PeerInputs.Marker marker = (PeerInputs.Marker) s.marker();
        try {
            Long seq = h.storedBehind ? null
                    : storedInputs.write(h.modelId, h.version, h.dimensions, h.storedSeq, marker, changed, s.entries());
            if (seq == null) {
                PeerInputStore.Stored stored = storedInputs.load(h.modelId, h.version, h.dimensions);
                if (stored != null && stored.marker().equals(marker)) {
                    seq = stored.seq(); // another instance stored the same state
                } else {
                    seq = storedInputs.write(h.modelId, h.version, h.dimensions, stored == null ? null : stored.seq(), marker,
                            stored == null ? s.entries().keySet() : changedFirms(stored.entries(), s.entries()), s.entries());
                }
            }
            h.storedSeq = seq;
            h.storedBehind = seq == null;
        } catch (RuntimeException e) {
            h.storedBehind = true;
            LOG.warn("peer inputs not stored model={}@{}: {}", h.modelId, h.version, e.getMessage());
        }
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
