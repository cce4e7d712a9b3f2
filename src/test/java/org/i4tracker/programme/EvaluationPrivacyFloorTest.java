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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.i4tracker.programme.RegistryFixture.field;
import static org.i4tracker.programme.RegistryFixture.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Programme evaluation keeps the privacy floor of the benchmark reports (k = 5, the default): with two participants the
 * mean gain and its standard error are the two firms' own gains (mean ± se), so every group an estimate compares must
 * hold at least k firms, else 422 naming {@code design}.
 */
@MicronautTest
@Property(name = "test.outcome-source", value = "fixed")
class EvaluationPrivacyFloorTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    FixedOutcomeSource outcomes;

    RegistryFixture fx;
    long district;
    long programme;
    List<Long> others = new ArrayList<>();

    @BeforeEach
    void fiveComparisonFirms() {
        fx = new RegistryFixture(http);
        long region = fx.region("Floor region");
        district = fx.district(region, "Footwear", "15.20");
        programme = id(fx.post("/api/v1/programmes", "{\"code\":\"KF-" + region + "\",\"name\":\"Floor\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"coFunding\":{\"publicShare\":60,\"firmShare\":40}}"));
        for (int i = 0; i < 5; i++) {
            others.add(firm("C" + i, 20 + i));
        }
    }

    private long firm(String code, double t0) {
        long id = fx.firm(district, code, "15.20", 20);
        outcomes.putWaves(id, t0, t0 + 3, t0 + 6);
        return id;
    }

    private void enrol(long firm, String on) {
        fx.post("/api/v1/programmes/" + programme + "/enrolments", "{\"firmId\":" + firm + ",\"enrolledOn\":\"" + on + "\"}");
    }

    private HttpStatus status(String query) {
        return fx.fails(HttpRequest.GET("/api/v1/programmes/" + programme + "/evaluation" + query)).getStatus();
    }

    @Test
    void twoParticipantsAreRefusedFiveAreShown() {
        enrol(firm("P0", 30), "2024-03-01");
        enrol(firm("P1", 31), "2024-03-01");
        var refused = fx.fails(HttpRequest.GET("/api/v1/programmes/" + programme + "/evaluation?design=DID"));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, refused.getStatus());
        assertEquals("design", field(refused));
        String detail = String.valueOf(refused.getResponse().getBody(Map.class).orElseThrow().get("detail"));
        assertTrue(detail.contains("2 participants with 5 comparison firms") && detail.contains("at least 5 firms"), detail);
        for (int i = 2; i < 5; i++) {
            enrol(firm("P" + i, 30 + i), "2024-03-01");
        }
        Map<String, Object> report = fx.get("/api/v1/programmes/" + programme + "/evaluation?design=DID");
        assertEquals(5, ((Number) report.get("treatedFirms")).intValue());
        assertEquals(10, ((Number) report.get("firms")).intValue());
        // every firm gains 3 a wave, so the effect is 0 and the participants' mean gain T0 → T2 is 6
        @SuppressWarnings("unchecked") var did = (Map<String, Object>) report.get("did");
        assertEquals(0.0, ((Number) did.get("att")).doubleValue(), 1e-12);
    }

    @Test
    void everyCohortOfTheStaggeredDesignAndBothSpilloverGroupsKeepTheFloor() {
        List<Long> early = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long p = firm("E" + i, 30 + i);
            early.add(p);
            enrol(p, "2024-03-01");
        }
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/api/v1/programmes/" + programme
                + "/evaluation?design=STAGGERED")).getStatus());
        enrol(firm("L0", 40), "2024-09-01"); // a cohort of one in wave 2
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status("?design=STAGGERED"));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status("?design=STAGGERED&control=NOT_YET_TREATED"));
        // one comparison firm linked to a participant: the exposed group is one firm
        fx.post("/api/v1/links", "{\"from\":{\"kind\":\"FIRM\",\"id\":" + others.get(0) + "},\"to\":{\"kind\":\"FIRM\",\"id\":"
                + early.get(0) + "},\"type\":\"BUY_SELL\",\"since\":\"2023-01-01\"}");
        var spill = fx.fails(HttpRequest.GET("/api/v1/programmes/" + programme + "/evaluation?design=SPILLOVER"));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, spill.getStatus());
        assertEquals("design", field(spill));
    }
}
