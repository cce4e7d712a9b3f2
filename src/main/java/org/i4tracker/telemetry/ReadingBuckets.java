package org.i4tracker.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Downsamples a machine's readings over a window [from, to) into at most {@code points} equal time buckets
 * for a chart, so that a day or a month of 1 Hz readings draws in a few hundred points without losing what a
 * chart of the raw readings would show. Plain Java, no framework; fed one reading at a time in time order, so
 * memory is O(points × metric names), not O(readings).
 *
 * <p><b>Buckets.</b> Width w = ⌈(to − from) / points⌉ milliseconds (at least 1 ms); bucket k covers
 * [from + k·w, min(from + (k+1)·w, to)), k = 0 … ⌈(to − from) / w⌉ − 1, so there are at most {@code points}
 * buckets and the last may be shorter. A reading at time t belongs to bucket ⌊(t − from) / w⌋.
 *
 * <p><b>Metrics</b> (numeric values of the free {@code metrics} object; other values are skipped): per bucket
 * and metric the count n, min = min<sub>i</sub> x<sub>i</sub>, max = max<sub>i</sub> x<sub>i</sub> and
 * mean = (1/n) Σ<sub>i</sub> x<sub>i</sub> over the readings in the bucket. Keeping the extremes of every
 * bucket is the idea of M4 (Jugel, Jerzak, Hackenbroich, Markl, "M4: A Visualization-Oriented Time Series Data
 * Aggregation", PVLDB 7(10), 2014): a line drawn through min and max per pixel column shows every spike of the
 * raw series, which a mean or a sample would smooth away; the maximum of the bucket maxima is the window's
 * maximum. At most {@value #MAX_METRICS} metric names are kept, the first ones met; {@link Result#metricsLeftOut()}
 * says that readings carried more.
 *
 * <p><b>Counters</b> ({@code goodCount}, {@code rejectCount}, cumulative): the values of the bucket's last
 * reading, i.e. the raw series sampled at the end of each bucket; null in a bucket without readings.
 *
 * <p><b>State</b>, with the time model of {@link OeeCalculator}: a reading's state holds from its timestamp
 * until the next reading; after the last reading nothing is known. A reading before {@code from} (the one
 * preceding the window) gives the state at its start, one at or after {@code to} (the one following it) the
 * end of the last state; neither is counted in a bucket. Per bucket: seconds in each state within the bucket,
 * the dominant state (most seconds; a tie goes to the state named first alphabetically) and the producing share
 * = seconds in {@code EXECUTE} / known seconds (null when no time of the bucket is known). At most
 * {@value #MAX_STATES} state names are told apart; time in further ones counts as {@value #OTHER_STATE}.
 *
 * <p>Readings must come in non-decreasing time order ({@link IllegalArgumentException} otherwise).
 */
public final class ReadingBuckets {

    public static final int MAX_METRICS = 32;
    public static final int MAX_STATES = 32;
    public static final String OTHER_STATE = "OTHER";

    /** One reading; {@code metrics} maps names to values (numbers are summarised, anything else skipped). */
    public record Reading(Instant ts, String state, long goodCount, long rejectCount, Map<String, ?> metrics) {
        public Reading {
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(state, "state");
            metrics = metrics == null ? Map.of() : metrics;
        }
    }

    /** A metric over one bucket: n readings with a numeric value, their min, max and mean. */
    public record MetricSummary(int n, double min, double max, double mean) {
    }

    /**
     * One bucket: [from, to), readings in it, the last counter values (null without readings), seconds per
     * state, the dominant state and the producing share (null when no time is known), metric summaries.
     */
    public record Bucket(Instant from, Instant to, int readings, Long goodCount, Long rejectCount,
                         Map<String, Double> stateSeconds, String state, Double producingShare,
                         Map<String, MetricSummary> metrics) {
    }

    /** All buckets of the window, in time order (empty ones included), with the width and the totals. */
    public record Result(Instant from, Instant to, Duration bucketWidth, long readings, List<Bucket> buckets, boolean metricsLeftOut) {
    }

    private final Instant from;
    private final Instant to;
    private final long widthMs;
    private final int count;
    private final int[] readings;
    private final long[] good;
    private final long[] reject;
    private final Map<String, long[]> stateMs = new LinkedHashMap<>();
    private final Map<String, MetricArrays> metrics = new LinkedHashMap<>();
    private boolean leftOut;
    private long total;
    private Reading previous;

    private static final class MetricArrays {
        final int[] n;
        final double[] min;
        final double[] max;
        final double[] sum;

        MetricArrays(int count) {
            n = new int[count];
            min = new double[count];
            max = new double[count];
            sum = new double[count];
        }
    }

    /**
     * @param from   start of the window (inclusive)
     * @param to     end of the window (exclusive), after {@code from}
     * @param points the most buckets wanted, at least 1
     */
    public ReadingBuckets(Instant from, Instant to, int points) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        if (points < 1) {
            throw new IllegalArgumentException("points must be at least 1");
        }
        long span = Duration.between(from, to).toMillis();
        this.from = from;
        this.to = to;
        this.widthMs = Math.max(1, (span + points - 1) / points);
        this.count = (int) ((span + widthMs - 1) / widthMs);
        this.readings = new int[count];
        this.good = new long[count];
        this.reject = new long[count];
    }

    /** Adds the next reading (time order); one outside the window only bounds the state time inside it. */
    public void add(Reading r) {
        if (previous != null && r.ts().isBefore(previous.ts())) {
            throw new IllegalArgumentException("readings must come in time order: " + r.ts() + " after " + previous.ts());
        }
        if (previous != null) {
            addState(previous.state(), previous.ts().toEpochMilli(), r.ts().toEpochMilli());
        }
        previous = r;
        if (r.ts().isBefore(from) || !r.ts().isBefore(to)) {
            return;
        }
        int k = bucketOf(r.ts().toEpochMilli());
        total++;
        readings[k]++;
        good[k] = r.goodCount();
        reject[k] = r.rejectCount();
        for (Map.Entry<String, ?> e : r.metrics().entrySet()) {
            if (e.getValue() instanceof Number number && Double.isFinite(number.doubleValue())) {
                addMetric(e.getKey(), k, number.doubleValue());
            }
        }
    }

    /** The buckets of the readings added so far; the last reading's state is not extended past it. */
    public Result result() {
        List<Bucket> buckets = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            buckets.add(bucket(k));
        }
        return new Result(from, to, Duration.ofMillis(widthMs), total, Collections.unmodifiableList(buckets), leftOut);
    }

    private Bucket bucket(int k) {
        Instant start = from.plusMillis(k * widthMs);
        Instant end = k == count - 1 ? to : start.plusMillis(widthMs);
        Map<String, Double> seconds = new LinkedHashMap<>();
        long known = 0;
        String dominant = null;
        long dominantMs = 0;
        for (Map.Entry<String, long[]> e : stateMs.entrySet()) {
            long ms = e.getValue()[k];
            if (ms > 0) {
                seconds.put(e.getKey(), ms / 1000.0);
                known += ms;
                if (ms > dominantMs || (ms == dominantMs && e.getKey().compareTo(dominant) < 0)) {
                    dominant = e.getKey();
                    dominantMs = ms;
                }
            }
        }
        long[] running = stateMs.get(OeeCalculator.RUNNING_STATE);
        Double producing = known == 0 ? null : (running == null ? 0 : running[k]) / (double) known;
        Map<String, MetricSummary> summaries = new LinkedHashMap<>();
        metrics.forEach((name, a) -> {
            if (a.n[k] > 0) {
                summaries.put(name, new MetricSummary(a.n[k], a.min[k], a.max[k], a.sum[k] / a.n[k]));
            }
        });
        boolean any = readings[k] > 0;
        return new Bucket(start, end, readings[k], any ? good[k] : null, any ? reject[k] : null, seconds, dominant, producing, summaries);
    }

    private int bucketOf(long epochMs) {
        return (int) Math.min(count - 1, (epochMs - from.toEpochMilli()) / widthMs);
    }

    /** Spreads the time [startMs, endMs) in the given state over the buckets it overlaps, clipped to the window. */
    private void addState(String state, long startMs, long endMs) {
        long lo = Math.max(startMs, from.toEpochMilli());
        long hi = Math.min(endMs, to.toEpochMilli());
        if (hi <= lo) {
            return;
        }
        long[] ms = stateArray(state);
        for (int k = bucketOf(lo); k < count && lo < hi; k++) {
            long bucketEnd = Math.min(from.toEpochMilli() + (k + 1) * widthMs, to.toEpochMilli());
            long part = Math.min(hi, bucketEnd) - lo;
            ms[k] += part;
            lo += part;
        }
    }

    private long[] stateArray(String state) {
        long[] ms = stateMs.get(state);
        if (ms == null) {
            String key = stateMs.size() < MAX_STATES ? state : OTHER_STATE;
            ms = stateMs.computeIfAbsent(key, s -> new long[count]);
        }
        return ms;
    }

    private void addMetric(String name, int k, double x) {
        MetricArrays a = metrics.get(name);
        if (a == null) {
            if (metrics.size() >= MAX_METRICS) {
                leftOut = true;
                return;
            }
            a = new MetricArrays(count);
            metrics.put(name, a);
        }
        if (a.n[k] == 0) {
            a.min[k] = x;
            a.max[k] = x;
        } else {
            a.min[k] = Math.min(a.min[k], x);
            a.max[k] = Math.max(a.max[k], x);
        }
        a.n[k]++;
        a.sum[k] += x;
    }
}
