package org.i4tracker;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.access.Role;
import org.i4tracker.access.Users;
import org.i4tracker.testing.TestAdminTokenFilter;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document generated at compile time tells a client how to authenticate: a JWT bearer
 * scheme required by every API operation, and the public routes (login, token refresh, health,
 * metrics) documented without it, the login exactly as the service answers it.
 */
@MicronautTest(transactional = false)
class OpenApiDocumentTest {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> PUBLIC = Set.of("POST /login", "POST /oauth/access_token", "GET /health", "GET /prometheus");

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    Users users;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/META-INF/swagger/i4-tracker-0.1.0.yml")) {
            assertNotNull(in, "the OpenAPI document was not generated");
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** Each operation as "METHOD /path" with the security requirements that apply to it (its own, else the document's). */
    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, Object>>> security(Map<String, Object> doc) {
        List<Map<String, Object>> global = (List<Map<String, Object>>) doc.getOrDefault("security", List.of());
        Map<String, List<Map<String, Object>>> result = new java.util.TreeMap<>();
        map(doc.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (OPERATIONS.contains(method)) {
                Object own = map(operation).get("security");
                result.put(method.toUpperCase() + " " + path, own == null ? global : (List<Map<String, Object>>) own);
            }
        }));
        return result;
    }

    @Test
    void declaresTheJwtBearerScheme() throws IOException {
        Map<String, Object> doc = document();
        Map<String, Object> scheme = map(map(map(doc.get("components")).get("securitySchemes")).get(Application.BEARER));
        assertNotNull(scheme, "components.securitySchemes." + Application.BEARER);
        assertEquals("http", scheme.get("type"));
        assertEquals("bearer", scheme.get("scheme"));
        assertEquals("JWT", scheme.get("bearerFormat"));
        assertEquals(List.of(Map.of(Application.BEARER, List.of())), doc.get("security"), "required by default");
    }

    @Test
    void everyApiOperationRequiresTheBearerToken() throws IOException {
        Map<String, List<Map<String, Object>>> security = security(document());
        List<String> api = security.keySet().stream().filter(op -> op.contains(" /api/")).toList();
        assertTrue(api.size() > 50, "API operations found: " + api.size());
        List<String> open = new ArrayList<>();
        for (String operation : api) {
            List<Map<String, Object>> requirements = security.get(operation);
            // Each listed requirement is an alternative: an empty one would make the token optional.
            if (requirements.isEmpty() || requirements.stream().anyMatch(r -> !r.containsKey(Application.BEARER))) {
                open.add(operation);
            }
        }
        assertEquals(List.of(), open, "API operations that do not require " + Application.BEARER);
    }

    @Test
    void onlyLoginRefreshHealthAndMetricsArePublic() throws IOException {
        Set<String> documentedPublic = new TreeSet<>();
        security(document()).forEach((operation, requirements) -> {
            if (requirements.isEmpty()) {
                documentedPublic.add(operation);
            }
        });
        assertEquals(new TreeSet<>(PUBLIC), documentedPublic);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedLoginIsWhatTheServiceAnswers() throws IOException {
        Map<String, Object> doc = document();
        Map<String, Object> login = map(map(map(doc.get("paths")).get("/login")).get("post"));
        Map<String, Object> schemas = map(map(doc.get("components")).get("schemas"));
        Map<String, Object> request = map(schemas.get("LoginRequest"));
        Map<String, Object> response = map(schemas.get("AccessToken"));
        assertEquals("#/components/schemas/LoginRequest",
                map(map(map(map(login.get("requestBody")).get("content")).get("application/json")).get("schema")).get("$ref"));
        assertEquals(Set.of("username", "password"), Set.copyOf((List<String>) request.get("required")));

        users.create("openapi-reader", "a-long-enough-password", Role.ADMIN, null, null, null, "test");
        Map<String, Object> answer = http.toBlocking().retrieve(HttpRequest.POST("/login",
                        Map.of("username", "openapi-reader", "password", "a-long-enough-password"))
                .header(TestAdminTokenFilter.ANONYMOUS, "1"), Map.class);
        for (String field : (List<String>) response.get("required")) {
            assertTrue(answer.containsKey(field), "documented field " + field + " missing from " + answer.keySet());
        }
        assertTrue(map(response.get("properties")).keySet().containsAll(answer.keySet()), "undocumented fields in " + answer.keySet());
        assertEquals("Bearer", answer.get("token_type"));
        Map<String, Object> firms = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/firms")
                .bearerAuth((String) answer.get("access_token")), Map.class);
        assertTrue(firms.containsKey("items"), "the token opens the API");
    }
}
