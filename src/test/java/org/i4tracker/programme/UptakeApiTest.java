package org.i4tracker.programme;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.i4tracker.programme.RegistryFixture.field;
import static org.i4tracker.programme.RegistryFixture.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class UptakeApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    /**
     * A region with a footwear and a ceramic-tiles district and four eligible firms: S1 (12 employees) and
     * S2 (60) in footwear, T1 (8) and T2 (30) in tiles.
     */
    private record TwoDistricts(long region, long footwear, long tiles, long s1, long s2, long t1) {
        static TwoDistricts of(RegistryFixture fx, String name) {
            long region = fx.region(name);
            long footwear = fx.district(region, "Footwear", "15.20");
            long tiles = fx.district(region, "Ceramic tiles", "23.31");
            long s1 = fx.firm(footwear, "S1", "15.20", 12);
            long s2 = fx.firm(footwear, "S2", "15.20", 60);
            long t1 = fx.firm(tiles, "T1", "23.31", 8);
            fx.firm(tiles, "T2", "23.31", 30);
            return new TwoDistricts(region, footwear, tiles, s1, s2, t1);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void uptakeByDistrictAndSizeWithCsvExport() {
        var fx = new RegistryFixture(http);
        TwoDistricts d = TwoDistricts.of(fx, "Uptake region");
        long region = d.region();
        long s1 = d.s1();
        long s2 = d.s2();
        long t1 = d.t1();
        fx.firm(d.footwear(), "S3", "15.20", 300);      // large: not eligible
        long other = fx.region("Elsewhere");
        long elsewhere = fx.district(other, "Far away", "15.20");
        fx.firm(elsewhere, "E1", "15.20", 10);          // outside the agency region: not eligible
        long programme = id(fx.post("/api/v1/programmes", "{\"code\":\"UP-" + region + "\",\"name\":\"Uptake\",\"regionId\":" + region
                + ",\"startsOn\":\"2024-01-01\",\"endsOn\":\"2024-12-31\",\"services\":[\"DIGITAL_AUDIT\",\"TRAINING\"],"
                + "\"eligibility\":{\"sizeClasses\":[\"MICRO\",\"SMALL\",\"MEDIUM\"]},\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}"));
        String enrol = "/api/v1/programmes/" + programme + "/enrolments";
        fx.post(enrol, "{\"firmId\":" + s1 + ",\"enrolledOn\":\"2024-02-01\",\"services\":[{\"service\":\"DIGITAL_AUDIT\"}]}");
        fx.post(enrol, "{\"firmId\":" + t1 + ",\"enrolledOn\":\"2024-05-20\",\"services\":[{\"service\":\"DIGITAL_AUDIT\"},{\"service\":\"TRAINING\"}]}");
        fx.post(enrol, "{\"firmId\":" + s2 + ",\"enrolledOn\":\"2024-11-02\"}");

        // 4 eligible firms (S1, S2, T1, T2); 3 enrolled → 0.75. Quarters: Q1 1, Q2 2, Q3 2, Q4 3.
        var report = fx.get("/api/v1/programmes/" + programme + "/uptake?by=district&period=QUARTER");
        var totals = (Map<String, Object>) report.get("totals");
        assertEquals(4, ((Number) totals.get("eligibleFirms")).intValue());
        assertEquals(3, ((Number) totals.get("enrolledFirms")).intValue());
        assertEquals(0.75, ((Number) totals.get("uptakeRate")).doubleValue(), 1e-12);
        var series = (List<Map<String, Object>>) report.get("series");
        assertEquals(List.of(1, 2, 2, 3), series.stream().map(p -> ((Number) p.get("cumulativeEnrolled")).intValue()).toList());
        assertEquals("2024-Q4", series.get(3).get("period"));
        var groups = (List<Map<String, Object>>) report.get("groups");
        assertEquals(2, groups.size());
        assertEquals(Map.of("DIGITAL_AUDIT", 2, "TRAINING", 1), report.get("servicesUsed"));
        var reference = (Map<String, Object>) report.get("reference");
        assertEquals(0.41, ((Number) reference.get("uptakeRate")).doubleValue(), 0);
        assertTrue(reference.get("source").toString().contains("7,300"));

        var bySize = fx.get("/api/v1/programmes/" + programme + "/uptake?by=size&period=YEAR");
        assertEquals(List.of("MEDIUM", "MICRO", "SMALL"),
                ((List<Map<String, Object>>) bySize.get("groups")).stream().map(g -> g.get("key")).toList());

        String csv = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/programmes/" + programme + "/uptake?by=district&format=csv"));
        String[] lines = csv.split("\r\n");
        assertEquals("group_by,group_key,group_label,period,period_start,period_end,eligible_firms,cumulative_enrolled,uptake_rate,reference_rate", lines[0]);
        assertEquals(1 + 4 * 3, lines.length); // ALL + 2 districts, 4 quarters
        assertTrue(lines[lines.length - 3].startsWith("DISTRICT,ALL,all eligible firms,2024-Q4,2024-10-01,2024-12-31,4,3,0.75,0.41"), lines[lines.length - 3]);
        var accept = http.toBlocking().exchange(HttpRequest.GET("/api/v1/programmes/" + programme + "/uptake").accept("text/csv"), String.class);
        assertEquals("text/csv", accept.getContentType().orElseThrow().toString());

        assertEquals("by", field(fx.fails(HttpRequest.GET("/api/v1/programmes/" + programme + "/uptake?by=colour"))));
        assertEquals("period", field(fx.fails(HttpRequest.GET("/api/v1/programmes/" + programme + "/uptake?period=WEEK"))));
        assertEquals(HttpStatus.NOT_FOUND, fx.fails(HttpRequest.GET("/api/v1/programmes/99999/uptake")).getStatus());

        // No OutcomeSource bean in this context (assessments not wired): evaluation is a 422, not a 500
        var unwired = fx.fails(HttpRequest.GET("/api/v1/programmes/" + programme + "/evaluation"));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, unwired.getStatus());
        assertEquals("outcome", field(unwired));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegionalBaseProgrammeCountsTheFirmsEnrolledInItsDistrictAdaptations() {
        var fx = new RegistryFixture(http);
        TwoDistricts d = TwoDistricts.of(fx, "Family region");
        long region = d.region();
        long footwear = d.footwear();
        long tiles = d.tiles();
        long s1 = d.s1();
        long s2 = d.s2();
        long t1 = d.t1();
        String common = ",\"startsOn\":\"2024-01-01\",\"endsOn\":\"2024-12-31\",\"services\":[\"DIGITAL_AUDIT\"],"
                + "\"coFunding\":{\"publicShare\":50,\"firmShare\":50}}";
        long base = id(fx.post("/api/v1/programmes", "{\"code\":\"FAM-" + region + "\",\"name\":\"Regional\",\"regionId\":" + region + common));
        long shoes = id(fx.post("/api/v1/programmes", "{\"code\":\"FAM-FW-" + region + "\",\"name\":\"Footwear\",\"regionId\":" + region
                + ",\"parentId\":" + base + ",\"districtId\":" + footwear + common));
        long ceramics = id(fx.post("/api/v1/programmes", "{\"code\":\"FAM-CT-" + region + "\",\"name\":\"Tiles\",\"regionId\":" + region
                + ",\"parentId\":" + base + ",\"districtId\":" + tiles + common));
        fx.post("/api/v1/programmes/" + shoes + "/enrolments", "{\"firmId\":" + s1 + ",\"enrolledOn\":\"2024-02-01\"}");
        fx.post("/api/v1/programmes/" + ceramics + "/enrolments", "{\"firmId\":" + t1 + ",\"enrolledOn\":\"2024-08-01\"}");
        // S2 enrolled in the base programme and later in its district's adaptation: counted once, from February
        fx.post("/api/v1/programmes/" + base + "/enrolments", "{\"firmId\":" + s2 + ",\"enrolledOn\":\"2024-02-15\"}");
        fx.post("/api/v1/programmes/" + shoes + "/enrolments", "{\"firmId\":" + s2 + ",\"enrolledOn\":\"2024-09-01\"}");

        // base: 4 eligible firms in the region, S1, S2, T1 enrolled → 0.75; Q1 2 (S1, S2), Q3 3 (T1)
        var regional = fx.get("/api/v1/programmes/" + base + "/uptake?period=QUARTER");
        assertEquals(4, ((Number) ((Map<String, Object>) regional.get("totals")).get("eligibleFirms")).intValue());
        assertEquals(3, ((Number) ((Map<String, Object>) regional.get("totals")).get("enrolledFirms")).intValue());
        assertEquals(List.of(2, 2, 3, 3), ((List<Map<String, Object>>) regional.get("series")).stream()
                .map(p -> ((Number) p.get("cumulativeEnrolled")).intValue()).toList());
        // an adaptation counts only its own: footwear has 2 eligible firms, S1 and S2 enrolled in it
        var district = fx.get("/api/v1/programmes/" + shoes + "/uptake?period=YEAR");
        assertEquals(2, ((Number) ((Map<String, Object>) district.get("totals")).get("eligibleFirms")).intValue());
        assertEquals(2, ((Number) ((Map<String, Object>) district.get("totals")).get("enrolledFirms")).intValue());
    }
}
