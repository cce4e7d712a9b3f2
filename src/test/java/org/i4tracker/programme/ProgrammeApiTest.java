package org.i4tracker.programme;

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

@MicronautTest
class ProgrammeApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    RegistryFixture fx;
    long region;
    long footwear;
    long toys;
    long rti;
    long university;

    @BeforeEach
    void registry() {
        fx = new RegistryFixture(http);
        region = fx.region("Valencian Community");
        footwear = fx.district(region, "Vinalopo footwear", "15.20");
        toys = fx.district(region, "Toy Valley", "32.40");
        rti = fx.institution(region, "INESCOP " + region, "RTI");
        university = fx.institution(region, "UPV " + region, "UNIVERSITY");
    }

    private String programmeJson(String code, String extra) {
        return "{\"code\":\"" + code + "\",\"name\":\"Digital districts\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"endsOn\":\"2026-12-31\",\"rtiIds\":[" + rti + "],"
                + "\"services\":[\"DIGITAL_AUDIT\",\"TRAINING\",\"CO_FUNDED_PROJECT\"],"
                + "\"eligibility\":{\"naceCodes\":[\"15\",\"32\"],\"sizeClasses\":[\"MICRO\",\"SMALL\",\"MEDIUM\"],"
                + "\"enrolFrom\":\"2024-01-01\",\"enrolUntil\":\"2025-12-31\"},"
                + "\"coFunding\":{\"publicShare\":70,\"firmShare\":30}" + extra + "}";
    }

    @Test
    void crudWithOptimisticLockingAndDistrictAdaptation() {
        Map<String, Object> created = fx.post("/api/v1/programmes", programmeJson("DD-" + region, ""));
        long id = id(created);
        assertEquals(List.of(rti), ((List<?>) created.get("rtiIds")).stream().map(n -> ((Number) n).longValue()).toList());
        assertEquals(List.of("DIGITAL_AUDIT", "TRAINING", "CO_FUNDED_PROJECT"), created.get("services"));
        @SuppressWarnings("unchecked") var eligibility = (Map<String, Object>) created.get("eligibility");
        assertEquals(List.of("15", "32"), eligibility.get("naceCodes"));
        assertEquals("2025-12-31", eligibility.get("enrolUntil"));
        assertEquals(0, ((Number) created.get("version")).intValue());

        var updated = fx.put("/api/v1/programmes/" + id, programmeJson("DD-" + region, ",\"version\":0").replace("Digital districts", "Districtes digitals"));
        assertEquals("Districtes digitals", updated.get("name"));
        var stale = fx.fails(HttpRequest.PUT("/api/v1/programmes/" + id, programmeJson("DD-" + region, ",\"version\":0")));
        assertEquals(HttpStatus.CONFLICT, stale.getStatus());
        assertEquals("version", field(stale));

        // seed 002: one regional programme, co-designed adaptations per district
        var adaptation = fx.post("/api/v1/programmes", programmeJson("DD-FW-" + region, ",\"parentId\":" + id + ",\"districtId\":" + footwear)
                .replace("\"services\":[\"DIGITAL_AUDIT\",\"TRAINING\",\"CO_FUNDED_PROJECT\"]", "\"services\":[\"PILOT_PLANT_ACCESS\"]"));
        assertEquals(id, ((Number) adaptation.get("parentId")).longValue());
        var list = fx.get("/api/v1/programmes?regionId=" + region + "&sort=code,desc&size=1");
        assertEquals(2, ((Number) list.get("totalItems")).intValue());
        assertEquals(1, ((List<?>) list.get("items")).size());

        var stillAdapted = fx.fails(HttpRequest.DELETE("/api/v1/programmes/" + id));
        assertEquals(HttpStatus.CONFLICT, stillAdapted.getStatus());
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/programmes/" + id(adaptation))).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, fx.fails(HttpRequest.GET("/api/v1/programmes/" + id(adaptation))).getStatus());
    }

    @Test
    void badInputIsProblemJsonNamingTheField() {
        var shares = fx.fails(HttpRequest.POST("/api/v1/programmes", programmeJson("X1-" + region, "").replace("\"firmShare\":30", "\"firmShare\":40")));
        assertEquals(HttpStatus.BAD_REQUEST, shares.getStatus());
        assertEquals("coFunding", field(shares));
        var notRti = fx.fails(HttpRequest.POST("/api/v1/programmes", programmeJson("X2-" + region, "").replace("\"rtiIds\":[" + rti + "]", "\"rtiIds\":[" + university + "]")));
        assertEquals("rtiIds[0]", field(notRti));
        var badNace = fx.fails(HttpRequest.POST("/api/v1/programmes", programmeJson("X3-" + region, "").replace("\"15\"", "\"1x\"")));
        assertEquals(HttpStatus.BAD_REQUEST, badNace.getStatus());
        assertEquals("eligibility.naceCodes", field(badNace));
        var badService = fx.fails(HttpRequest.POST("/api/v1/programmes", programmeJson("X4-" + region, "").replace("TRAINING", "MASSAGE")));
        assertEquals("services[1]", field(badService));
        var halfAdaptation = fx.fails(HttpRequest.POST("/api/v1/programmes", programmeJson("X5-" + region, ",\"districtId\":" + toys)));
        assertEquals("parentId", field(halfAdaptation)); // an adaptation needs its base programme too
        // eligibility lies in the programme's own region: uptake would otherwise count another region's firms
        long elsewhere = fx.region("Elsewhere");
        long foreignDistrict = fx.district(elsewhere, "Foreign district", "15.20");
        var foreignRegion = fx.fails(HttpRequest.POST("/api/v1/programmes", programmeJson("X7-" + region, "")
                .replace("\"eligibility\":{", "\"eligibility\":{\"regionIds\":[" + elsewhere + "],")));
        assertEquals("eligibility.regionIds[0]", field(foreignRegion));
        var foreignDistrictRule = fx.fails(HttpRequest.POST("/api/v1/programmes", programmeJson("X8-" + region, "")
                .replace("\"eligibility\":{", "\"eligibility\":{\"districtIds\":[" + toys + "," + foreignDistrict + "],")));
        assertEquals("eligibility.districtIds[1]", field(foreignDistrictRule));
        assertEquals(HttpStatus.CREATED, http.toBlocking().exchange(HttpRequest.POST("/api/v1/programmes", programmeJson("X9-" + region, "")
                .replace("\"eligibility\":{", "\"eligibility\":{\"regionIds\":[" + region + "],\"districtIds\":[" + toys + "],"))).getStatus());
        fx.post("/api/v1/programmes", programmeJson("X6-" + region, ""));
        var duplicate = fx.fails(HttpRequest.POST("/api/v1/programmes", programmeJson("X6-" + region, "")));
        assertEquals(HttpStatus.CONFLICT, duplicate.getStatus());
        assertEquals("code", field(duplicate));
        assertEquals(HttpStatus.NOT_FOUND, fx.fails(HttpRequest.GET("/api/v1/programmes/987654")).getStatus());
        assertEquals("sort", field(fx.fails(HttpRequest.GET("/api/v1/programmes?sort=colour"))));
    }

    @Test
    void enrolmentChecksEligibilityServicesAndWithdrawal() {
        long id = id(fx.post("/api/v1/programmes", programmeJson("EN-" + region, "")));
        long shoes = fx.firm(footwear, "SHOE1", "15.20", 35);
        long bigShoes = fx.firm(footwear, "SHOE2", "15.20", 400);
        long plastics = fx.firm(toys, "PLAS1", "22.29", 20);
        String base = "/api/v1/programmes/" + id + "/enrolments";

        var enrolled = fx.post(base, "{\"firmId\":" + shoes + ",\"enrolledOn\":\"2024-03-01\",\"services\":[{\"service\":\"DIGITAL_AUDIT\",\"usedOn\":\"2024-03-15\"}]}");
        assertEquals(1, ((List<?>) enrolled.get("services")).size());

        var tooBig = fx.fails(HttpRequest.POST(base, "{\"firmId\":" + bigShoes + ",\"enrolledOn\":\"2024-03-01\"}"));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, tooBig.getStatus());
        assertEquals("eligibility.sizeClasses", field(tooBig));
        var wrongSector = fx.fails(HttpRequest.POST(base, "{\"firmId\":" + plastics + ",\"enrolledOn\":\"2024-03-01\"}"));
        assertEquals("eligibility.naceCodes", field(wrongSector));
        assertTrue(wrongSector.getMessage().contains("22.29") || wrongSector.getResponse().getBody(Map.class).orElseThrow().toString().contains("22.29"));
        long toyMaker = fx.firm(toys, "TOY1", "32.40", 12);
        var late = fx.fails(HttpRequest.POST(base, "{\"firmId\":" + toyMaker + ",\"enrolledOn\":\"2026-02-01\"}"));
        assertEquals("eligibility.enrolUntil", field(late));
        var notOffered = fx.fails(HttpRequest.POST(base, "{\"firmId\":" + toyMaker + ",\"enrolledOn\":\"2024-05-01\",\"services\":[{\"service\":\"PILOT_PLANT_ACCESS\"}]}"));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, notOffered.getStatus());
        assertEquals("services[0].service", field(notOffered));
        var again = fx.fails(HttpRequest.POST(base, "{\"firmId\":" + shoes + ",\"enrolledOn\":\"2024-04-01\"}"));
        assertEquals(HttpStatus.CONFLICT, again.getStatus());
        assertEquals("firmId", field(fx.fails(HttpRequest.POST(base, "{\"firmId\":999999,\"enrolledOn\":\"2024-04-01\"}"))));

        long enrolmentId = id(enrolled);
        var services = fx.put(base + "/" + enrolmentId, "{\"services\":[{\"service\":\"DIGITAL_AUDIT\",\"usedOn\":\"2024-03-15\"},{\"service\":\"TRAINING\"}],\"version\":0}");
        assertEquals(2, ((List<?>) services.get("services")).size());
        var withdrawn = fx.post(base + "/" + enrolmentId + "/withdrawal", "{\"withdrawnOn\":\"2024-09-30\",\"reason\":\"owner retired\",\"version\":1}");
        assertEquals("2024-09-30", withdrawn.get("withdrawnOn"));
        var twice = fx.fails(HttpRequest.POST(base + "/" + enrolmentId + "/withdrawal", "{\"withdrawnOn\":\"2024-10-30\",\"version\":2}"));
        assertEquals(HttpStatus.CONFLICT, twice.getStatus());
        var page = fx.get(base + "?size=10");
        assertEquals(1, ((Number) page.get("totalItems")).intValue());
        var busy = fx.fails(HttpRequest.DELETE("/api/v1/programmes/" + id));
        assertEquals(HttpStatus.CONFLICT, busy.getStatus());
    }
}
