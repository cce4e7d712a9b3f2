package org.i4tracker.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Overall equipment effectiveness per time window from a machine's samples, after ISO 22400-2:2014
 * (KPIs for manufacturing operations management), as summarised in DESIGN.md §5. Plain Java,
 * immutable, no framework.
 *
 * <p><b>Time model.</b> A sample's PackML state holds from its timestamp until the next sample;
 * after the last sample nothing is known. Per window [start, end):
 * <ul>
 * <li>planned busy time PBT (s) = time of the window in which the state is known (no shift calendar
 *     is kept, so all known time is planned);</li>
 * <li>actual production time APT (s) = known time in state {@code EXECUTE};</li>
 * <li>good quantity GQ and scrap SQ = the increases of the cumulative {@code goodCount} and
 *     {@code rejectCount} between consecutive samples, attributed to the window of the later
 *     sample. A counter lower than its predecessor was reset (machine restart, new order): the
 *     increase is then the new value itself (counted from zero);</li>
 * <li>produced quantity PQ = GQ + SQ; ideal production time = Σ ideal cycle time × PQ over the
 *     increases, the cycle time being the later sample's {@code idealCycleTimeMs} or the machine's.</li>
 * </ul>
 * <p><b>KPIs</b> (ratios in 0..1 in normal operation; performance can exceed 1 when the registered
 * ideal cycle time is too slow):
 * <ul>
 * <li>availability A = APT / PBT;</li>
 * <li>performance (effectiveness) P = ideal cycle time × PQ / APT;</li>
 * <li>quality Q = GQ / PQ;</li>
 * <li>OEE = A × P × Q;</li>
 * <li>utilisation U = APT / calendar time of the window (also counts unknown time as lost).</li>
 * </ul>
 * A ratio whose denominator is zero (no known time, no run time, nothing produced) is
 * {@code null}, and so is an OEE built on it; no NaN or infinity is ever returned.
 */
public final class OeeCalculator {

    public static final String RUNNING_STATE = "EXECUTE";

    /**
     * The largest counter a message may carry: 2<sup>53</sup> − 1, the largest integer every JSON reader keeps
     * exactly. With counters within it, an increase and the delta between two samples fit a {@code long}; the
     * per-window sums saturate at {@link Long#MAX_VALUE} instead of wrapping negative ({@link #plus}).
     */
    public static final long MAX_COUNTER = (1L << 53) - 1;

    /** One reading: PackML state and cumulative counters; {@code idealCycleTimeMs} may be null. */
    public record Reading(Instant ts, String state, long goodCount, long rejectCount, Long idealCycleTimeMs) {
        public Reading {
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(state, "state");
        }
    }

    /** The KPIs of one window; times in seconds, ratios null when undefined. */
    public record WindowKpis(Instant from, Instant to, double plannedTimeSeconds, double runTimeSeconds,
                             long goodCount, long rejectCount, Double availability, Double performance,
                             Double quality, Double oee, Double utilisation) {
    }

    private final long defaultIdealCycleTimeMs;

    /** @param defaultIdealCycleTimeMs the machine's registered ideal cycle time (ms per unit, positive) */
    public OeeCalculator(long defaultIdealCycleTimeMs) {
        if (defaultIdealCycleTimeMs <= 0) {
            throw new IllegalArgumentException("ideal cycle time must be positive");
        }
        this.defaultIdealCycleTimeMs = defaultIdealCycleTimeMs;
    }

    /**
     * @param readings ordered by timestamp; should include the last reading before the first window
     *                 so that the state at its start is known
     * @param windows  consecutive, non-overlapping windows in ascending order ({@link KpiWindows})
     */
    public List<WindowKpis> compute(List<Reading> readings, List<KpiWindows.Window> windows) {
        return kpis(windows, sums(readings, windows));
    }

    private static List<WindowKpis> kpis(List<KpiWindows.Window> windows, Sums sums) {
        List<WindowKpis> result = new ArrayList<>(windows.size());
        for (int k = 0; k < windows.size(); k++) {
            result.add(kpis(windows.get(k), sums.plannedMs[k], sums.runMs[k], sums.good[k], sums.reject[k], sums.idealMs[k]));
        }
        return result;
    }

    /** Per-window sums of the time model: known and run time (ms), counter increases, ideal production time (ms). */
    private record Sums(long[] plannedMs, long[] runMs, long[] good, long[] reject, double[] idealMs) {
    }

    private Sums sums(List<Reading> readings, List<KpiWindows.Window> windows) {
        int w = windows.size();
        long[] plannedMs = new long[w];
        long[] runMs = new long[w];
        long[] good = new long[w];
        long[] reject = new long[w];
        double[] idealMs = new double[w];
        for (int i = 0; i + 1 < readings.size(); i++) {
            Reading a = readings.get(i);
            Reading b = readings.get(i + 1);
            if (b.ts().isBefore(a.ts())) {
                throw new IllegalArgumentException("readings must be ordered by timestamp");
            }
            boolean running = RUNNING_STATE.equals(a.state());
            for (int k = firstWindowEndingAfter(windows, a.ts()); k < w && windows.get(k).from().isBefore(b.ts()); k++) {
                long overlap = overlapMs(a.ts(), b.ts(), windows.get(k));
                plannedMs[k] += overlap;
                if (running) {
                    runMs[k] += overlap;
                }
            }
            int k = windowOf(windows, b.ts());
            if (k >= 0) {
                long g = increase(a.goodCount(), b.goodCount());
                long r = increase(a.rejectCount(), b.rejectCount());
                good[k] = plus(good[k], g);
                reject[k] = plus(reject[k], r);
                idealMs[k] += (double) (g + r) * (b.idealCycleTimeMs() != null ? b.idealCycleTimeMs() : defaultIdealCycleTimeMs);
            }
        }
        return new Sums(plannedMs, runMs, good, reject, idealMs);
    }

    /**
     * One minute of a machine as the per-minute rollup keeps it: the minute's share of the sums of
     * {@link #compute} (known time, run time, counter increases, ideal production time, in ms) and
     * the number of samples stamped in it.
     */
    public record Minute(Instant start, long goodCount, long rejectCount, long runMs, long knownMs, double idealMs,
                         int samples) {
    }

    /**
     * The KPIs of each window from per-minute rollups, with the same formulas as {@link #compute}: a
     * minute belongs to the window its start lies in, so the first and last window of a range that
     * does not begin or end on a whole minute include their whole edge minutes.
     *
     * @param minutes   ordered by start
     * @param windows   consecutive, non-overlapping windows in ascending order
     */
    public static List<WindowKpis> fromMinutes(List<Minute> minutes, List<KpiWindows.Window> windows) {
        int w = windows.size();
        long[] plannedMs = new long[w];
        long[] runMs = new long[w];
        long[] good = new long[w];
        long[] reject = new long[w];
        double[] idealMs = new double[w];
        for (Minute m : minutes) {
            int k = windowOf(windows, m.start());
            if (k >= 0) {
                plannedMs[k] += m.knownMs();
                runMs[k] += m.runMs();
                good[k] = plus(good[k], m.goodCount());
                reject[k] = plus(reject[k], m.rejectCount());
                idealMs[k] += m.idealMs();
            }
        }
        return kpis(windows, new Sums(plannedMs, runMs, good, reject, idealMs));
    }

    /**
     * {@link #compute}'s sums per window plus the samples stamped in each, as {@link Minute}s starting at
     * their window's start. The rollup passes call it with one-minute windows (the per-minute rollup); the KPI
     * read with the parts of its windows that it sums from samples, to add them to rolled-up minutes with
     * {@link #fromMinutes}. Windows with nothing known and no sample are left out.
     */
    public List<Minute> minutes(List<Reading> readings, List<KpiWindows.Window> windows) {
        Sums sums = sums(readings, windows);
        int[] samples = new int[windows.size()];
        for (Reading r : readings) {
            int k = windowOf(windows, r.ts());
            if (k >= 0) {
                samples[k]++;
            }
        }
        List<Minute> minutes = new ArrayList<>();
        for (int k = 0; k < windows.size(); k++) {
            if (sums.plannedMs[k] == 0 && samples[k] == 0 && sums.good[k] == 0 && sums.reject[k] == 0) {
                continue;
            }
            minutes.add(new Minute(windows.get(k).from(), sums.good[k], sums.reject[k], sums.runMs[k], sums.plannedMs[k],
                    sums.idealMs[k], samples[k]));
        }
        return minutes;
    }

    private static WindowKpis kpis(KpiWindows.Window window, long plannedMs, long runMs, long good, long reject, double idealMs) {
        double total = (double) good + reject; // two saturated counts must not wrap either
        Double availability = ratio(runMs, plannedMs);
        Double performance = ratio(idealMs, runMs);
        Double quality = ratio(good, total);
        Double oee = availability == null || performance == null || quality == null ? null
                : availability * performance * quality;
        long calendarMs = Duration.between(window.from(), window.to()).toMillis();
        return new WindowKpis(window.from(), window.to(), plannedMs / 1000.0, runMs / 1000.0, good, reject,
                availability, performance, quality, oee, ratio(runMs, calendarMs));
    }

    /**
     * The sum of two non-negative counts, {@link Long#MAX_VALUE} where it would overflow: a machine that resets
     * its counters between samples at {@link #MAX_COUNTER} adds 2<sup>53</sup> per sample, and a window of such
     * samples must not wrap to a negative quantity.
     */
    static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Increase of a cumulative counter; a drop means it was reset and counts from zero again. */
    static long increase(long before, long after) {
        return after >= before ? after - before : after;
    }

    private static Double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : null;
    }

    private static long overlapMs(Instant start, Instant end, KpiWindows.Window window) {
        Instant from = start.isAfter(window.from()) ? start : window.from();
        Instant to = end.isBefore(window.to()) ? end : window.to();
        return to.isAfter(from) ? Duration.between(from, to).toMillis() : 0;
    }

    private static int firstWindowEndingAfter(List<KpiWindows.Window> windows, Instant t) {
        int lo = 0;
        int hi = windows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (windows.get(mid).to().isAfter(t)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static int windowOf(List<KpiWindows.Window> windows, Instant t) {
        int k = firstWindowEndingAfter(windows, t);
        return k < windows.size() && !t.isBefore(windows.get(k).from()) ? k : -1;
    }
}
