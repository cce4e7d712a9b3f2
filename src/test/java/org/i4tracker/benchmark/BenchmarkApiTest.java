package org.i4tracker.benchmark;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark reports over the real HTTP stack with the default k = 5 (groups need 6 firms). The world is
 * built once: regions, districts and firms through the API, validated assessments with
 * {@link ValidatedAssessments} (the assessments API answers 403 on main until its controller is secured):
 * <ul>
 *   <li>region A / district DA (NACE 15.20): 6 SMALL firms + 1 MEDIUM firm — the SMALL group differs from
 *       district+sector by one firm and must never be shown;</li>
 *   <li>region B / district DB (NACE 23.31): 6 SMALL firms at answer levels 0,1,2,3,4,2 (B[1] also has a T0
 *       at level 0 before its T1);</li>
 *   <li>one firm with only a draft; the stage model has one validated firm (everything suppressed).</li>
 * </ul>
 */
@MicronautTest(transactional = false)
@Property(name = "i4.benchmark.refresh-interval", value = "200ms")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchmarkApiTest {

    private static final String DM = "model=digital-maturity&version=1.0.0";
    private static final double TOL = 1e-9;
    private static final String PASSWORD = "benchmark-password-1";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Users users;

    @Inject
    ValidatedAssessments assessments;

    private final Map<String, Long> firms = new HashMap<>();
    private final Map<Long, Double> overall = new HashMap<>();
    private long regionB;
    private long districtB;

    // ---- building the world through the API ----------------------------------------------------------------

    private Map<String, Object> send(MutableHttpRequest<?> request) {
        return http.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }

    private long district(String code, String nace) {
        long region = id(send(HttpRequest.POST("/api/v1/regions", Map.of("code", "BR-" + code, "name", "Region " + code))));
        if (code.equals("B")) {
            regionB = region;
        }
        return id(send(HttpRequest.POST("/api/v1/districts", Map.of("regionId", region, "name", "District " + code, "naceCode", nace))));
    }

    private long firm(String code, long district, String nace, int employees) {
        long id = id(send(HttpRequest.POST("/api/v1/firms", Map.of("districtId", district, "code", code, "name", "Firm " + code,
                "naceCode", nace, "employees", employees))));
        firms.put(code, id);
        return id;
    }

    /** Stores an assessment of every item answered at {@code level} (see {@link ValidatedAssessments#answersAt}). */
    private double assess(long firm, String model, String wave, String date, int level, boolean validate) {
        return assessments.store(firm, model, "1.0.0", wave, LocalDate.parse(date), level, validate);
    }

    private double assessDm(long firm, String wave, String date, int level) {
        double score = assess(firm, "digital-maturity", wave, date, level, true);
        overall.put(firm, score);
        return score;
    }

    @BeforeAll
    void world() {
        long da = district("A", "15.20");
        for (int i = 0; i < 6; i++) {
            assessDm(firm("A" + i, da, "15.20", 20), "T0", "2025-03-0" + (i + 1), i % 5);
        }
        assessDm(firm("AM", da, "15.20", 80), "T0", "2025-03-09", 3);
        districtB = district("B", "23.31");
        int[] levels = {0, 1, 2, 3, 4, 2};
        for (int i = 0; i < 6; i++) {
            long f = firm("B" + i, districtB, "23.31", 12);
            if (i == 1) {
                assessDm(f, "T0", "2025-01-10", 0);
            }
            assessDm(f, i == 1 ? "T1" : "T0", "2025-04-0" + (i + 1), levels[i]);
        }
        long draftOnly = firm("DRAFT", districtB, "23.31", 300);
        assess(draftOnly, "digital-maturity", "T0", "2025-05-01", 2, false);
        assess(firms.get("B0"), "i40-stages", "T0", "2025-05-02", 2, true);
    }

    private Map<String, Object> report(long firm, String query) {
        return send(HttpRequest.GET("/api/v1/firms/" + firm + "/benchmark?" + query));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private HttpClientResponseException problem(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, Map.class));
    }

    // ---- figures --------------------------------------------------------------------------------------------

    /** The midpoint of the 5-point class [5j, 5j + 5) holding v, top class [95, 100] (PeerFigures, resolution 5 %). */
    private static double classOf(double v) {
        return Math.min(19, Math.floor(v / 5)) * 5 + 2.5;
    }

    /** Median by R quantile type 1 (Hyndman & Fan 1996): the ⌈n/2⌉-th smallest, the lower middle value for even n. */
    private static double median(List<Double> values) {
        List<Double> x = new ArrayList<>(values);
        x.sort(Double::compare);
        return x.get((x.size() + 1) / 2 - 1);
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void smallGroupShowsOnlyTheClassOfThePeersMedian() {
        long b2 = firms.get("B2");
        Map<String, Object> r = report(b2, DM + "&peers=district,sector,size");
        Map<String, Object> group = map(r, "peerGroup");
        assertEquals("district,sector,size", group.get("used"));
        assertEquals(6, ((Number) group.get("n")).intValue());
        assertFalse((Boolean) group.get("suppressed"));

        // B2's five peers (B1 counts with its latest wave, T1), B2 itself taken out: levels 0, 1, 3, 4, 2
        List<Double> peerScores = new ArrayList<>();
        for (String f : List.of("B0", "B1", "B3", "B4", "B5")) {
            peerScores.add(overall.get(firms.get(f)));
        }
        Map<String, Object> peers = map(map(r, "overall"), "peers");
        assertEquals(5, ((Number) peers.get("n")).intValue());
        // n = 5: the ⌈2.5⌉ = 3rd of the five sorted scores, then its 5-point class; tolerance 1e-9
        assertEquals(classOf(median(peerScores)), num(peers, "p50"), TOL);
        assertEquals(5.0, num(peers, "resolution"), TOL);
        for (String withheld : List.of("mean", "p25", "p75", "p90", "percentileRank", "gapToP75")) {
            assertNull(peers.get(withheld), withheld + " must not be published for 5 peers");
        }
        assertTrue(((String) peers.get("withheld")).contains("only their median is published"), (String) peers.get("withheld"));
        double own = num(map(r, "overall"), "score");
        assertEquals(overall.get(b2), own, TOL);
        assertEquals(num(peers, "p50") - own, num(peers, "gapToMedian"), TOL);

        // B5 answered at B2's level 2, so the peers' median in every dimension is B2's own dimension score
        List<Map<String, Object>> dims = (List<Map<String, Object>>) r.get("dimensions");
        assertEquals(6, dims.size());
        for (Map<String, Object> d : dims) {
            Map<String, Object> p = map(d, "peers");
            assertEquals(5, ((Number) p.get("n")).intValue());
            assertEquals(classOf(num(d, "score")), num(p, "p50"), TOL, (String) d.get("code"));
            assertNull(p.get("mean"));
        }
        assertEquals("/dashboards/report/index.html?firm=" + b2 + "&model=digital-maturity&version=1.0.0&peers=district%2Csector%2Csize",
                map(r, "links").get("report"));
    }

    /**
     * Issue 17 §2 over HTTP: whatever a firm of district B asks ({@code peers=} every level), it gets one figure per
     * metric — the class of its peers' median — never the five that solved for its peers; for {@code all} (13 firms,
     * 12 peers) the class matches the median computed here from the scores.
     */
    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void readerOfASmallGroupGetsOneCoarseFigureAtEveryLevel() {
        for (String code : List.of("B0", "B1", "B2", "B3", "B4", "B5")) {
            long firm = firms.get(code);
            for (String level : List.of("district,sector,size", "district,sector", "district", "region", "all")) {
                Map<String, Object> r = report(firm, DM + "&peers=" + level);
                List<Map<String, Object>> metrics = new ArrayList<>((List<Map<String, Object>>) r.get("dimensions"));
                metrics.add(map(r, "overall"));
                for (Map<String, Object> m : metrics) {
                    Map<String, Object> p = map(m, "peers");
                    String where = code + " peers=" + level + " " + m.get("code");
                    assertEquals(2.5, num(p, "p50") % 5, TOL, where + ": a class midpoint");
                    for (String withheld : List.of("mean", "p25", "p75", "p90", "percentileRank")) {
                        assertNull(p.get(withheld), where + ": " + withheld);
                    }
                    assertNotNull(p.get("withheld"), where);
                }
                if (level.equals("all")) {
                    List<Double> others = overall.entrySet().stream().filter(e -> e.getKey() != firm).map(Map.Entry::getValue).toList();
                    Map<String, Object> p = map(map(r, "overall"), "peers");
                    assertEquals(12, others.size(), "13 firms with a validated digital-maturity assessment, the reader left out");
                    assertEquals(others.size(), ((Number) p.get("n")).intValue());
                    assertEquals(classOf(median(others)), num(p, "p50"), TOL, code);
                }
            }
        }
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void changeSinceThePreviousWaveAndHistory() {
        long b1 = firms.get("B1");
        Map<String, Object> r = report(b1, DM);
        Map<String, Object> o = map(r, "overall");
        assertEquals("T1", r.get("wave"));
        List<Map<String, Object>> history = (List<Map<String, Object>>) r.get("history");
        assertEquals(List.of("T0", "T1"), history.stream().map(h -> h.get("wave")).toList());
        double t0 = num(history.get(0), "overall");
        assertEquals(num(o, "score") - t0, num(o, "change"), TOL);
        assertTrue(num(o, "change") > 0, "level 1 after level 0");
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void adviceNamesWeakDimensionsLiftItemsAndServices() {
        Map<String, Object> r = report(firms.get("B0"), DM);
        Map<String, Object> advice = map(r, "advice");
        assertEquals("PEERS", advice.get("weakestBasis"));
        List<Map<String, Object>> weakest = (List<Map<String, Object>>) advice.get("weakestDimensions");
        assertEquals(BenchmarkService.WEAKEST, weakest.size());
        // B0 answered everything at level 0; its peers B1..B5 at levels 1, 2, 3, 4, 2 (median: level 2 = B2's answers).
        // Expected gap per dimension: the 5-point class of B2's score there − B0's score; the three largest are named,
        // largest first. B2's and B0's dimension scores are their own figures in their own reports.
        Map<String, Double> expectedGap = new HashMap<>();
        List<Map<String, Object>> b2Dims = (List<Map<String, Object>>) report(firms.get("B2"), DM).get("dimensions");
        List<Map<String, Object>> b0Dims = (List<Map<String, Object>>) r.get("dimensions");
        for (int d = 0; d < b0Dims.size(); d++) {
            expectedGap.put((String) b0Dims.get(d).get("code"), classOf(num(b2Dims.get(d), "score")) - num(b0Dims.get(d), "score"));
        }
        List<Double> largest = expectedGap.values().stream().sorted(java.util.Comparator.reverseOrder()).limit(BenchmarkService.WEAKEST).toList();
        for (int i = 0; i < weakest.size(); i++) {
            Map<String, Object> w = weakest.get(i);
            assertEquals(expectedGap.get((String) w.get("code")), num(w, "gapToMedian"), TOL);
            assertEquals(largest.get(i), num(w, "gapToMedian"), TOL, "weakest first");
            assertNull(w.get("percentileRank"), "an exact rank is never published");
        }
        Map<String, Object> lift = map(advice, "lift");
        assertEquals("BASIC", lift.get("currentBand"));
        assertEquals("AVERAGE", lift.get("nextBand"));
        List<Map<String, Object>> items = (List<Map<String, Object>>) lift.get("items");
        assertFalse(items.isEmpty());
        items.forEach(i -> assertNotNull(i.get("advice")));
        List<Map<String, Object>> services = (List<Map<String, Object>>) advice.get("services");
        assertFalse(services.isEmpty());
        assertTrue(services.stream().allMatch(s -> !((List<?>) s.get("serviceTypes")).isEmpty()));
    }

    // ---- privacy ---------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void groupDifferingFromItsParentByOneFirmIsCoarsenedSoTheDifferencingAttackFails() {
        long a0 = firms.get("A0");
        Map<String, Object> narrow = report(a0, DM + "&peers=district,sector,size");
        Map<String, Object> wide = report(a0, DM + "&peers=district,sector");
        // the 6 SMALL firms of DA alone would differ from DA's 7 by the MEDIUM firm: never shown
        assertEquals("district,sector", map(narrow, "peerGroup").get("used"));
        List<Map<String, Object>> skipped = (List<Map<String, Object>>) map(narrow, "peerGroup").get("skipped");
        assertEquals("district,sector,size", skipped.get(0).get("level"));
        assertTrue(((String) skipped.get(0).get("reason")).contains("subtraction"));
        assertEquals(map(narrow, "overall").get("peers"), map(wide, "overall").get("peers"));
        // the attack: n·mean(7) − n·mean(6 SMALL) = the MEDIUM firm's score. It needs a figure of the 6 that no request returns.
        for (String peers : List.of("district,sector,size", "district,sector", "district", "region", "all")) {
            for (String f : List.of("A0", "A1", "A2", "A3", "A4", "A5", "AM")) {
                Map<String, Object> g = map(report(firms.get(f), DM + "&peers=" + peers), "peerGroup");
                assertTrue(((Number) g.get("n")).intValue() >= 7, f + "@" + peers + " saw a group without the MEDIUM firm");
            }
        }
        // and the MEDIUM firm's own size group (1 firm) is never shown either
        Map<String, Object> own = report(firms.get("AM"), DM + "&peers=district,sector,size");
        assertEquals("district,sector", map(own, "peerGroup").get("used"));
    }

    /**
     * All groups a firm can obtain contain it, so they are nested; the differencing attack needs two of them that differ
     * by fewer than k + 1 firms. For every firm of the world and every peers value, no such pair exists.
     */
    @Test
    @Order(6)
    void noTwoObtainableGroupsDifferByFewerThanKPlusOneFirms() {
        for (long f : overall.keySet()) {
            Map<String, Integer> chain = new LinkedHashMap<>();
            for (String peers : List.of("district,sector,size", "district,sector", "district", "region", "all")) {
                Map<String, Object> g = map(report(f, DM + "&peers=" + peers), "peerGroup");
                chain.put((String) g.get("definition"), ((Number) g.get("n")).intValue());
            }
            for (int a : chain.values()) {
                assertTrue(a >= 6, "firm " + f + " was shown a group of " + a + ": " + chain);
                for (int b : chain.values()) {
                    int diff = Math.abs(a - b);
                    assertTrue(diff == 0 || diff >= 6, "firm " + f + " obtains nested groups of " + a + " and " + b + ": " + chain);
                }
            }
        }
    }

    @Test
    @Order(7)
    void everythingSuppressedWhenEvenAllFirmsAreTooFew() {
        Map<String, Object> r = report(firms.get("B0"), "model=i40-stages&version=1.0.0&peers=all");
        Map<String, Object> group = map(r, "peerGroup");
        assertTrue((Boolean) group.get("suppressed"));
        assertNull(group.get("used"));
        assertTrue(((String) group.get("reason")).contains("suppressed"));
        assertNull(map(r, "overall").get("peers"));
        assertNotNull(map(r, "overall").get("score"), "the firm's own scores are still shown");
        assertEquals("OWN_SCORES", map(r, "advice").get("weakestBasis"));
    }

    // ---- access and bad input --------------------------------------------------------------------------------

    private String login(String username) {
        return (String) http.toBlocking().retrieve(HttpRequest.POST("/login", Map.of("username", username, "password", PASSWORD))
                .header("X-Test-Anonymous", "1"), Map.class).get("access_token");
    }

    @Test
    @Order(8)
    void firmUserSeesOnlyItsOwnReportAndAgenciesNone() {
        users.create("bench-firm-b3", PASSWORD, Role.FIRM_USER, firms.get("B3"), null, null, "test");
        users.create("bench-agency", PASSWORD, Role.AGENCY_ANALYST, null, null, regionB, "test");
        String firmToken = login("bench-firm-b3");
        Map<String, Object> own = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/firms/" + firms.get("B3") + "/benchmark?" + DM)
                .bearerAuth(firmToken), Argument.mapOf(String.class, Object.class));
        assertEquals(firms.get("B3").longValue(), ((Number) own.get("firmId")).longValue());
        // Another firm is answered as if it did not exist.
        assertEquals(HttpStatus.NOT_FOUND, problem(HttpRequest.GET("/api/v1/firms/" + firms.get("B4") + "/benchmark?" + DM)
                .bearerAuth(firmToken)).getStatus());
        assertEquals(HttpStatus.FORBIDDEN, problem(HttpRequest.GET("/api/v1/firms/" + firms.get("B3") + "/benchmark?" + DM)
                .bearerAuth(login("bench-agency"))).getStatus());
        assertEquals(HttpStatus.UNAUTHORIZED, problem(HttpRequest.GET("/api/v1/firms/" + firms.get("B3") + "/benchmark?" + DM)
                .header("X-Test-Anonymous", "1")).getStatus());
    }

    @Test
    @Order(9)
    void badInputIsProblemJson() {
        long b0 = firms.get("B0");
        HttpClientResponseException unknownModel = problem(HttpRequest.GET("/api/v1/firms/" + b0 + "/benchmark?model=nope&version=1.0.0"));
        assertEquals(HttpStatus.NOT_FOUND, unknownModel.getStatus());
        assertEquals("application/problem+json", unknownModel.getResponse().getContentType().orElseThrow().toString());
        assertEquals(HttpStatus.NOT_FOUND, problem(HttpRequest.GET("/api/v1/firms/" + b0 + "/benchmark?model=digital-maturity&version=9.9.9")).getStatus());
        HttpClientResponseException noModel = problem(HttpRequest.GET("/api/v1/firms/" + b0 + "/benchmark?version=1.0.0"));
        assertEquals(HttpStatus.BAD_REQUEST, noModel.getStatus());
        assertTrue(noModel.getResponse().getBody(String.class).orElseThrow().contains("\"model\""));
        HttpClientResponseException peers = problem(HttpRequest.GET("/api/v1/firms/" + b0 + "/benchmark?" + DM + "&peers=sector,size"));
        assertEquals(HttpStatus.BAD_REQUEST, peers.getStatus());
        assertTrue(peers.getResponse().getBody(String.class).orElseThrow().contains("\"peers\""));
        HttpClientResponseException draftOnly = problem(HttpRequest.GET("/api/v1/firms/" + firms.get("DRAFT") + "/benchmark?" + DM));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, draftOnly.getStatus());
        assertTrue(draftOnly.getResponse().getBody(String.class).orElseThrow().contains("no validated assessment"));
        assertEquals(HttpStatus.NOT_FOUND, problem(HttpRequest.GET("/api/v1/firms/999999/benchmark?" + DM)).getStatus());
    }

    /**
     * Runs last: it changes the world. Issue 22 §1: the statistics follow validations in the background, but a small
     * group (here 6 firms) is published in batches: its figures do not move for one more firm — which would let a
     * reader difference the two versions — and move on, within the refresh interval, once k = 5 firms have changed.
     */
    @Test
    @Order(10)
    void smallGroupMovesOnOnlyAfterKFirmsChanged() throws InterruptedException {
        long b0 = firms.get("B0");
        Map<String, Object> before = report(b0, DM);
        assertEquals(6, ((Number) map(before, "peerGroup").get("n")).intValue());
        for (int i = 6; i < 10; i++) {
            long added = firm("B" + i, districtB, "23.31", 12);
            assessDm(added, "T0", "2025-04-1" + i, 4);
            // the new firm's own report (its validation is in the snapshot) still shows the group as it was, all 6 its peers
            Map<String, Object> own = eventually(() -> reportOrNull(added));
            assertEquals(6, ((Number) map(own, "peerGroup").get("n")).intValue());
            assertEquals(6, ((Number) map(map(own, "overall"), "peers").get("n")).intValue());
            Map<String, Object> after = report(b0, DM);
            assertEquals(map(before, "peerGroup"), map(after, "peerGroup"), (i - 5) + " new firms");
            assertEquals(map(before, "overall"), map(after, "overall"));
            assertEquals(before.get("dimensions"), after.get("dimensions"));
        }
        assessDm(firm("B10", districtB, "23.31", 12), "T0", "2025-04-20", 4); // the fifth change
        Map<String, Object> moved = eventually(() -> {
            Map<String, Object> r = report(b0, DM);
            return ((Number) map(r, "peerGroup").get("n")).intValue() == 11 ? r : null;
        });
        assertEquals("district,sector,size", map(moved, "peerGroup").get("used"));
        assertEquals(10, ((Number) map(map(moved, "overall"), "peers").get("n")).intValue());
    }

    private Map<String, Object> reportOrNull(long firm) {
        try {
            return report(firm, DM);
        } catch (HttpClientResponseException e) {
            assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.getStatus(), e.getMessage());
            return null;
        }
    }

    /** Polls for up to 5 s (the freshness goal of issue 22) until {@code probe} gives a value. */
    static <T> T eventually(java.util.function.Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            assertTrue(System.nanoTime() < deadline, "not seen within 5 s");
            Thread.sleep(50);
        }
    }
}
