package org.i4tracker.typology;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@MicronautTest
class TypologyAnalyticsApiTest {

    private static final String REGIONS = "[{\"id\":\"A\",\"totalEmployment\":50,\"industryEmployment\":30,\"establishments\":20},"
            + "{\"id\":\"B\",\"totalEmployment\":400,\"industryEmployment\":40,\"establishments\":50},"
            + "{\"id\":\"C\",\"totalEmployment\":20,\"industryEmployment\":12,\"establishments\":8},"
            + "{\"id\":\"D\",\"totalEmployment\":100,\"industryEmployment\":15,\"establishments\":6},"
            + "{\"id\":\"E\",\"totalEmployment\":330,\"industryEmployment\":3,\"establishments\":10},"
            + "{\"id\":\"F\",\"totalEmployment\":100,\"industryEmployment\":0,\"establishments\":0}]";

    @Inject
    @Client("/")
    HttpClient http;

    private HttpClientResponseException fails(String json) {
        return assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/analytics/typology", json), Map.class));
    }

    @SuppressWarnings("unchecked")
    private static String firstField(HttpClientResponseException e) {
        var errors = (List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors");
        return (String) errors.get(0).get("field");
    }

    @Test
    @SuppressWarnings("unchecked")
    void typologyOfTheHandTable() {
        Map<String, Object> body = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/analytics/typology",
                "{\"nationalTotalEmployment\":1000,\"nationalIndustryEmployment\":100,\"regions\":" + REGIONS + "}"),
                Argument.mapOf(String.class, Object.class));
        assertEquals(0.5945, ((Number) body.get("gini")).doubleValue(), 1e-12, "hand-computed (see LocalProductionSystemTypologyTest)");
        var regions = (List<Map<String, Object>>) body.get("regions");
        assertEquals(List.of("id", "lq", "share", "type"), List.copyOf(regions.get(0).keySet()));
        assertEquals(List.of("CENTRE", "ADVANCED_VECTOR", "LOCAL_DEVELOPMENT_VECTOR", "EMBRYONIC", "EXCLUDED", "EXCLUDED"),
                regions.stream().map(r -> r.get("type")).toList());
        assertEquals(6.0, ((Number) regions.get(0).get("lq")).doubleValue(), 1e-12);

        Map<String, Object> strict = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/analytics/typology",
                "{\"nationalTotalEmployment\":1000,\"nationalIndustryEmployment\":100,\"regions\":" + REGIONS
                        + ",\"thresholds\":{\"minEstablishments\":7}}"), Argument.mapOf(String.class, Object.class));
        assertEquals("EXCLUDED", ((List<Map<String, Object>>) strict.get("regions")).get(3).get("type"), "D has 6 < 7 establishments");
    }

    @Test
    void badInputNamesTheField() {
        var tooBig = fails("{\"nationalTotalEmployment\":100,\"nationalIndustryEmployment\":50,\"regions\":"
                + "[{\"id\":\"A\",\"totalEmployment\":150,\"industryEmployment\":30,\"establishments\":20}]}");
        assertEquals(HttpStatus.BAD_REQUEST, tooBig.getStatus());
        assertEquals("regions[0].totalEmployment", firstField(tooBig));
        var missing = fails("{\"nationalTotalEmployment\":100,\"nationalIndustryEmployment\":50,\"regions\":"
                + "[{\"id\":\"A\",\"industryEmployment\":30,\"establishments\":20}]}");
        assertEquals("regions[0].totalEmployment", firstField(missing));
        var thresholds = fails("{\"nationalTotalEmployment\":1000,\"nationalIndustryEmployment\":100,\"regions\":" + REGIONS
                + ",\"thresholds\":{\"highShare\":1.5}}");
        assertEquals("thresholds.highShare", firstField(thresholds));
        var industry = fails("{\"nationalTotalEmployment\":100,\"nationalIndustryEmployment\":500,\"regions\":" + REGIONS + "}");
        assertEquals("nationalIndustryEmployment", firstField(industry));
    }
}
