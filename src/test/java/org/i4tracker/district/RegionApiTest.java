package org.i4tracker.district;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class RegionApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    private Map<String, Object> post(String path, String json) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, json), Argument.mapOf(String.class, Object.class));
    }

    private HttpClientResponseException fails(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(HttpClientResponseException e) {
        return (List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors");
    }

    @Test
    void createReadUpdateWithOptimisticLocking() {
        Map<String, Object> created = post("/api/v1/regions", "{\"code\":\"ES52\",\"name\":\"Valencian Community\"}");
        Number id = (Number) created.get("id");
        assertEquals(0, ((Number) created.get("version")).intValue());

        var updated = http.toBlocking().retrieve(HttpRequest.PUT("/api/v1/regions/" + id,
                "{\"code\":\"ES52\",\"name\":\"Comunitat Valenciana\",\"version\":0}"), Map.class);
        assertEquals("Comunitat Valenciana", updated.get("name"));
        assertEquals(1, ((Number) updated.get("version")).intValue());

        var stale = fails(HttpRequest.PUT("/api/v1/regions/" + id, "{\"code\":\"ES52\",\"name\":\"Stale\",\"version\":0}"));
        assertEquals(HttpStatus.CONFLICT, stale.getStatus());
        assertEquals("version", errors(stale).get(0).get("field"));
        assertEquals("Comunitat Valenciana", http.toBlocking().retrieve("/api/v1/regions/" + id, Map.class).get("name"));
    }

    @Test
    void badInputIsProblemJsonNamingTheField() {
        post("/api/v1/regions", "{\"code\":\"PT11\",\"name\":\"Norte\"}");
        var duplicate = fails(HttpRequest.POST("/api/v1/regions", "{\"code\":\"PT11\",\"name\":\"Again\"}"));
        assertEquals(HttpStatus.CONFLICT, duplicate.getStatus());
        assertEquals("application/problem+json", duplicate.getResponse().getContentType().orElseThrow().toString());
        assertEquals("code", errors(duplicate).get(0).get("field"));

        var blank = fails(HttpRequest.POST("/api/v1/regions", "{\"code\":\" \",\"name\":\"x\"}"));
        assertEquals(HttpStatus.BAD_REQUEST, blank.getStatus());
        assertEquals("code", errors(blank).get(0).get("field"));

        var unknown = fails(HttpRequest.POST("/api/v1/regions", "{\"code\":\"X1\",\"name\":\"x\",\"colour\":\"red\"}"));
        assertEquals(HttpStatus.BAD_REQUEST, unknown.getStatus());
        assertEquals("colour", errors(unknown).get(0).get("field"));

        var wrongType = fails(HttpRequest.POST("/api/v1/regions", "{\"code\":\"X1\",\"name\":\"x\",\"parentId\":\"one\"}"));
        assertEquals(HttpStatus.BAD_REQUEST, wrongType.getStatus());
        assertEquals("parentId", errors(wrongType).get(0).get("field"));

        var malformed = fails(HttpRequest.POST("/api/v1/regions", "{\"code\":"));
        assertEquals(HttpStatus.BAD_REQUEST, malformed.getStatus());

        var missingParent = fails(HttpRequest.POST("/api/v1/regions", "{\"code\":\"X2\",\"name\":\"x\",\"parentId\":999}"));
        assertEquals(HttpStatus.BAD_REQUEST, missingParent.getStatus());
        assertEquals("parentId", errors(missingParent).get(0).get("field"));

        var notFound = fails(HttpRequest.GET("/api/v1/regions/424242"));
        assertEquals(HttpStatus.NOT_FOUND, notFound.getStatus());

        var badId = fails(HttpRequest.GET("/api/v1/regions/abc"));
        assertEquals(HttpStatus.BAD_REQUEST, badId.getStatus());
        assertEquals("id", errors(badId).get(0).get("field"));

        var badSort = fails(HttpRequest.GET("/api/v1/regions?sort=colour"));
        assertEquals(HttpStatus.BAD_REQUEST, badSort.getStatus());
        assertEquals("sort", errors(badSort).get(0).get("field"));

        for (String empty : new String[]{",", ",,", ",desc"}) { // empty parts are refused by name, never an index error
            var refused = fails(HttpRequest.GET("/api/v1/regions?sort=" + empty));
            assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), empty);
            assertEquals("sort", errors(refused).get(0).get("field"), empty);
        }
        var list = http.toBlocking().retrieve("/api/v1/regions?sort=code,desc&size=1", Map.class);
        assertEquals(1, ((List<?>) list.get("items")).size());
        assertTrue(((Number) list.get("totalItems")).intValue() >= 1);
    }
}
