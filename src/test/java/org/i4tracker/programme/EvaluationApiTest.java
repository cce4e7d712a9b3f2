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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/*
 * Overall maturity by wave (T0 15 Jan 2024, T1 15 Jul 2024, T2 15 Jan 2025):
 *   A enrolled 1 Mar 2024 (cohort wave 1)  30 40 45
 *   B enrolled 1 Mar 2024 (cohort wave 1)  20 28 35
 *   C enrolled 1 Sep 2024 (cohort wave 2)  25 27 37
 *   D, E, F never enrolled                 22 24 26 / 35 36 39 / 28 29 31
 *   G large firm, not eligible             10 90 10   (must not enter)
 * DID T0→T2: ΔA 15, ΔB 15, ΔC 12 → η₁ = 14; ΔD 4, ΔE 4, ΔF 3 → η₀ = 11/3; ATT = 31/3 = 10.3333.
 *   Gains 15, 15, 12: mean 14, s = √3, SE = 1, t(0.975, 2) = 4.302653 → CI 14 ± 4.302653.
 * STAGGERED, never treated: ATT(1,1) = (10 + 8)/2 − (2 + 1 + 1)/3 = 23/3; ATT(1,2) = 15 − 11/3 = 34/3;
 *   ATT(2,1) (pre) = 2 − 4/3 = 2/3; ATT(2,2) = 10 − (2 + 3 + 2)/3 = 23/3;
 *   simple = (2·23/3 + 2·34/3 + 1·23/3)/5 = 137/15 (cohort sizes 2 and 1).
 */
@MicronautTest
// hand-computed reference groups of one to four firms; the privacy floor is EvaluationPrivacyFloorTest's
@Property(name = "i4.benchmark.k-floor", value = "1")
@Property(name = "test.outcome-source", value = "fixed")
class EvaluationApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    FixedOutcomeSource outcomes;

    RegistryFixture fx;
    long programme;
    long linkedA;
    long linkedD;

    private long firm(long district, String code, int employees, double... y) {
        long id = fx.firm(district, code, "15.20", employees);
        outcomes.putWaves(id, y);
        return id;
    }

    @BeforeEach
    void programmeWithOutcomes() {
        fx = new RegistryFixture(http);
        long region = fx.region("Evaluation region");
        long district = fx.district(region, "Footwear", "15.20");
        long a = firm(district, "A", 20, 30, 40, 45);
        long b = firm(district, "B", 20, 20, 28, 35);
        long c = firm(district, "C", 20, 25, 27, 37);
        linkedA = a;
        linkedD = firm(district, "D", 20, 22, 24, 26);
        firm(district, "E", 20, 35, 36, 39);
        firm(district, "F", 20, 28, 29, 31);
        firm(district, "G", 900, 10, 90, 10);
        programme = id(fx.post("/api/v1/programmes", "{\"code\":\"EV-" + region + "\",\"name\":\"Evaluated\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"eligibility\":{\"sizeClasses\":[\"SMALL\"]},"
                + "\"coFunding\":{\"publicShare\":60,\"firmShare\":40}}"));
        String enrol = "/api/v1/programmes/" + programme + "/enrolments";
        fx.post(enrol, "{\"firmId\":" + a + ",\"enrolledOn\":\"2024-03-01\"}");
        fx.post(enrol, "{\"firmId\":" + b + ",\"enrolledOn\":\"2024-03-01\"}");
        fx.post(enrol, "{\"firmId\":" + c + ",\"enrolledOn\":\"2024-09-01\"}");
    }

    private String path(String query) {
        return "/api/v1/programmes/" + programme + "/evaluation" + query;
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoByTwoWithParticipantGains() {
        var report = fx.get(path("?outcome=overall&design=DID"));
        var did = (Map<String, Object>) report.get("did");
        assertEquals(31.0 / 3, num(did.get("att")), 1e-12);
        assertEquals(6, ((Number) did.get("n")).intValue());
        assertEquals(3, ((Number) report.get("treatedFirms")).intValue());
        assertEquals(0, ((Number) report.get("excludedFirms")).intValue()); // population = 6 eligible firms; G (large) never enters
        var gains = (Map<String, Object>) report.get("gains");
        assertEquals(14.0, num(gains.get("mean")), 1e-12);
        assertEquals(1.0, num(gains.get("se")), 1e-12);
        // t(0.975, df = 2) = 4.302652730 (standard t table, tolerance 1e-6)
        assertEquals(14 - 4.302652730, num(gains.get("ciLow")), 1e-6);
        assertEquals(14 + 4.302652730, num(gains.get("ciHigh")), 1e-6);
        assertNull(report.get("staggered"));

        // T0 → T1 only: C (enrolled after T1) becomes a control: η₁ = (10 + 8)/2 = 9, η₀ = (2 + 2 + 1 + 1)/4 = 1.5
        var early = (Map<String, Object>) fx.get(path("?design=DID&pre=0&post=1")).get("did");
        assertEquals(7.5, num(early.get("att")), 1e-12);
    }

    @Test
    @SuppressWarnings("unchecked")
    void staggeredByEnrolmentWave() {
        var report = fx.get(path("?design=STAGGERED&control=NEVER_TREATED"));
        var staggered = (Map<String, Object>) report.get("staggered");
        var cells = (List<Map<String, Object>>) staggered.get("attGt");
        assertEquals(4, cells.size());
        assertEquals(1, ((Number) cells.get(0).get("cohort")).intValue());
        assertEquals(23.0 / 3, num(cells.get(0).get("att")), 1e-12);
        assertEquals(34.0 / 3, num(cells.get(1).get("att")), 1e-12);
        assertEquals(2.0 / 3, num(cells.get(2).get("att")), 1e-12);
        assertEquals(23.0 / 3, num(cells.get(3).get("att")), 1e-12);
        assertEquals(137.0 / 15, num(((Map<String, Object>) staggered.get("simple")).get("att")), 1e-12);
        assertEquals(List.of(0, 1, 2), report.get("waves"));
    }

    /*
     * Conditioning on the T0 overall score (covariates=baseline), outcome regression (method=REG): the comparison
     * firms' ΔY is regressed on their baseline x and predicted at the treated firms' baselines.
     *   STAGGERED ATT(2,2), base wave 1: C (x 25) ΔY = 37 − 27 = 10; controls D, E, F: x = 22, 35, 28, ΔY = 2, 3, 2.
     *     x̄ = 85/3, ȳ = 7/3, Sxy = 20/3, Sxx = 254/3 → slope 10/127; μ̂(25) = 7/3 − (10/127)(10/3) = 263/127;
     *     ATT = 10 − 263/127 = 1007/127.
     *   DID T0→T2: treated A, B, C (x 30, 20, 25; mean 25) ΔY 15, 15, 12 (mean 14); controls ΔY 4, 4, 3:
     *     Sxy = 1/3 → slope 1/254; μ̂(25) = 11/3 − (1/254)(10/3) = 464/127; ATT = 14 − 464/127 = 1314/127.
     */
    @Test
    @SuppressWarnings("unchecked")
    void covariatesConditionTheEstimate() {
        var report = fx.get(path("?design=STAGGERED&covariates=baseline&method=REG"));
        assertEquals(List.of("baseline"), report.get("covariates"));
        assertEquals("REG", report.get("method"));
        var staggered = (Map<String, Object>) report.get("staggered");
        var cells = (List<Map<String, Object>>) staggered.get("attGt");
        var c22 = cells.stream().filter(c -> num(c.get("cohort")) == 2 && num(c.get("period")) == 2).findFirst().orElseThrow();
        assertEquals(1007.0 / 127, num(c22.get("att")), 1e-12);
        var preTest = (Map<String, Object>) staggered.get("preTest");
        assertEquals(1, ((Number) preTest.get("degreesOfFreedom")).intValue(), "one pre-treatment cell: ATT(2,1)");

        var did = (Map<String, Object>) fx.get(path("?design=DID&covariates=baseline&method=REG")).get("did");
        assertEquals(1314.0 / 127, num(did.get("att")), 1e-12);
        assertEquals(6, ((Number) did.get("n")).intValue());

        var plain = fx.get(path("?design=DID"));
        assertEquals(List.of(), plain.get("covariates"));
        assertNull(plain.get("method"));
    }

    @Test
    void covariatesThatCannotBeUsedAreRefused() {
        assertEquals("covariates", field(fx.fails(HttpRequest.GET(path("?covariates=size,colour")))));
        // every firm has 20 employees: size is constant, collinear with the intercept: 422 naming the cohort, not a number
        var constant = fx.fails(HttpRequest.GET(path("?design=STAGGERED&covariates=size")));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, constant.getStatus());
        String detail = constant.getResponse().getBody(Map.class).orElseThrow().get("detail").toString();
        assertTrue(detail.startsWith("cohort 1, period 1 ") && detail.contains("collinear"), detail); // cohort = enrolment wave
        var constantDid = fx.fails(HttpRequest.GET(path("?design=DID&covariates=size")));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, constantDid.getStatus());
        assertEquals("covariates", field(constantDid));
    }

    /*
     * Spillover: non-participants D, E, F; D sells to participant A (link since 2020), E and F have no
     * link to a participant. T0→T2: ΔD = 4 (exposed); ΔE = 4, ΔF = 3 → η₀ = 3.5; ATT = 4 − 3.5 = 0.5.
     * ψ (p̂ = 1/3): D 0, E −(0.5)/(2/3) = −0.75, F +0.75; sd (divisor n) = √0.375; SE = √0.375/√3 = √0.125.
     */
    @Test
    void spilloverComparesLinkedAndUnlinkedNonParticipants() {
        fx.post("/api/v1/links", "{\"from\":{\"kind\":\"FIRM\",\"id\":" + linkedD + "},\"to\":{\"kind\":\"FIRM\",\"id\":"
                + linkedA + "},\"type\":\"BUY_SELL\",\"since\":\"2020-01-01\"}");
        @SuppressWarnings("unchecked")
        Map<String, Object> report = http.toBlocking().retrieve(HttpRequest.GET(path("?design=SPILLOVER")), Map.class);
        assertEquals("SPILLOVER", report.get("design"));
        assertEquals(3, ((Number) report.get("firms")).intValue());
        assertEquals(1, ((Number) report.get("treatedFirms")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> did = (Map<String, Object>) report.get("did");
        assertEquals(0.5, ((Number) did.get("att")).doubleValue(), 1e-12);
        assertEquals(Math.sqrt(0.125), ((Number) did.get("se")).doubleValue(), 1e-12);
    }

    @Test
    void badParametersAndNotEstimable() {
        assertEquals("outcome", field(fx.fails(HttpRequest.GET(path("?outcome=happiness")))));
        assertEquals("design", field(fx.fails(HttpRequest.GET(path("?design=RCT")))));
        assertEquals("post", field(fx.fails(HttpRequest.GET(path("?design=DID&pre=2&post=1")))));
        var noData = fx.fails(HttpRequest.GET(path("?outcome=digital_readiness")));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, noData.getStatus());
        assertTrue(noData.getResponse().getBody(Map.class).orElseThrow().get("detail").toString().contains("at least 2 waves"));
        assertEquals(HttpStatus.NOT_FOUND, fx.fails(HttpRequest.GET("/api/v1/programmes/424242/evaluation")).getStatus());
    }
}
