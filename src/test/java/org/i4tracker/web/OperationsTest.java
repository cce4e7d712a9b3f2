package org.i4tracker.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class OperationsTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void openApiDescriptionAndSwaggerUiAreServed() {
        Api api = new Api(http);
        String spec = api.getText("/swagger/i4-tracker-0.1.0.yml");
        assertTrue(spec.contains("/api/v1/firms:"), "firms path documented");
        assertTrue(spec.contains("/api/v1/imports/firms:"), "imports documented");
        String ui = api.getText("/swagger-ui/index.html");
        assertTrue(ui.contains("i4-tracker-0.1.0.yml"), "Swagger UI points at the generated description");
        assertTrue(api.getText("/swagger-ui/res/swagger-ui-bundle.js").length() > 100_000, "UI assets are served locally, no CDN");
    }

    @Test
    void healthAndPrometheusAreServed() {
        Api api = new Api(http);
        assertEquals("UP", api.get("/health").get("status"));
        String metrics = api.getText("/prometheus");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "Prometheus text format");
    }

    @Test
    void unknownRoutesAndMethodsAreProblemJson() {
        Api api = new Api(http);
        api.problem(HttpRequest.GET("/api/v1/no-such-thing"), 404);
        api.problem(HttpRequest.PATCH("/api/v1/regions/1", "{}"), 405);
        api.problem(HttpRequest.POST("/api/v1/regions", "code=x").contentType("application/x-www-form-urlencoded"), 415);
    }
}
