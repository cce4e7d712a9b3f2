package org.i4tracker.typology;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest(transactional = false)
class StoredTypologyApiTest {

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
}
