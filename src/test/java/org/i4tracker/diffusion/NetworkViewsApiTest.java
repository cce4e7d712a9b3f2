package org.i4tracker.diffusion;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Exposure and cooperation networks over stored links, checked against hand-computed values on a
 * five-firm district:
 * <pre>
 *   A —BUY_SELL(w=1)— B —JOINT_PROJECT(w=1)— C        D —KNOWLEDGE_FLOW:USING(w=0.5)— A,  E alone
 *   joint projects: B–C, C–D, B–D  (B, C, D form a joint-project component)
 * </pre>
 */
@MicronautTest(transactional = false)
class NetworkViewsApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @SuppressWarnings("unchecked")
    @Test
    void exposureAndNetworksMatchHandComputedValues() {
        Api api = new Api(http);
        long region = api.create("/api/v1/regions", "{\"code\":\"NV" + System.nanoTime() + "\",\"name\":\"R\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"D\",\"naceCode\":\"23.31\"}");
        long[] f = new long[5];
        for (int i = 0; i < 5; i++) {
            f[i] = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"F" + i + "\",\"name\":\"Firm " + (char) ('A' + i)
                    + "\",\"naceCode\":\"23.31\",\"employees\":20}");
        }
        link(api, f[0], f[1], "BUY_SELL", null);
        link(api, f[1], f[2], "JOINT_PROJECT", null);
        link(api, f[2], f[3], "JOINT_PROJECT", null);
        link(api, f[1], f[3], "JOINT_PROJECT", null);
        link(api, f[3], f[0], "KNOWLEDGE_FLOW", "USING");
        // B adopts in 2021, A in 2022; the others never.
        adopt(api, f[1], "2021-05-01");
        adopt(api, f[0], "2022-03-01");

        var report = api.get("/api/v1/districts/" + district + "/exposure?technology=ROBOTICS&period=YEAR");
        List<String> periods = (List<String>) report.get("periods");
        assertEquals("2021", periods.get(0));
        assertEquals(String.valueOf(LocalDate.now().getYear()), periods.get(periods.size() - 1));
        Map<Long, List<Object>> exposure = new java.util.HashMap<>();
        for (Map<String, Object> firm : (List<Map<String, Object>>) report.get("firms")) {
            exposure.put(((Number) firm.get("firmId")).longValue(), (List<Object>) firm.get("exposure"));
        }
        // 2021 (t=0): nobody adopted before, so every firm with ties has exposure 0; E has no ties → null.
        assertEquals(0.0, ((Number) exposure.get(f[0]).get(0)).doubleValue(), 1e-12);
        assertNull(exposure.get(f[4]).get(0));
        // 2022 (t=1): B adopted in t=0. A: ties B (1) and D (0.5) → 1/1.5. C: ties B (1), D (1) → 1/2.
        // D: ties C (1), B (1), A (0.5) → 1/2.5.
        assertEquals(1.0 / 1.5, ((Number) exposure.get(f[0]).get(1)).doubleValue(), 1e-12);
        assertEquals(0.5, ((Number) exposure.get(f[2]).get(1)).doubleValue(), 1e-12);
        assertEquals(1.0 / 2.5, ((Number) exposure.get(f[3]).get(1)).doubleValue(), 1e-12);
        // 2023 (t=2): A and B adopted → D: (1 + 0.5) / 2.5 = 0.6.
        assertEquals(0.6, ((Number) exposure.get(f[3]).get(2)).doubleValue(), 1e-12);

        var networks = api.get("/api/v1/districts/" + district + "/networks");
        var found = (List<Map<String, Object>>) networks.get("networks");
        // B, C, D are joined by joint projects; their mutual ties are all JOINT_PROJECT → one activity only.
        assertEquals(0, found.size());
        link(api, f[2], f[3], "BUY_SELL", null);
        found = (List<Map<String, Object>>) api.get("/api/v1/districts/" + district + "/networks").get("networks");
        assertEquals(1, found.size());
        assertEquals(List.of(f[1], f[2], f[3]), ((List<Number>) found.get(0).get("firms")).stream().map(Number::longValue).toList());
        assertEquals(List.of("BUY_SELL", "JOINT_PROJECT"), found.get(0).get("activities"));

        api.problem(HttpRequest.GET("/api/v1/districts/" + district + "/networks?minFirms=1"), 400);
        api.problem(HttpRequest.GET("/api/v1/districts/987654321/networks"), 404);
        api.problem(HttpRequest.GET("/api/v1/districts/" + district + "/exposure"), 400);
    }

    private static void link(Api api, long from, long to, String type, String kind) {
        api.post("/api/v1/links", "{\"from\":{\"kind\":\"FIRM\",\"id\":" + from + "},\"to\":{\"kind\":\"FIRM\",\"id\":" + to
                + "},\"type\":\"" + type + "\"" + (kind == null ? "" : ",\"knowledgeKind\":\"" + kind + "\"") + ",\"since\":\"2015-01-01\"}");
    }

    private static void adopt(Api api, long firm, String date) {
        api.post("/api/v1/adoptions", "{\"firmId\":" + firm + ",\"technologyCode\":\"ROBOTICS\",\"date\":\"" + date + "\",\"source\":\"MANUAL\"}");
    }
}
