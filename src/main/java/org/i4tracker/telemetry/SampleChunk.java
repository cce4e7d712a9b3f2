package org.i4tracker.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The samples of one machine over a stretch of time (a minute in {@code telemetry_chunk}), stored as
 * one compact byte array instead of one row each; the decision record "Why telemetry is stored in
 * per-series chunks" in docs/architecture.md says how the store uses it. Plain Java.
 *
 * <p><b>Format, version 1.</b> The version byte and the sample count, then column by column, every
 * difference taken with wrapping {@code long} arithmetic so that any value round-trips (varints,
 * runs and signed columns as in {@link ChunkBytes}):
 * <ol>
 * <li>timestamps in microseconds since the epoch: the first, the first delta, then deltas of
 *     deltas, as a signed column (a regular series is one run);</li>
 * <li>{@code seq}: present/absent runs, then the present values' deltas as a signed column;</li>
 * <li>states: the distinct states once, then runs of (state index, length);</li>
 * <li>good and reject counters: deltas from the previous sample as signed columns (a reset is a
 *     negative delta);</li>
 * <li>ideal cycle time: runs of (value, or 0 for none, length);</li>
 * <li>metrics: {@link ChunkMetrics}.</li>
 * </ol>
 * Samples keep the order they are given in: the store sorts them, the format does not need it.
 *
 * <p><b>Bounds.</b> 1 to {@link #MAX_SAMPLES} samples; timestamps in years 1 to 9999 in whole
 * microseconds (what both databases keep); counters not negative; an ideal cycle time positive when
 * present. {@link #encode()} refuses metrics that are not a JSON object of finite numbers, and
 * {@link #decode} a truncated, corrupt or unknown array, both with an {@link IllegalArgumentException}.
 */
record SampleChunk(List<Sample> samples) {

    static final int MAX_SAMPLES = 100_000;
    static final int VERSION = 1;
    private static final long MIN_EPOCH_SECOND = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX_EPOCH_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    SampleChunk {
        Objects.requireNonNull(samples, "samples");
        if (samples.isEmpty() || samples.size() > MAX_SAMPLES) {
            throw new IllegalArgumentException("a chunk holds 1 to " + MAX_SAMPLES + " samples, not " + samples.size());
        }
        samples.forEach(SampleChunk::check);
        samples = List.copyOf(samples);
    }

    private static void check(Sample s) {
        Objects.requireNonNull(s, "sample");
        Objects.requireNonNull(s.ts(), "ts");
        Objects.requireNonNull(s.state(), "state");
        long second = s.ts().getEpochSecond();
        if (second < MIN_EPOCH_SECOND || second > MAX_EPOCH_SECOND || s.ts().getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("ts: must be whole microseconds in years 1 to 9999, not " + s.ts());
        }
        if (s.goodCount() < 0 || s.rejectCount() < 0) {
            throw new IllegalArgumentException("counters must not be negative");
        }
        if (s.idealCycleTimeMs() != null && s.idealCycleTimeMs() <= 0) {
            throw new IllegalArgumentException("idealCycleTimeMs: must be positive");
        }
    }

    /** The first and last timestamps and the lowest and highest {@code seq} (null without any): the chunk row's columns. */
    record Span(Instant firstTs, Instant lastTs, Long minSeq, Long maxSeq) {
    }

    Span span() {
        Instant first = samples.get(0).ts();
        Instant last = first;
        Long min = null;
        Long max = null;
        for (Sample s : samples) {
            first = s.ts().isBefore(first) ? s.ts() : first;
            last = s.ts().isAfter(last) ? s.ts() : last;
            if (s.seq() != null) {
                min = min == null ? s.seq() : Math.min(min, s.seq());
                max = max == null ? s.seq() : Math.max(max, s.seq());
            }
        }
        return new Span(first, last, min, max);
    }

    byte[] encode() {
        int n = samples.size();
        ChunkBytes.Out out = new ChunkBytes.Out();
        out.raw(VERSION);
        out.unsigned(n);

        long[] ts = new long[n];
        long previous = 0;
        long previousDelta = 0;
        for (int i = 0; i < n; i++) {
            long micros = samples.get(i).ts().getEpochSecond() * 1_000_000 + samples.get(i).ts().getNano() / 1_000;
            long delta = micros - previous;
            ts[i] = i < 2 ? delta : delta - previousDelta;
            previous = micros;
            previousDelta = delta;
        }
        out.signedColumn(ts);

        out.presence(n, i -> samples.get(i).seq() != null);
        List<Long> seqs = samples.stream().map(Sample::seq).filter(Objects::nonNull).toList();
        long[] seqDeltas = new long[seqs.size()];
        for (int i = 0; i < seqDeltas.length; i++) {
            seqDeltas[i] = seqs.get(i) - (i == 0 ? 0 : seqs.get(i - 1));
        }
        out.signedColumn(seqDeltas);

        Map<String, Integer> states = new LinkedHashMap<>();
        samples.forEach(s -> states.putIfAbsent(s.state(), states.size()));
        out.unsigned(states.size());
        states.keySet().forEach(out::string);
        out.runs(n, i -> states.get(samples.get(i).state()));

        out.signedColumn(deltas(samples.stream().mapToLong(Sample::goodCount).toArray()));
        out.signedColumn(deltas(samples.stream().mapToLong(Sample::rejectCount).toArray()));
        out.runs(n, i -> samples.get(i).idealCycleTimeMs() == null ? 0 : samples.get(i).idealCycleTimeMs());
        ChunkMetrics.encode(samples, out);
        return out.toByteArray();
    }

    private static long[] deltas(long[] values) {
        long[] deltas = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            deltas[i] = values[i] - (i == 0 ? 0 : values[i - 1]);
        }
        return deltas;
    }

    private static long[] sums(long[] deltas) {
        long[] values = new long[deltas.length];
        long sum = 0;
        for (int i = 0; i < deltas.length; i++) {
            sum += deltas[i];
            values[i] = sum;
        }
        return values;
    }

    /** The chunk an {@link #encode()}d array holds. */
    static SampleChunk decode(byte[] bytes) {
        ChunkBytes.In in = new ChunkBytes.In(Objects.requireNonNull(bytes, "bytes"));
        int version = in.nextByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("chunk format " + version + " is not known");
        }
        int n = in.count(MAX_SAMPLES);
        if (n == 0) {
            throw new IllegalArgumentException("corrupt chunk: no samples");
        }
        Instant[] ts = timestamps(in.signedColumn(n));

        boolean[] hasSeq = in.presence(n);
        int seqCount = 0;
        for (boolean present : hasSeq) {
            seqCount += present ? 1 : 0;
        }
        long[] seqValues = sums(in.signedColumn(seqCount));

        int stateCount = in.count(Integer.MAX_VALUE);
        String[] states = new String[stateCount];
        for (int k = 0; k < stateCount; k++) {
            states[k] = in.string();
        }
        long[] stateOf = in.runs(n, stateCount - 1L);

        long[] good = sums(in.signedColumn(n));
        long[] reject = sums(in.signedColumn(n));
        long[] ideal = in.runs(n, Long.MAX_VALUE);
        String[] metrics = ChunkMetrics.decode(in, n);
        if (in.remaining() != 0) {
            throw new IllegalArgumentException("corrupt chunk: " + in.remaining() + " bytes after the last column");
        }
        List<Sample> samples = new ArrayList<>(n);
        int nextSeq = 0;
        for (int i = 0; i < n; i++) {
            Long seq = hasSeq[i] ? seqValues[nextSeq++] : null;
            samples.add(new Sample(ts[i], seq, states[(int) stateOf[i]], good[i], reject[i], ideal[i] == 0 ? null : ideal[i], metrics[i]));
        }
        try {
            return new SampleChunk(samples);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt chunk: " + e.getMessage());
        }
    }

    private static Instant[] timestamps(long[] column) {
        Instant[] ts = new Instant[column.length];
        long micros = 0;
        long delta = 0;
        for (int i = 0; i < column.length; i++) {
            delta = i < 2 ? column[i] : delta + column[i];
            micros += delta;
            long second = Math.floorDiv(micros, 1_000_000L);
            if (second < MIN_EPOCH_SECOND || second > MAX_EPOCH_SECOND) {
                throw new IllegalArgumentException("corrupt chunk: timestamp out of range");
            }
            ts[i] = Instant.ofEpochSecond(second, Math.floorMod(micros, 1_000_000L) * 1_000);
        }
        return ts;
    }
}
