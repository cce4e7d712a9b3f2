package org.i4tracker.programme;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Builds registry data through the real HTTP API, as a client would. */
final class RegistryFixture {

    private final HttpClient http;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    RegistryFixture(HttpClient http) {
        this.http = http;
    }

    Map<String, Object> post(String path, String json) {
        return http.toBlocking().retrieve(HttpRequest.POST(path, json), Argument.mapOf(String.class, Object.class));
    }

    Map<String, Object> put(String path, String json) {
        return http.toBlocking().retrieve(HttpRequest.PUT(path, json), Argument.mapOf(String.class, Object.class));
    }

    Map<String, Object> get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path), Argument.mapOf(String.class, Object.class));
    }

    HttpClientResponseException fails(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, Map.class));
    }

    @SuppressWarnings("unchecked")
    static String field(HttpClientResponseException e) {
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        var errors = (List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors");
        return errors.isEmpty() ? null : (String) errors.get(0).get("field");
    }

    static long id(Map<String, Object> body) {
        return ((Number) body.get("id")).longValue();
    }

    long region(String name) {
        return id(post("/api/v1/regions", "{\"code\":\"R" + tag + name.hashCode() + "\",\"name\":\"" + name + "\"}"));
    }

    long district(long region, String name, String nace) {
        return id(post("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"" + name + "\",\"naceCode\":\"" + nace + "\"}"));
    }

    long firm(long district, String code, String nace, int employees) {
        return id(post("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"" + code + "\",\"name\":\"Firm " + code
                + "\",\"naceCode\":\"" + nace + "\",\"employees\":" + employees + "}"));
    }

    long institution(long region, String name, String kind) {
        return id(post("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"" + name + "\",\"kind\":\"" + kind
                + "\",\"marketActor\":false}"));
    }
}
