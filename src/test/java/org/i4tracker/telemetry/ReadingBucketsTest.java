package org.i4tracker.telemetry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Buckets against values computed another way: by hand (the arithmetic in the comments) and, for a random
 * series, by brute force (each bucket's readings filtered by time; state time counted millisecond by
 * millisecond). TOLERANCE 1e-9 on means (sums of at most a few hundred doubles).
 */
class ReadingBucketsTest {

    private static final double EPS = 1e-9;

    private static Instant at(String hhmm) {
        return Instant.parse("2025-03-03T" + hhmm + ":00Z");
    }

    private static ReadingBuckets.Reading r(String hhmm, String state, long good, long reject, Map<String, ?> metrics) {
        return new ReadingBuckets.Reading(at(hhmm), state, good, reject, metrics);
    }

    @Test
    void aHandComputedHourInFourBuckets() {
        ReadingBuckets b = new ReadingBuckets(at("10:00"), at("11:00"), 4);   // w = 60 min / 4 = 15 min
        b.add(r("09:55", "EXECUTE", 0, 0, Map.of("t", 99.0)));                 // before: state at 10:00 only
        b.add(r("10:05", "IDLE", 10, 1, Map.of("t", 40.0)));
        b.add(r("10:10", "EXECUTE", 10, 1, Map.of("t", 42.0, "label", "x"))); // a text metric is skipped
        b.add(r("10:20", "EXECUTE", 30, 1, Map.of("t", 50.0)));
        b.add(r("10:25", "STOPPED", 35, 2, Map.of("t", 44.0)));
        b.add(r("10:50", "EXECUTE", 35, 2, Map.of("t", 41.0)));
        b.add(r("11:05", "IDLE", 60, 2, Map.of("t", 1.0)));                   // after: ends EXECUTE at 11:00
        ReadingBuckets.Result result = b.result();

        assertEquals(Duration.ofMinutes(15), result.bucketWidth());
        assertEquals(5, result.readings());
        List<ReadingBuckets.Bucket> buckets = result.buckets();
        assertEquals(4, buckets.size());

        // [10:00, 10:15): EXECUTE 10:00-10:05 and 10:10-10:15 = 600 s, IDLE 10:05-10:10 = 300 s; t in {40, 42}
        ReadingBuckets.Bucket b0 = buckets.get(0);
        assertEquals(at("10:00"), b0.from());
        assertEquals(at("10:15"), b0.to());
        assertEquals(2, b0.readings());
        assertEquals(10L, b0.goodCount());
        assertEquals(1L, b0.rejectCount());
        assertEquals(Map.of("EXECUTE", 600.0, "IDLE", 300.0), b0.stateSeconds());
        assertEquals("EXECUTE", b0.state());
        assertEquals(600.0 / 900, b0.producingShare(), EPS);
        assertEquals(new ReadingBuckets.MetricSummary(2, 40, 42, 41), b0.metrics().get("t"));
        assertEquals(List.of("t"), List.copyOf(b0.metrics().keySet()));

        // [10:15, 10:30): EXECUTE 10:15-10:25 = 600 s, STOPPED 10:25-10:30 = 300 s; t in {50, 44}
        ReadingBuckets.Bucket b1 = buckets.get(1);
        assertEquals(35L, b1.goodCount());
        assertEquals(Map.of("EXECUTE", 600.0, "STOPPED", 300.0), b1.stateSeconds());
        assertEquals(new ReadingBuckets.MetricSummary(2, 44, 50, 47), b1.metrics().get("t"));

        // [10:30, 10:45): no reading, STOPPED all along (from 10:25 to 10:50)
        ReadingBuckets.Bucket b2 = buckets.get(2);
        assertEquals(0, b2.readings());
        assertNull(b2.goodCount());
        assertEquals(Map.of("STOPPED", 900.0), b2.stateSeconds());
        assertEquals("STOPPED", b2.state());
        assertEquals(0.0, b2.producingShare(), EPS);
        assertTrue(b2.metrics().isEmpty());

        // [10:45, 11:00): STOPPED 10:45-10:50 = 300 s, EXECUTE 10:50-11:00 = 600 s; t = 41
        ReadingBuckets.Bucket b3 = buckets.get(3);
        assertEquals(at("11:00"), b3.to());
        assertEquals(Map.of("STOPPED", 300.0, "EXECUTE", 600.0), b3.stateSeconds());
        assertEquals(600.0 / 900, b3.producingShare(), EPS);
        assertEquals(new ReadingBuckets.MetricSummary(1, 41, 41, 41), b3.metrics().get("t"));
    }

    @Test
    void afterTheLastReadingNothingIsKnownAndAnUnevenSpanEndsInAShorterBucket() {
        // 10 min in 3 buckets: w = ceil(600 000 / 3) = 200 000 ms; 10:00-10:03:20, -10:06:40, -10:10
        ReadingBuckets b = new ReadingBuckets(at("10:00"), at("10:10"), 3);
        b.add(r("10:01", "EXECUTE", 1, 0, null));
        b.add(r("10:02", "EXECUTE", 2, 0, null));
        List<ReadingBuckets.Bucket> buckets = b.result().buckets();
        assertEquals(3, buckets.size());
        assertEquals(Instant.parse("2025-03-03T10:03:20Z"), buckets.get(0).to());
        assertEquals(at("10:10"), buckets.get(2).to());
        // 10:00-10:01 unknown (no earlier reading), 10:01-10:02 EXECUTE, after 10:02 unknown
        assertEquals(Map.of("EXECUTE", 60.0), buckets.get(0).stateSeconds());
        assertEquals(1.0, buckets.get(0).producingShare(), EPS);
        assertNull(buckets.get(1).producingShare());
        assertNull(buckets.get(1).state());
    }

    @Test
    void aRandomDayMatchesABruteForceCount() {
        Instant from = Instant.parse("2025-03-03T00:00:00Z");
        Instant to = from.plus(Duration.ofHours(2));
        int points = 7;                                   // a width that is no whole number of seconds
        Random random = new Random(42);
        String[] states = {"EXECUTE", "IDLE", "STOPPED", "HELD"};
        List<ReadingBuckets.Reading> readings = new ArrayList<>();
        long ms = from.toEpochMilli() - 4_000;
        long good = 0;
        while (ms < to.toEpochMilli() + 3_000) {
            Map<String, Object> metrics = new HashMap<>();
            metrics.put("temp", 20 + 10 * random.nextGaussian());
            if (random.nextInt(10) == 0) {
                metrics.put("pressure", random.nextDouble());
            }
            good += random.nextInt(3);
            readings.add(new ReadingBuckets.Reading(Instant.ofEpochMilli(ms), states[random.nextInt(states.length)], good,
                    good / 50, metrics));
            ms += 1 + random.nextInt(30_000);
        }
        ReadingBuckets b = new ReadingBuckets(from, to, points);
        readings.forEach(b::add);
        ReadingBuckets.Result result = b.result();

        long width = (Duration.between(from, to).toMillis() + points - 1) / points;
        assertEquals(points, result.buckets().size());
        double rawMax = Double.NEGATIVE_INFINITY;
        double bucketMax = Double.NEGATIVE_INFINITY;
        long inside = 0;
        for (int k = 0; k < points; k++) {
            long lo = from.toEpochMilli() + k * width;
            long hi = Math.min(lo + width, to.toEpochMilli());
            ReadingBuckets.Bucket bucket = result.buckets().get(k);
            assertEquals(Instant.ofEpochMilli(lo), bucket.from());
            assertEquals(Instant.ofEpochMilli(hi), bucket.to());
            List<ReadingBuckets.Reading> in = readings.stream()
                    .filter(x -> x.ts().toEpochMilli() >= lo && x.ts().toEpochMilli() < hi).toList();
            inside += in.size();
            assertEquals(in.size(), bucket.readings());
            assertEquals(in.get(in.size() - 1).goodCount(), bucket.goodCount());
            for (String metric : List.of("temp", "pressure")) {
                List<Double> xs = in.stream().filter(x -> x.metrics().containsKey(metric))
                        .map(x -> (Double) x.metrics().get(metric)).toList();
                ReadingBuckets.MetricSummary s = bucket.metrics().get(metric);
                if (xs.isEmpty()) {
                    assertNull(s);
                    continue;
                }
                assertEquals(xs.size(), s.n());
                assertEquals(xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), s.min());
                assertEquals(xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), s.max());
                assertEquals(xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), s.mean(), EPS);
            }
            bucketMax = Math.max(bucketMax, bucket.metrics().get("temp").max());
            // state time, one millisecond at a time: the state of the last reading at or before t, known only
            // while a later reading exists
            Map<String, Double> seconds = new LinkedHashMap<>();
            int i = 0;
            for (long t = lo; t < hi; t++) {
                while (i + 1 < readings.size() && readings.get(i + 1).ts().toEpochMilli() <= t) {
                    i++;
                }
                if (readings.get(i).ts().toEpochMilli() <= t && i + 1 < readings.size()) {
                    seconds.merge(readings.get(i).state(), 0.001, Double::sum);
                }
            }
            assertEquals(seconds.keySet(), bucket.stateSeconds().keySet(), "bucket " + k);
            for (var e : seconds.entrySet()) {
                assertEquals(e.getValue(), bucket.stateSeconds().get(e.getKey()), 1e-6, "bucket " + k + " " + e.getKey());
            }
        }
        for (ReadingBuckets.Reading x : readings) {
            if (!x.ts().isBefore(from) && x.ts().isBefore(to)) {
                rawMax = Math.max(rawMax, (Double) x.metrics().get("temp"));
            }
        }
        assertEquals(inside, result.readings());
        assertEquals(rawMax, bucketMax, "min/max per bucket keeps the window's spike");
    }

    @Test
    void badInputIsRefusedAndMetricNamesAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new ReadingBuckets(at("10:00"), at("10:00"), 5));
        assertThrows(IllegalArgumentException.class, () -> new ReadingBuckets(at("10:00"), at("11:00"), 0));
        ReadingBuckets b = new ReadingBuckets(at("10:00"), at("11:00"), 10);
        b.add(r("10:30", "EXECUTE", 1, 0, null));
        assertThrows(IllegalArgumentException.class, () -> b.add(r("10:20", "EXECUTE", 1, 0, null)));

        ReadingBuckets many = new ReadingBuckets(at("10:00"), at("11:00"), 2);
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int i = 0; i < ReadingBuckets.MAX_METRICS; i++) {
            metrics.put("m" + i, i);
        }
        many.add(r("10:01", "EXECUTE", 1, 0, metrics));
        assertFalse(many.result().metricsLeftOut());
        many.add(r("10:02", "EXECUTE", 1, 0, Map.of("extra", 1.0, "m0", Double.NaN)));
        ReadingBuckets.Result result = many.result();
        assertTrue(result.metricsLeftOut());
        assertEquals(ReadingBuckets.MAX_METRICS, result.buckets().get(0).metrics().size());
        assertEquals(1, result.buckets().get(0).metrics().get("m0").n(), "a NaN is no value");
    }
}
