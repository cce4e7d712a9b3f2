package org.i4tracker.typology;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import io.micronaut.core.type.Argument;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored employment statistics: the typology computed from them, and their import by administrators and agency
 * analysts (an analyst adds rows for any region, changes stored figures only of its own region, follows its own job).
 */
@MicronautTest(transactional = false)
class StoredTypologyApiTest {

    private static final String PASSWORD = "correct-horse-battery";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    @SuppressWarnings("unchecked")
    void importedStatisticsGiveTheHandComputedTypology() {
        Api api = new Api(http);
        // The hand table of LocalProductionSystemTypologyTest for NACE 15.20, plus another industry (ignored).
        String csv = "regionCode,naceCode,year,totalEmployment,industryEmployment,establishments\n"
                + "A,15.20,2022,50,30,20\nB,15.20,2022,400,40,50\nC,15.20,2022,20,12,8\nD,15.20,2022,100,15,6\n"
                + "E,15.20,2022,330,3,10\nF,15.20,2022,100,0,0\nA,31.01,2022,50,5,2\n";
        var job = api.awaitJob(api.postCsv("/api/v1/imports/employment-statistics", csv));
        assertEquals(7, ((Number) ((Map<String, Object>) job.get("result")).get("written")).intValue());

        var result = api.get("/api/v1/typology?industry=15.20&year=2022");
        assertEquals(0.5945, ((Number) result.get("gini")).doubleValue(), 1e-12, "hand-computed Gini");
        var regions = (List<Map<String, Object>>) result.get("regions");
        assertEquals(List.of("CENTRE", "ADVANCED_VECTOR", "LOCAL_DEVELOPMENT_VECTOR", "EMBRYONIC", "EXCLUDED", "EXCLUDED"),
                regions.stream().map(r -> r.get("type")).toList());

        var bad = api.awaitJob(api.postCsv("/api/v1/imports/employment-statistics?atomic=true",
                "regionCode,naceCode,year,totalEmployment,industryEmployment,establishments\nG,15.20,2022,10,20,1\n"));
        var errors = (List<Map<String, Object>>) ((Map<String, Object>) bad.get("result")).get("errors");
        assertEquals("industryEmployment", errors.get(0).get("field"));
        assertEquals(2, ((Number) errors.get(0).get("line")).intValue());

        api.problem(HttpRequest.GET("/api/v1/typology?industry=15.20&year=1999"), 422);
        assertEquals(List.of("industry"), Api.fields(api.problem(HttpRequest.GET("/api/v1/typology?industry=shoes&year=2022"), 400)));
        assertEquals(List.of("year"), Api.fields(api.problem(HttpRequest.GET("/api/v1/typology?industry=15.20"), 400)));
    }

    @Inject
    Users users;
    @Inject
    EmploymentStatisticRepository statistics;

    private static final String HEADER = "regionCode,naceCode,year,totalEmployment,industryEmployment,establishments\n";

    private Map<String, Object> importAs(String token, String csv) {
        Map<String, Object> job = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/imports/employment-statistics", csv)
                .contentType("text/csv").bearerAuth(token), Argument.mapOf(String.class, Object.class));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, Object> current = http.toBlocking().retrieve(HttpRequest.GET((String) job.get("href")).bearerAuth(token),
                    Argument.mapOf(String.class, Object.class));
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains((String) current.get("status"))) {
                return current;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("job did not finish: " + job);
    }

    private long industryEmployment(String region, String nace, int year) {
        return statistics.findByRegionCodeAndNaceCodeAndReferenceYear(region, nace, year).orElseThrow().industryEmployment();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAnalystAddsRowsForAnyRegionButChangesStoredFiguresOnlyOfItsOwnRegion() {
        Api api = new Api(http);
        long own = api.create("/api/v1/regions", "{\"code\":\"TY-OWN\",\"name\":\"Analyst's region\"}");
        api.create("/api/v1/regions", "{\"code\":\"TY-OWN-1\",\"name\":\"Province\",\"parentId\":" + own + "}");
        long other = api.create("/api/v1/regions", "{\"code\":\"TY-OTHER\",\"name\":\"Another agency's region\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + other + ",\"name\":\"TY D\",\"naceCode\":\"15.20\"}");
        long firm = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"TY-F\",\"name\":\"TY firm\",\"naceCode\":\"15.20\",\"employees\":5}");
        long rti = api.create("/api/v1/institutions", "{\"regionId\":" + other + ",\"name\":\"TY RTI\",\"kind\":\"RTI\",\"marketActor\":false}");
        users.create("ty-agency", PASSWORD, Role.AGENCY_ANALYST, null, null, own, "test");
        users.create("ty-agency-other", PASSWORD, Role.AGENCY_ANALYST, null, null, other, "test");
        users.create("ty-firm", PASSWORD, Role.FIRM_USER, firm, null, null, "test");
        users.create("ty-rti", PASSWORD, Role.RTI_ASSESSOR, null, rti, null, "test");
        String analyst = api.token("ty-agency", PASSWORD);

        api.awaitJob(api.postCsv("/api/v1/imports/employment-statistics", HEADER
                + "TY-OWN,15.20,2040,1000,100,10\nTY-OWN-1,15.20,2040,500,50,5\nTY-OTHER,15.20,2040,2000,20,4\n"));

        Map<String, Object> job = importAs(analyst, HEADER
                + "TY-OWN,15.20,2040,1000,120,10\n"      // line 2: its own region's figure changes
                + "TY-OWN-1,15.20,2040,500,60,5\n"       // line 3: a region inside its own
                + "TY-OTHER,15.20,2040,2000,99,4\n"      // line 4: another agency's stored figure: refused
                + "TY-NEW,15.20,2040,300,3,1\n"          // line 5: a region with no figures yet: added
                + "TY-OTHER,31.01,2040,2000,7,1\n");     // line 6: a new industry of another region, same total: added
        assertEquals("SUCCEEDED", job.get("status"), "the analyst follows its own job: " + job);
        Map<String, Object> result = (Map<String, Object>) job.get("result");
        assertEquals(4, ((Number) result.get("written")).intValue(), result.toString());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(4, ((Number) errors.get(0).get("line")).intValue());
        assertEquals("regionCode", errors.get(0).get("field"));
        assertTrue(((String) errors.get(0).get("message")).contains("region TY-OTHER is outside your agency's region"), errors.toString());

        assertEquals(120, industryEmployment("TY-OWN", "15.20", 2040));
        assertEquals(60, industryEmployment("TY-OWN-1", "15.20", 2040));
        assertEquals(20, industryEmployment("TY-OTHER", "15.20", 2040), "another region's figure is unchanged");
        assertEquals(3, industryEmployment("TY-NEW", "15.20", 2040));
        assertEquals(7, industryEmployment("TY-OTHER", "31.01", 2040));

        // A new row that would change another region's total employment of the year is refused too, naming the field.
        Map<String, Object> total = (Map<String, Object>) importAs(analyst, HEADER + "TY-OTHER,32.40,2040,2500,5,1\n").get("result");
        Map<String, Object> error = ((List<Map<String, Object>>) total.get("errors")).get(0);
        assertEquals("totalEmployment", error.get("field"), error.toString());
        assertTrue(statistics.findByRegionCodeAndNaceCodeAndReferenceYear("TY-OTHER", "32.40", 2040).isEmpty());

        // The other region's own agency changes its figure; an administrator changes any.
        importAs(api.token("ty-agency-other", PASSWORD), HEADER + "TY-OTHER,15.20,2040,2000,25,4\n");
        assertEquals(25, industryEmployment("TY-OTHER", "15.20", 2040));
        api.awaitJob(api.postCsv("/api/v1/imports/employment-statistics", HEADER + "TY-OWN,15.20,2040,1000,130,10\n"));
        assertEquals(130, industryEmployment("TY-OWN", "15.20", 2040));

        // Another analyst does not read the job; firm users and assessors do not import.
        assertEquals(404, api.status(HttpRequest.GET((String) job.get("href")).bearerAuth(api.token("ty-agency-other", PASSWORD))));
        for (String user : List.of("ty-firm", "ty-rti")) {
            assertEquals(403, api.status(HttpRequest.POST("/api/v1/imports/employment-statistics", HEADER + "TY-NEW2,15.20,2040,1,1,1\n")
                    .contentType("text/csv").bearerAuth(api.token(user, PASSWORD))), user);
        }
        assertTrue(statistics.findByRegionCodeAndNaceCodeAndReferenceYear("TY-NEW2", "15.20", 2040).isEmpty());

        // Every import is audited with its outcome under the analyst's name.
        List<Map<String, Object>> events = (List<Map<String, Object>>) api.get("/api/v1/audit?user=ty-agency&size=50").get("items");
        assertTrue(events.stream().anyMatch(e -> "POST".equals(e.get("method")) && ((String) e.get("path")).startsWith("/api/v1/imports/employment-statistics")),
                events.toString());
        Map<String, Object> outcome = events.stream().filter(e -> "JOB".equals(e.get("method"))
                && ("/api/v1/jobs/" + job.get("id")).equals(e.get("path"))).findFirst().orElseThrow(() -> new AssertionError(events.toString()));
        String detail = (String) outcome.get("detail");
        assertTrue(detail.contains("5 rows, written 4, 1 refused") && detail.contains("added 2") && detail.contains("changed 2 (TY-OWN 15.20 2040, TY-OWN-1 15.20 2040)"),
                detail);
    }
}
