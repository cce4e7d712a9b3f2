package org.i4tracker.demo;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
@Property(name = "i4.demo.enabled", value = "true")
class DemoDataTest {

    @Inject
    @Client("/")
    HttpClient http;

    private long total(Api api, String path) {
        return ((Number) api.get(path).get("totalItems")).longValue();
    }

    @Test
    void firstStartLoadsTheDemoRegionWithARealisticSizeMix() {
        Api api = new Api(http);
        long firms = total(api, "/api/v1/firms");
        assertEquals(300, firms);
        assertEquals(4, total(api, "/api/v1/districts"));
        assertEquals(4, total(api, "/api/v1/institutions?kind=RTI"));
        long micro = total(api, "/api/v1/firms?sizeClass=MICRO");
        long small = total(api, "/api/v1/firms?sizeClass=SMALL");
        long large = total(api, "/api/v1/firms?sizeClass=LARGE");
        // Most district firms are micro or small (seed 000, seed 002); large firms are few.
        assertTrue(micro + small > 0.7 * firms, "micro+small " + (micro + small));
        assertTrue(large >= 1 && large < 0.08 * firms, "large " + large);
        assertTrue(total(api, "/api/v1/links") > 300);
        @SuppressWarnings("unchecked")
        var districts = (List<Map<String, Object>>) api.get("/api/v1/districts?sort=naceCode").get("items");
        assertEquals(List.of("15.20", "23.31", "25.62", "32.40"), districts.stream().map(d -> d.get("naceCode")).toList());
    }

    /** The typology of the demo districts' industries: Valencia (ES52) is the centre of footwear, toys and tiles every year. */
    @Test
    void theDistrictTypologyWorksOnTheDemoData() {
        Api api = new Api(http);
        for (String industry : List.of("15.20", "32.40", "23.31")) {
            for (int year = 2019; year <= 2025; year++) {
                Map<String, Object> typology = api.get("/api/v1/typology?industry=" + industry + "&year=" + year);
                @SuppressWarnings("unchecked")
                var regions = (List<Map<String, Object>>) typology.get("regions");
                assertEquals(17, regions.size(), industry + " " + year);
                Map<String, Object> valencia = regions.stream().filter(r -> "ES52".equals(r.get("id"))).findFirst().orElseThrow();
                assertEquals("CENTRE", valencia.get("type"), industry + " " + year + ": " + valencia);
                double gini = ((Number) typology.get("gini")).doubleValue();
                assertTrue(gini > 0.5 && gini < 1, industry + " " + year + " is concentrated: Gini " + gini);
            }
        }
        // Machining centres on the Basque Country (LQ above 5, a quarter of the sector); Catalonia holds a fifth of the
        // sector without being specialised in it (LQ near 1): an advanced vector.
        @SuppressWarnings("unchecked")
        var machining = (List<Map<String, Object>>) api.get("/api/v1/typology?industry=25.62&year=2024").get("regions");
        Map<String, Object> types = new java.util.HashMap<>();
        machining.forEach(r -> types.put((String) r.get("id"), r.get("type")));
        assertEquals("CENTRE", types.get("ES21"), machining.toString());
        assertEquals("ADVANCED_VECTOR", types.get("ES51"), machining.toString());
    }
}
