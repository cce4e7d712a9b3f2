package org.i4tracker.benchmark;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The other tier of {@link PeerFigures} over HTTP: with {@code i4.benchmark.full-figures-from} lowered to k = 5, a
 * group of 6 firms gets mean, P25, P50, P75 and P90 of the reader's 5 peers — each the midpoint of its 5-point class,
 * quantiles of type 1 — and still no percentile rank. (The default, 20 peers, is what {@code BenchmarkApiTest} shows.)
 */
@MicronautTest(transactional = false)
@Property(name = "i4.benchmark.refresh-interval", value = "200ms")
@Property(name = "i4.benchmark.full-figures-from", value = "5")
class BenchmarkFullFiguresApiTest {

    private static final double TOL = 1e-9;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ValidatedAssessments assessments;

    private Map<String, Object> send(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** The midpoint of the 5-point class [5j, 5j + 5) holding v, top class [95, 100]. */
    private static double classOf(double v) {
        return Math.min(19, Math.floor(v / 5)) * 5 + 2.5;
    }

    @Test
    void groupOfSixGetsEveryFigureOfThePeersInClasses() throws InterruptedException {
        long region = id(send(HttpRequest.POST("/api/v1/regions", Map.of("code", "FF-R", "name", "Full figures region"))));
        long district = id(send(HttpRequest.POST("/api/v1/districts", Map.of("regionId", region, "name", "Full figures district",
                "naceCode", "25.62"))));
        int[] levels = {0, 1, 2, 3, 4, 2};
        List<Long> ids = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            long firm = id(send(HttpRequest.POST("/api/v1/firms", Map.of("districtId", district, "code", "FF" + i,
                    "name", "Full figures firm " + i, "naceCode", "25.62", "employees", 30))));
            ids.add(firm);
            scores.add(assessments.store(firm, "digital-maturity", "1.0.0", "T0", LocalDate.parse("2025-06-0" + (i + 1)), levels[i], true));
        }
        Map<String, Object> r = send(HttpRequest.GET("/api/v1/firms/" + ids.get(2)
                + "/benchmark?model=digital-maturity&version=1.0.0&peers=district,sector,size"));
        assertEquals(6, ((Number) map(r, "peerGroup").get("n")).intValue());

        // the reader FF2 left out: peers at levels 0, 1, 3, 4, 2; R quantile(type = 1) = the ⌈5p⌉-th smallest
        List<Double> peers = new ArrayList<>(scores);
        peers.remove(2);
        peers.sort(Double::compare);
        Map<String, Object> p = map(map(r, "overall"), "peers");
        assertEquals(5, ((Number) p.get("n")).intValue());
        assertEquals(classOf(peers.get(1)), num(p, "p25"), TOL);  // ⌈1.25⌉ = 2nd
        assertEquals(classOf(peers.get(2)), num(p, "p50"), TOL);  // ⌈2.5⌉ = 3rd
        assertEquals(classOf(peers.get(3)), num(p, "p75"), TOL);  // ⌈3.75⌉ = 4th
        assertEquals(classOf(peers.get(4)), num(p, "p90"), TOL);  // ⌈4.5⌉ = 5th
        assertEquals(classOf(peers.stream().mapToDouble(Double::doubleValue).sum() / 5), num(p, "mean"), TOL);
        double own = num(map(r, "overall"), "score");
        assertEquals(num(p, "p75") - own, num(p, "gapToP75"), TOL);
        assertNull(p.get("percentileRank"));
        assertTrue(((String) p.get("withheld")).contains("percentile rank is withheld"), (String) p.get("withheld"));

        // issue 22 §1: a group larger than the full-figures size is fresh: one more validation shows within 5 s
        long seventh = id(send(HttpRequest.POST("/api/v1/firms", Map.of("districtId", district, "code", "FF6",
                "name", "Full figures firm 6", "naceCode", "25.62", "employees", 30))));
        assessments.store(seventh, "digital-maturity", "1.0.0", "T0", LocalDate.parse("2025-06-09"), 4, true);
        long start = System.nanoTime();
        Map<String, Object> fresh = BenchmarkApiTest.eventually(() -> {
            Map<String, Object> again = send(HttpRequest.GET("/api/v1/firms/" + ids.get(2)
                    + "/benchmark?model=digital-maturity&version=1.0.0&peers=district,sector,size"));
            return ((Number) map(again, "peerGroup").get("n")).intValue() == 7 ? again : null;
        });
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertEquals(6, ((Number) map(map(fresh, "overall"), "peers").get("n")).intValue());
    }
}
