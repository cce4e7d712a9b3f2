package org.i4tracker.model;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ModelApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ModelRegistry registry;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(HttpClientResponseException e) {
        return (List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors");
    }

    private HttpClientResponseException fails(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, Map.class));
    }

    private static String stageModel() throws Exception {
        return Files.readString(Path.of("assessment-models/i40-stages-1.0.0.json"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theShippedModelsAreListedAndReadable() {
        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/models?sort=modelId"), Map.class);
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        assertTrue(items.stream().map(m -> m.get("id")).toList().containsAll(List.of("capability-learning", "digital-maturity", "i40-stages")));
        Map<String, Object> doc = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/models/digital-maturity/versions/1.0.0"), Map.class);
        assertEquals(6, ((List<?>) doc.get("dimensions")).size());
        Map<String, Object> firstItem = ((List<Map<String, Object>>) ((List<Map<String, Object>>) doc.get("dimensions")).get(0).get("items")).get(0);
        assertTrue(firstItem.get("guidance").toString().startsWith("Ask to see the plan."), firstItem.toString());
        assertEquals(HttpStatus.NOT_FOUND, fails(HttpRequest.GET("/api/v1/models/digital-maturity/versions/9.9.9")).getStatus());
    }

    @Test
    void uploadIsSchemaValidatedAndAUsedVersionIsImmutable() throws Exception {
        String v2 = stageModel().replace("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\"");
        var created = http.toBlocking().exchange(HttpRequest.POST("/api/v1/models", v2), Map.class);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        assertEquals("UPLOAD", created.body().get("origin"));

        // not used yet: a changed document replaces it
        String v2b = v2.replace("\"stageThreshold\": 75", "\"stageThreshold\": 80");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/models", v2b), Map.class).getStatus());
        assertEquals(80.0, registry.engine("i40-stages", "2.0.0").model().stageThreshold());

        registry.markInUse("i40-stages", "2.0.0");
        var conflict = fails(HttpRequest.POST("/api/v1/models", v2));
        assertEquals(HttpStatus.CONFLICT, conflict.getStatus());
        assertTrue(errors(conflict).get(0).get("message").toString().contains("publish a new version"));
        // the same document again is fine (idempotent upload)
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.POST("/api/v1/models", v2b), Map.class).getStatus());

        var invalid = fails(HttpRequest.POST("/api/v1/models", v2.replace("\"version\": \"2.0.0\"", "\"version\": \"two\"")));
        assertEquals(HttpStatus.BAD_REQUEST, invalid.getStatus());
        assertEquals("$.version", errors(invalid).get(0).get("field"));
        var notJson = fails(HttpRequest.POST("/api/v1/models", "{\"id\": 1"));
        assertEquals(HttpStatus.BAD_REQUEST, notJson.getStatus());
        // a valid document longer than the stored column: 400 naming it, not a failed insert
        var tooLong = fails(HttpRequest.POST("/api/v1/models", v2.replace("2.0.0", "2.9.0") + " ".repeat(1_000_000)));
        assertEquals(HttpStatus.BAD_REQUEST, tooLong.getStatus());
        assertEquals("document", errors(tooLong).get(0).get("field"));
    }

    @Test
    void aUsedVersionTakesNewGuidanceInPlaceButNothingElse() throws Exception {
        String v3 = stageModel().replace("\"version\": \"1.0.0\"", "\"version\": \"3.0.0\"");
        assertEquals(HttpStatus.CREATED, http.toBlocking().exchange(HttpRequest.POST("/api/v1/models", v3), Map.class).getStatus());
        registry.markInUse("i40-stages", "3.0.0");
        String before = registry.engine("i40-stages", "3.0.0").model().dimensions().get(0).items().get(0).guidance();

        String reworded = v3.replace(before, "Walk the shop floor and count the computer-controlled machines.");
        var ok = http.toBlocking().exchange(HttpRequest.POST("/api/v1/models", reworded), Map.class);
        assertEquals(HttpStatus.OK, ok.getStatus());
        assertEquals("Walk the shop floor and count the computer-controlled machines.",
                registry.engine("i40-stages", "3.0.0").model().dimensions().get(0).items().get(0).guidance());
        assertEquals(List.of("3.0.0"), registry.versions("i40-stages").stream().map(ModelSummary::version)
                .filter("3.0.0"::equals).toList(), "still one version 3.0.0");
        Map<String, Object> doc = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/models/i40-stages/versions/3.0.0"), Map.class);
        assertTrue(doc.toString().contains("count the computer-controlled machines"));

        // guidance and a scoring change together: still refused
        var conflict = fails(HttpRequest.POST("/api/v1/models", reworded.replace("\"stageThreshold\": 75", "\"stageThreshold\": 60")));
        assertEquals(HttpStatus.CONFLICT, conflict.getStatus());
        assertEquals(75.0, registry.engine("i40-stages", "3.0.0").model().stageThreshold());
    }

    @Test
    void onlyGuidanceDifferencesCountAsSameScoring() throws Exception {
        String model = stageModel();
        String first = registry.engine("i40-stages", "1.0.0").model().dimensions().get(0).items().get(0).guidance();
        assertTrue(ModelRegistry.sameScoring(model, model.replace(first, "Other words.")));
        assertTrue(!ModelRegistry.sameScoring(model, model.replaceFirst("\"text\": \"Machines", "\"text\": \"Robots")));
        assertTrue(!ModelRegistry.sameScoring(model, model.replace("\"stageThreshold\": 75", "\"stageThreshold\": 74")));
    }
}
