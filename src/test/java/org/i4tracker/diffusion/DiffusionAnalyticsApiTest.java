package org.i4tracker.diffusion;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class DiffusionAnalyticsApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    private Map<String, Object> post(String path, String json) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, json), Argument.mapOf(String.class, Object.class));
    }

    private HttpClientResponseException fails(String path, String json) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(HttpRequest.POST(path, json), Map.class));
    }

    @SuppressWarnings("unchecked")
    private static String firstField(HttpClientResponseException e) {
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        var errors = (List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors");
        return (String) errors.get(0).get("field");
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void bassReturnsTheContractFields() {
        var body = post("/api/v1/analytics/bass", "{\"sales\":[840,1470,2110,4000,7590,10950,10530,9470,7790,5890],\"method\":\"NLS\"}");
        assertEquals(List.of("method", "m", "p", "q", "standardErrors", "sse", "peakPeriod", "fitted"), List.copyOf(body.keySet()));
        assertEquals("NLS", body.get("method"));
        assertEquals(67660.02546770732, num(body.get("m")), 67660 * 1e-6, "SciPy least_squares(lm), rel. 1e-6");
        assertEquals(0.6421588913727133, num(body.get("q")), 1e-6, "SciPy, abs. 1e-6");
        var se = (Map<String, Object>) body.get("standardErrors");
        assertEquals(List.of("m", "p", "q"), List.copyOf(se.keySet()));
        assertEquals(10, ((List<?>) body.get("fitted")).size());

        var ols = post("/api/v1/analytics/bass", "{\"sales\":[0.517,1.169,1.604,2.044,2.286],\"method\":\"OLS\"}");
        assertEquals(10.5036768, num(ols.get("m")), 1e-6, "course exercise answer");
    }

    @Test
    void bassBadInputIsProblemJson() {
        var shortSeries = fails("/api/v1/analytics/bass", "{\"sales\":[1,2],\"method\":\"NLS\"}");
        assertEquals(HttpStatus.BAD_REQUEST, shortSeries.getStatus());
        assertEquals("sales", firstField(shortSeries));
        var negative = fails("/api/v1/analytics/bass", "{\"sales\":[1,-2,3],\"method\":\"NLS\"}");
        assertEquals("sales[1]", firstField(negative));
        var method = fails("/api/v1/analytics/bass", "{\"sales\":[1,2,3],\"method\":\"MAGIC\"}");
        assertEquals(HttpStatus.BAD_REQUEST, method.getStatus());
        assertEquals("method", firstField(method));
        var missing = fails("/api/v1/analytics/bass", "{\"sales\":[1,2,3]}");
        assertEquals("method", firstField(missing));
        var text = fails("/api/v1/analytics/bass", "{\"sales\":[1,\"2\",3],\"method\":\"OLS\"}");
        assertEquals(HttpStatus.BAD_REQUEST, text.getStatus());
        var zeros = fails("/api/v1/analytics/bass", "{\"sales\":[0,0,0,0],\"method\":\"NLS\"}");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, zeros.getStatus());
        assertEquals("sales", firstField(zeros));
        var noRoot = fails("/api/v1/analytics/bass", "{\"sales\":[1,2,4,8,16,32],\"method\":\"OLS\"}");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, noRoot.getStatus());
    }

    @Test
    void hazardPerPeriod() {
        var body = post("/api/v1/analytics/hazard", "{\"population\":10,\"adoptersPerPeriod\":[1,2,3,4,0]}");
        assertEquals(Arrays.asList(0.1, 2.0 / 9, 3.0 / 7, 1.0, null), body.get("hazard"), "hand-computed");
        var tooMany = fails("/api/v1/analytics/hazard", "{\"population\":3,\"adoptersPerPeriod\":[2,2]}");
        assertEquals(HttpStatus.BAD_REQUEST, tooMany.getStatus());
        assertEquals("adoptersPerPeriod[1]", firstField(tooMany));
        assertEquals("population", firstField(fails("/api/v1/analytics/hazard", "{\"adoptersPerPeriod\":[2]}")));
    }

    @Test
    void adopterCategoriesInInputOrder() {
        var body = post("/api/v1/analytics/adopter-categories", "{\"adoptionTimes\":[5,1,3,3,3,3,3,3,3,3]}");
        assertEquals(3.0, num(body.get("mean")), 1e-15);
        assertEquals(Math.sqrt(8.0 / 9), num(body.get("sd")), 1e-15, "sample sd, hand-computed");
        assertEquals(List.of("LAGGARD", "INNOVATOR", "LATE_MAJORITY"), ((List<?>) body.get("categories")).subList(0, 3));
        var same = fails("/api/v1/analytics/adopter-categories", "{\"adoptionTimes\":[2,2,2]}");
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, same.getStatus());
        var one = fails("/api/v1/analytics/adopter-categories", "{\"adoptionTimes\":[2]}");
        assertEquals(HttpStatus.BAD_REQUEST, one.getStatus());
        assertEquals("adoptionTimes", firstField(one));
        assertTrue(fails("/api/v1/analytics/adopter-categories", "{\"times\":[2]}").getStatus() == HttpStatus.BAD_REQUEST);
    }
}
