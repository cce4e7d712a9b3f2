package org.i4tracker.benchmark;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import org.i4tracker.programme.ProgrammeServiceType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A firm's benchmark report on one model version (DESIGN.md §4). Scores are on the model scale
 * (0..100 for digital maturity); percentile ranks are 0..100.
 */
@Introspected
record BenchmarkReport(long firmId, String modelId, String modelVersion, long assessmentId, String wave, LocalDate date,
                       int kFloor, PeerGroupUsed peerGroup, Metric overall, List<Metric> dimensions, Advice advice,
                       List<HistoryWave> history, Map<String, String> links) {

    /**
     * The group the figures come from: {@code requested} as asked, {@code used} the level actually used
     * (null when suppressed), {@code skipped} the finer levels passed over and why.
     */
    @Introspected
    record PeerGroupUsed(String requested, @Nullable String used, @Nullable String definition, @Nullable Integer n,
                         boolean suppressed, @Nullable String reason, List<Skipped> skipped) {
    }

    @Introspected
    record Skipped(String level, String reason) {
    }

    /** One dimension (or the overall score): the firm's figures and, unless suppressed, its peers'. */
    @Introspected
    record Metric(String code, String name, @Nullable Double score, @Nullable String band, @Nullable Double previousScore,
                  @Nullable Double change, @Nullable Peers peers, @Nullable String peersSuppressed) {
    }

    /**
     * Peer figures of one metric (see {@link PeerFigures}): {@code n} peers besides the firm; quantiles of type 1 (one
     * peer score each, not a blend); every value the midpoint
     * of a class {@code resolution} points wide; mean, P25, P75, P90 only from {@code i4.benchmark.full-figures-from}
     * peers (null below, {@code withheld} says why); {@code percentileRank} is always null since issue 17 (an exact rank
     * counts the peers below a known score). {@code gapToMedian} / {@code gapToP75} = published figure − the firm's score.
     */
    @Introspected
    record Peers(int n, @Nullable Double mean, @Nullable Double p25, double p50, @Nullable Double p75, @Nullable Double p90,
                 @Nullable Double percentileRank, @Nullable Double gapToMedian, @Nullable Double gapToP75, double resolution,
                 @Nullable String withheld) {
    }

    /**
     * {@code weakestBasis} is PEERS (furthest below the peers' published median) or OWN_SCORES when no peer figures are shown.
     */
    @Introspected
    record Advice(String weakestBasis, List<WeakDimension> weakestDimensions, @Nullable Lift lift, List<ServiceOffer> services) {
    }

    @Introspected
    record WeakDimension(String code, String name, @Nullable Double score, @Nullable Double percentileRank,
                         @Nullable Double gapToMedian, @Nullable Double gapToP75) {
    }

    @Introspected
    record Lift(String currentBand, @Nullable String nextBand, double projectedScore, boolean reachable, List<LiftItem> items) {
    }

    @Introspected
    record LiftItem(String item, String text, String dimension, double currentScore, double targetScore, String advice) {
    }

    /** Services that address a dimension, and where the firm can get them (its active programmes). */
    @Introspected
    record ServiceOffer(String dimension, List<ProgrammeServiceType> serviceTypes, List<ProgrammeOffer> offeredBy) {
    }

    @Introspected
    record ProgrammeOffer(long programmeId, String code, String name, List<ProgrammeServiceType> services, List<Long> rtiIds) {
    }

    @Introspected
    record HistoryWave(long assessmentId, String wave, LocalDate date, @Nullable Double overall, @Nullable String overallBand,
                       Map<String, Double> dimensions) {
    }
}
