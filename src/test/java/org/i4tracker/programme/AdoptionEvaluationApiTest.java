package org.i4tracker.programme;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.i4tracker.programme.RegistryFixture.field;
import static org.i4tracker.programme.RegistryFixture.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/*
 * Adoption as the outcome (issue 20 §3), years 2021..2024, Y = adopted ROBOTICS by 31 December:
 *   A enrolled 2022-03-01 (cohort 2022), ROBOTICS 2022-06-01, CLOUD 2021-03-01   Y 0 1 1 1   technologies 1 2 2 2
 *   B enrolled 2022-05-01 (cohort 2022), ROBOTICS 2023-02-01                     Y 0 0 1 1                0 0 1 1
 *   C enrolled 2023-04-01 (cohort 2023), ROBOTICS 2023-09-01                     Y 0 0 1 1                0 0 1 1
 *   D never enrolled, ROBOTICS 2024-01-10, CLOUD 2023-05-05                      Y 0 0 0 1                0 0 1 2
 *   E never enrolled, ROBOTICS 2020-05-01 (before the window)                   Y 1 1 1 1                1 1 1 1
 *   F never enrolled, no adoption                                               Y 0 0 0 0                0 0 0 0
 *   G large firm, not eligible, ROBOTICS 2022-02-01                              (must not enter)
 * Expected values computed by hand from these rows (exact fractions; tolerance 1e-12 for rounding only):
 *   STAGGERED, never treated (base g − 1 after treatment, t − 1 before):
 *     ATT(2022,2022) = (1 + 0)/2 − 0 = 1/2; ATT(2022,2023) = 1 − 0 = 1; ATT(2022,2024) = 1 − (1 + 0 + 0)/3 = 2/3;
 *     ATT(2023,2022) (pre) = 0 − 0 = 0; ATT(2023,2023) = 1 − 0 = 1; ATT(2023,2024) = 1 − 1/3 = 2/3;
 *     simple = (2(1/2 + 1 + 2/3) + 1(1 + 2/3)) / (2·3 + 1·2) = 3/4.
 *   DID 2021 → 2024: treated A, B, C ΔY 1, 1, 1; controls D, E, F ΔY 1, 0, 0 → ATT = 1 − 1/3 = 2/3.
 *   technologies, DID 2021 → 2024: treated Δ 1, 1, 1; controls Δ 2, 0, 0 → ATT = 1 − 2/3 = 1/3.
 */
@MicronautTest
// hand-computed reference groups of one to four firms; the privacy floor is EvaluationPrivacyFloorTest's
@Property(name = "i4.benchmark.k-floor", value = "1")
class AdoptionEvaluationApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    RegistryFixture fx;
    long programme;

    private long firm(long district, String code, int employees, String... adoptions) {
        long id = fx.firm(district, code, "15.20", employees);
        for (int k = 0; k < adoptions.length; k += 2) {
            fx.post("/api/v1/adoptions", "{\"firmId\":" + id + ",\"technologyCode\":\"" + adoptions[k] + "\",\"date\":\""
                    + adoptions[k + 1] + "\",\"source\":\"MANUAL\"}");
        }
        return id;
    }

    @BeforeEach
    void programmeWithAdoptions() {
        fx = new RegistryFixture(http);
        long region = fx.region("Adoption region");
        long district = fx.district(region, "Footwear", "15.20");
        long a = firm(district, "A", 20, "ROBOTICS", "2022-06-01", "CLOUD", "2021-03-01");
        long b = firm(district, "B", 20, "ROBOTICS", "2023-02-01");
        long c = firm(district, "C", 20, "ROBOTICS", "2023-09-01");
        firm(district, "D", 20, "ROBOTICS", "2024-01-10", "CLOUD", "2023-05-05");
        firm(district, "E", 20, "ROBOTICS", "2020-05-01");
        firm(district, "F", 20);
        firm(district, "G", 900, "ROBOTICS", "2022-02-01");
        programme = id(fx.post("/api/v1/programmes", "{\"code\":\"AD-" + region + "\",\"name\":\"Adoption\",\"regionId\":" + region
                + ",\"startsOn\":\"2022-01-01\",\"eligibility\":{\"sizeClasses\":[\"SMALL\"]},"
                + "\"coFunding\":{\"publicShare\":60,\"firmShare\":40}}"));
        String enrol = "/api/v1/programmes/" + programme + "/enrolments";
        fx.post(enrol, "{\"firmId\":" + a + ",\"enrolledOn\":\"2022-03-01\"}");
        fx.post(enrol, "{\"firmId\":" + b + ",\"enrolledOn\":\"2022-05-01\"}");
        fx.post(enrol, "{\"firmId\":" + c + ",\"enrolledOn\":\"2023-04-01\"}");
    }

    private String path(String query) {
        return "/api/v1/programmes/" + programme + "/evaluation" + query;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static double cell(List<Map<String, Object>> cells, int cohort, int period) {
        return num(cells.stream().filter(c -> num(c.get("cohort")) == cohort && num(c.get("period")) == period)
                .findFirst().orElseThrow(() -> new AssertionError("no cell " + cohort + "," + period)).get("att"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void staggeredEffectOnAdoptionByEnrolmentYear() {
        var report = fx.get(path("?outcome=adoption&technology=ROBOTICS&design=STAGGERED&from=2021&to=2024"));
        assertEquals("adoption", report.get("outcome"));
        assertEquals("ROBOTICS", report.get("technology"));
        assertEquals("YEAR", report.get("waveUnit"));
        assertEquals(List.of(2021, 2022, 2023, 2024), report.get("waves"));
        assertEquals(6, ((Number) report.get("firms")).intValue());
        assertEquals(3, ((Number) report.get("treatedFirms")).intValue());
        var staggered = (Map<String, Object>) report.get("staggered");
        var cells = (List<Map<String, Object>>) staggered.get("attGt");
        assertEquals(0.5, cell(cells, 2022, 2022), 1e-12);
        assertEquals(1.0, cell(cells, 2022, 2023), 1e-12);
        assertEquals(2.0 / 3, cell(cells, 2022, 2024), 1e-12);
        assertEquals(0.0, cell(cells, 2023, 2022), 1e-12);
        assertEquals(1.0, cell(cells, 2023, 2023), 1e-12);
        assertEquals(2.0 / 3, cell(cells, 2023, 2024), 1e-12);
        assertEquals(0.75, num(((Map<String, Object>) staggered.get("simple")).get("att")), 1e-12);
        assertEquals(null, staggered.get("bands"), "bands only when asked for");

        // the same estimate with the simultaneous band of the event study, reproducible by its seed
        var banded = (Map<String, Object>) fx.get(path("?outcome=adoption&technology=ROBOTICS&design=STAGGERED&from=2021&to=2024"
                + "&bootstrap=true&iterations=200&seed=7")).get("staggered");
        var bands = (Map<String, Object>) banded.get("bands");
        assertEquals(200, ((Number) bands.get("iterations")).intValue());
        var dynamic = (List<Map<String, Object>>) banded.get("dynamic");
        var band = (Map<String, Object>) bands.get("dynamic");
        var lower = (List<Number>) band.get("lower");
        var upper = (List<Number>) band.get("upper");
        assertEquals(dynamic.size(), lower.size());
        for (int i = 0; i < dynamic.size(); i++) {
            double att = num(dynamic.get(i).get("att"));
            assertTrue(lower.get(i).doubleValue() <= att && att <= upper.get(i).doubleValue(), "band around e = " + i);
        }
        var again = (Map<String, Object>) ((Map<String, Object>) fx.get(path("?outcome=adoption&technology=ROBOTICS&design=STAGGERED"
                + "&from=2021&to=2024&bootstrap=true&iterations=200&seed=7")).get("staggered")).get("bands");
        assertEquals(band, ((Map<String, Object>) again.get("dynamic")), "same seed, same band");
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoByTwoOnAdoptionAndOnTheNumberOfTechnologies() {
        var did = (Map<String, Object>) fx.get(path("?outcome=adoption&technology=ROBOTICS&design=DID&from=2021&to=2024")).get("did");
        assertEquals(2.0 / 3, num(did.get("att")), 1e-12);
        assertEquals(6, ((Number) did.get("n")).intValue());
        var count = fx.get(path("?outcome=technologies&design=DID&from=2021&to=2024"));
        assertEquals(1.0 / 3, num(((Map<String, Object>) count.get("did")).get("att")), 1e-12);
        assertEquals(null, count.get("technology"));
        // pre/post are years for adoption outcomes: 2021 → 2022 treats A and B only (C enrolled 2023 is a control)
        // ΔY A 1, B 0 → 1/2; C, D, E, F 0 → 0
        var early = (Map<String, Object>) fx.get(path("?outcome=adoption&technology=ROBOTICS&pre=2021&post=2022&from=2021&to=2024"))
                .get("did");
        assertEquals(0.5, num(early.get("att")), 1e-12);
    }

    @Test
    void badAdoptionParametersNameTheField() {
        assertEquals("technology", field(fx.fails(HttpRequest.GET(path("?outcome=adoption")))));
        var unknown = fx.fails(HttpRequest.GET(path("?outcome=adoption&technology=TELEPORTATION")));
        assertTrue(unknown.getStatus().getCode() == 400 || unknown.getStatus() == HttpStatus.UNPROCESSABLE_ENTITY);
        assertEquals("technology", field(unknown));
        assertEquals("technology", field(fx.fails(HttpRequest.GET(path("?outcome=overall&technology=ROBOTICS")))));
        assertEquals("to", field(fx.fails(HttpRequest.GET(path("?outcome=technologies&from=2024&to=2021")))));
        assertEquals("to", field(fx.fails(HttpRequest.GET(path("?outcome=technologies&from=1950&to=2020")))));
        assertEquals("from", field(fx.fails(HttpRequest.GET(path("?outcome=overall&from=2021")))));
        assertEquals("seed", field(fx.fails(HttpRequest.GET(path("?outcome=technologies&seed=3")))));
        assertEquals("iterations", field(fx.fails(HttpRequest.GET(path("?outcome=technologies&bootstrap=true&iterations=100000000")))));
    }
}
