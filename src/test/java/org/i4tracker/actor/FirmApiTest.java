package org.i4tracker.actor;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class FirmApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    Api api;
    long district;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        String code = "R" + System.nanoTime();
        long region = api.create("/api/v1/regions", "{\"code\":\"" + code + "\",\"name\":\"Test region\"}");
        district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Tiles\",\"naceCode\":\"23.31\"}");
    }

    private String firm(String code, int employees, String extra) {
        return "{\"districtId\":" + district + ",\"code\":\"" + code + "\",\"name\":\"Firm " + code + "\",\"naceCode\":\"23.31\","
                + "\"employees\":" + employees + extra + "}";
    }

    @Test
    void sizeClassIsDerivedFromHeadCountAtTheBoundaries() {
        // DESIGN.md §2: micro < 10, small < 50, medium < 250, large otherwise.
        int[] employees = {9, 10, 49, 50, 249, 250};
        String[] expected = {"MICRO", "SMALL", "SMALL", "MEDIUM", "MEDIUM", "LARGE"};
        for (int i = 0; i < employees.length; i++) {
            var created = api.post("/api/v1/firms", firm("S" + i, employees[i], ""));
            assertEquals(expected[i], created.get("sizeClass"), "employees " + employees[i]);
        }
    }

    @Test
    void capabilitiesAreStoredAndSearchable() {
        api.post("/api/v1/firms", firm("A1", 30, ",\"capabilities\":{\"processes\":[\"glazing\",\"kiln firing\"],"
                + "\"certifications\":[\"ISO 9001\"],\"technologies\":[\"ROBOTICS\"]}"));
        api.post("/api/v1/firms", firm("A2", 300, ",\"capabilities\":{\"processes\":[\"pressing\"],\"technologies\":[\"CLOUD\"]}"));
        api.post("/api/v1/firms", firm("B3", 5, ""));

        var glazing = api.get("/api/v1/firms?district=" + district + "&capability=GLAZING");
        assertEquals(1L, ((Number) glazing.get("totalItems")).longValue());
        @SuppressWarnings("unchecked")
        var first = ((List<Map<String, Object>>) glazing.get("items")).get(0);
        assertEquals("A1", first.get("code"));
        assertEquals(Map.of("processes", List.of("glazing", "kiln firing"), "certifications", List.of("ISO 9001"),
                "technologies", List.of("ROBOTICS")), first.get("capabilities"));

        assertEquals(1L, ((Number) api.get("/api/v1/firms?district=" + district + "&capability=cloud&sizeClass=LARGE").get("totalItems")).longValue());
        assertEquals(0L, ((Number) api.get("/api/v1/firms?district=" + district + "&capability=cloud&sizeClass=SMALL").get("totalItems")).longValue());
        assertEquals(2L, ((Number) api.get("/api/v1/firms?district=" + district + "&q=firm%20a").get("totalItems")).longValue());
        assertEquals(3L, ((Number) api.get("/api/v1/firms?district=" + district + "&nace=23").get("totalItems")).longValue());

        var sorted = api.get("/api/v1/firms?district=" + district + "&sort=employees,desc&size=2&page=0");
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Object>>) sorted.get("items");
        assertEquals(List.of("A2", "A1"), items.stream().map(m -> m.get("code")).toList());
        assertEquals(2, ((Number) sorted.get("totalPages")).intValue());
    }

    @Test
    void duplicateCodeInTheSameDistrictIsAConflict() {
        api.post("/api/v1/firms", firm("DUP", 3, ""));
        var problem = api.problem(HttpRequest.POST("/api/v1/firms", firm("DUP", 7, "")), 409);
        assertEquals(List.of("code"), Api.fields(problem));
    }

    @Test
    void updateNeedsTheCurrentVersionAndReplacesCapabilities() {
        long id = api.create("/api/v1/firms", firm("U1", 3, ",\"capabilities\":{\"processes\":[\"cutting\"]}"));
        var updated = api.put("/api/v1/firms/" + id, firm("U1", 60, ",\"capabilities\":{\"processes\":[\"stitching\"]},\"version\":0"));
        assertEquals("MEDIUM", updated.get("sizeClass"));
        assertEquals(1, ((Number) updated.get("version")).intValue());
        api.problem(HttpRequest.PUT("/api/v1/firms/" + id, firm("U1", 70, ",\"version\":0")), 409);
        var missingVersion = api.problem(HttpRequest.PUT("/api/v1/firms/" + id, firm("U1", 70, "")), 400);
        assertEquals(List.of("version"), Api.fields(missingVersion));
        @SuppressWarnings("unchecked")
        var capabilities = (Map<String, Object>) api.get("/api/v1/firms/" + id).get("capabilities");
        assertEquals(List.of("stitching"), capabilities.get("processes"));
        assertEquals(60, ((Number) api.get("/api/v1/firms/" + id).get("employees")).intValue());
    }

    @Test
    void badInputNamesTheFieldAndStoresNothing() {
        assertEquals(List.of("employees"), Api.fields(api.problem(HttpRequest.POST("/api/v1/firms", firm("X", -1, "")), 400)));
        assertEquals(List.of("naceCode"), Api.fields(api.problem(HttpRequest.POST("/api/v1/firms",
                firm("X", 1, "").replace("23.31", "tiles")), 400)));
        assertEquals(List.of("employees"), Api.fields(api.problem(HttpRequest.POST("/api/v1/firms",
                firm("X", 1, "").replace("\"employees\":1", "\"employees\":\"many\"")), 400)));
        assertEquals(List.of("capabilities.technologies[0]"), Api.fields(api.problem(HttpRequest.POST("/api/v1/firms",
                firm("X", 1, ",\"capabilities\":{\"technologies\":[\"TELEPORTATION\"]}")), 400)));
        assertEquals(List.of("districtId"), Api.fields(api.problem(HttpRequest.POST("/api/v1/firms",
                firm("X", 1, "").replace("\"districtId\":" + district, "\"districtId\":987654")), 400)));
        assertEquals(List.of("shoeSize"), Api.fields(api.problem(HttpRequest.POST("/api/v1/firms", firm("X", 1, ",\"shoeSize\":42")), 400)));
        assertEquals(List.of("sizeClass"), Api.fields(api.problem(HttpRequest.GET("/api/v1/firms?sizeClass=HUGE"), 400)));
        assertEquals(List.of("size"), Api.fields(api.problem(HttpRequest.GET("/api/v1/firms?size=100000"), 400)));
        api.problem(HttpRequest.GET("/api/v1/firms/99999999"), 404);
        api.problem(HttpRequest.DELETE("/api/v1/firms/99999999"), 404);
        assertEquals(0L, ((Number) api.get("/api/v1/firms?district=" + district).get("totalItems")).longValue());
    }

    @Test
    void deletingAFirmRemovesItsLinksAndDistrictsInUseCannotBeDeleted() {
        long a = api.create("/api/v1/firms", firm("D1", 3, ""));
        long b = api.create("/api/v1/firms", firm("D2", 3, ""));
        long link = api.create("/api/v1/links", "{\"from\":{\"kind\":\"FIRM\",\"id\":" + a + "},\"to\":{\"kind\":\"FIRM\",\"id\":" + b
                + "},\"type\":\"BUY_SELL\",\"since\":\"2020-01-01\"}");
        api.problem(HttpRequest.DELETE("/api/v1/districts/" + district), 409);
        http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/firms/" + a));
        api.problem(HttpRequest.GET("/api/v1/links/" + link), 404);
        assertTrue(api.get("/api/v1/firms/" + b).containsKey("id"));
    }
}
