package org.i4tracker.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decisions of chunked telemetry storage that need no database, for one machine: which samples
 * of a batch are new (exactly once per dedupe key, {@link Sample#dedupeKey()}: the {@code seq}, or the
 * timestamp of a sample without one), how new samples are cut into per-minute parts, and the order in
 * which decoded chunks are read back. The decision record "Why telemetry is stored in per-series
 * chunks" in docs/architecture.md describes the store around it. Plain Java.
 *
 * <p>A batch is checked against the machine's {@link Head} first: a {@code seq} above the highest one
 * stored, or a timestamp after the latest sample stored without {@code seq}, is new without reading
 * anything. The others (out of order, or redelivered after a broker or service restart) are looked
 * up in the stored chunks whose {@link SampleChunk.Span} may hold them ({@link #mayHold}).
 */
final class ChunkAppend {

    /** Read order: timestamp, then samples without {@code seq} before numbered ones, then {@code seq}. */
    static final Comparator<Sample> READ_ORDER = Comparator.comparing(Sample::ts)
            .thenComparing(Sample::seq, Comparator.nullsFirst(Comparator.naturalOrder()));

    private ChunkAppend() {
    }

    /** What a machine has stored: the highest {@code seq}, the latest timestamp of a sample without {@code seq}; null for none. */
    record Head(Long maxSeq, Instant maxUnnumberedTs) {

        static final Head EMPTY = new Head(null, null);

        /** Whether a sample with this key is sure not to be stored yet. */
        boolean isSurelyNew(Sample s) {
            return s.seq() != null ? maxSeq == null || s.seq() > maxSeq
                    : maxUnnumberedTs == null || s.ts().isAfter(maxUnnumberedTs);
        }

        /** The head once these samples are stored too. */
        Head with(Collection<Sample> stored) {
            Long seq = maxSeq;
            Instant ts = maxUnnumberedTs;
            for (Sample s : stored) {
                if (s.seq() != null) {
                    seq = seq == null ? s.seq() : Math.max(seq, s.seq());
                } else {
                    ts = ts == null || s.ts().isAfter(ts) ? s.ts() : ts;
                }
            }
            return new Head(seq, ts);
        }
    }

    /**
     * A batch split against the head: {@code fresh} samples are new, {@code toLookUp} must be looked up
     * in the stored chunks, {@code duplicatesInBatch} repeated a key of an earlier sample of the batch.
     */
    record Split(List<Sample> fresh, List<Sample> toLookUp, int duplicatesInBatch) {
    }

    static Split split(Head head, List<Sample> batch) {
        Objects.requireNonNull(head, "head");
        Set<String> keys = new HashSet<>();
        List<Sample> fresh = new ArrayList<>();
        List<Sample> toLookUp = new ArrayList<>();
        int duplicates = 0;
        for (Sample s : batch) {
            if (!keys.add(s.dedupeKey())) {
                duplicates++;
            } else if (head.isSurelyNew(s)) {
                fresh.add(s);
            } else {
                toLookUp.add(s);
            }
        }
        return new Split(fresh, toLookUp, duplicates);
    }

    /** Whether a stored chunk with this span may hold a sample with the key of {@code s}: the filter of the lookup query. */
    static boolean mayHold(SampleChunk.Span span, Sample s) {
        if (s.seq() != null) {
            return span.minSeq() != null && span.minSeq() <= s.seq() && s.seq() <= span.maxSeq();
        }
        return !s.ts().isBefore(span.firstTs()) && !s.ts().isAfter(span.lastTs());
    }

    /** Of the samples to look up, those whose key none of the candidate chunks holds. */
    static List<Sample> unseen(List<Sample> toLookUp, Collection<SampleChunk> candidates) {
        Set<String> stored = new HashSet<>();
        for (SampleChunk chunk : candidates) {
            for (Sample s : chunk.samples()) {
                stored.add(s.dedupeKey());
            }
        }
        return toLookUp.stream().filter(s -> !stored.contains(s.dedupeKey())).toList();
    }

    /** One part to append: the UTC minute it belongs to and its samples in read order. */
    record Part(Instant minuteStart, SampleChunk chunk) {
    }

    /** New samples cut by UTC minute into parts of at most {@link SampleChunk#MAX_SAMPLES}, in minute and read order. */
    static List<Part> parts(Collection<Sample> samples) {
        Map<Instant, List<Sample>> byMinute = new TreeMap<>();
        for (Sample s : samples) {
            byMinute.computeIfAbsent(s.ts().truncatedTo(ChronoUnit.MINUTES), k -> new ArrayList<>()).add(s);
        }
        List<Part> parts = new ArrayList<>();
        byMinute.forEach((minute, list) -> {
            list.sort(READ_ORDER);
            for (int from = 0; from < list.size(); from += SampleChunk.MAX_SAMPLES) {
                parts.add(new Part(minute, new SampleChunk(list.subList(from, Math.min(list.size(), from + SampleChunk.MAX_SAMPLES)))));
            }
        });
        return parts;
    }

    /**
     * The samples of decoded chunks in [from, to), in read order; with {@code withPreceding} led by the
     * last sample before {@code from} (the state at the window's start), when the chunks hold one.
     */
    static List<Sample> window(Collection<SampleChunk> chunks, Instant from, Instant to, boolean withPreceding) {
        List<Sample> inside = new ArrayList<>();
        Sample preceding = null;
        for (SampleChunk chunk : chunks) {
            for (Sample s : chunk.samples()) {
                if (s.ts().isBefore(from)) {
                    preceding = preceding == null || READ_ORDER.compare(s, preceding) > 0 ? s : preceding;
                } else if (s.ts().isBefore(to)) {
                    inside.add(s);
                }
            }
        }
        inside.sort(READ_ORDER);
        if (withPreceding && preceding != null) {
            inside.add(0, preceding);
        }
        return inside;
    }
}
