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

@MicronautTest
class LinkAndInstitutionApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    Api api;
    long region;
    long district;
    long firmA;
    long firmB;
    long rti;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        region = api.create("/api/v1/regions", "{\"code\":\"L" + System.nanoTime() + "\",\"name\":\"Region\"}");
        district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Toys\",\"naceCode\":\"32.40\"}");
        firmA = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"A\",\"name\":\"A\",\"naceCode\":\"32.40\",\"employees\":12}");
        firmB = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"B\",\"name\":\"B\",\"naceCode\":\"32.40\",\"employees\":120}");
        rti = api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"districtId\":" + district
                + ",\"name\":\"AIJU\",\"kind\":\"RTI\",\"marketActor\":false}");
    }

    private String link(String from, String to, String type, String kind, String since, String until) {
        return "{\"from\":" + from + ",\"to\":" + to + ",\"type\":\"" + type + "\"" + (kind == null ? "" : ",\"knowledgeKind\":\"" + kind + "\"")
                + ",\"since\":\"" + since + "\"" + (until == null ? "" : ",\"until\":\"" + until + "\"") + "}";
    }

    private String firm(long id) {
        return "{\"kind\":\"FIRM\",\"id\":" + id + "}";
    }

    private String institution(long id) {
        return "{\"kind\":\"INSTITUTION\",\"id\":" + id + "}";
    }

    @Test
    void institutionsAreMarketOrNonMarketActorsAndFilterable() {
        var stored = api.get("/api/v1/institutions/" + rti);
        assertEquals("RTI", stored.get("kind"));
        assertEquals(false, stored.get("marketActor"));
        api.create("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"Consultancy\",\"kind\":\"NGO\",\"marketActor\":true}");
        assertEquals(1L, ((Number) api.get("/api/v1/institutions?region=" + region + "&kind=RTI").get("totalItems")).longValue());
        assertEquals(2L, ((Number) api.get("/api/v1/institutions?region=" + region).get("totalItems")).longValue());
        assertEquals(List.of("kind"), Api.fields(api.problem(HttpRequest.POST("/api/v1/institutions",
                "{\"regionId\":" + region + ",\"name\":\"X\",\"kind\":\"GUILD\",\"marketActor\":false}"), 400)));
        assertEquals(List.of("marketActor"), Api.fields(api.problem(HttpRequest.POST("/api/v1/institutions",
                "{\"regionId\":" + region + ",\"name\":\"X\",\"kind\":\"RTI\"}"), 400)));
        api.problem(HttpRequest.POST("/api/v1/institutions", "{\"regionId\":" + region + ",\"name\":\"AIJU\",\"kind\":\"RTI\",\"marketActor\":false}"), 409);
    }

    @Test
    void linksJoinFirmsAndInstitutionsWithKnowledgeKinds() {
        var flow = api.post("/api/v1/links", link(institution(rti), firm(firmA), "KNOWLEDGE_FLOW", "CHANGING", "2021-03-01", null));
        assertEquals(Map.of("kind", "INSTITUTION", "id", (int) rti), flow.get("from"));
        assertEquals("CHANGING", flow.get("knowledgeKind"));
        api.post("/api/v1/links", link(firm(firmA), firm(firmB), "BUY_SELL", null, "2019-01-01", "2022-12-31"));

        assertEquals(2L, ((Number) api.get("/api/v1/links?firm=" + firmA).get("totalItems")).longValue());
        assertEquals(1L, ((Number) api.get("/api/v1/links?institution=" + rti).get("totalItems")).longValue());

        long id = ((Number) flow.get("id")).longValue();
        var updated = api.put("/api/v1/links/" + id, link(institution(rti), firm(firmA), "KNOWLEDGE_FLOW", "USING", "2021-03-01", null)
                .replace("}$", "").replaceFirst("\\}$", ",\"version\":0}"));
        assertEquals("USING", updated.get("knowledgeKind"));
    }

    @Test
    void invalidLinksAreRejectedWithTheFieldAtFault() {
        assertEquals(List.of("knowledgeKind"), Api.fields(api.problem(HttpRequest.POST("/api/v1/links",
                link(institution(rti), firm(firmA), "KNOWLEDGE_FLOW", null, "2021-03-01", null)), 400)));
        assertEquals(List.of("knowledgeKind"), Api.fields(api.problem(HttpRequest.POST("/api/v1/links",
                link(firm(firmA), firm(firmB), "BUY_SELL", "USING", "2021-03-01", null)), 400)));
        assertEquals(List.of("until"), Api.fields(api.problem(HttpRequest.POST("/api/v1/links",
                link(firm(firmA), firm(firmB), "BUY_SELL", null, "2021-03-01", "2020-01-01")), 400)));
        assertEquals(List.of("to"), Api.fields(api.problem(HttpRequest.POST("/api/v1/links",
                link(firm(firmA), firm(firmA), "BUY_SELL", null, "2021-03-01", null)), 400)));
        assertEquals(List.of("to"), Api.fields(api.problem(HttpRequest.POST("/api/v1/links",
                link(firm(firmA), firm(987654321L), "BUY_SELL", null, "2021-03-01", null)), 400)));
        assertEquals(List.of("since"), Api.fields(api.problem(HttpRequest.POST("/api/v1/links",
                link(firm(firmA), firm(firmB), "BUY_SELL", null, "2021-13-01", null)), 400)));
        assertEquals(0L, ((Number) api.get("/api/v1/links?firm=" + firmA).get("totalItems")).longValue());
    }

    @Test
    void districtEmploymentStatisticsPerYear() {
        var first = api.put("/api/v1/districts/" + district + "/employment/2023", "{\"totalEmployment\":6500,\"establishments\":420}");
        assertEquals(0, ((Number) first.get("version")).intValue());
        api.put("/api/v1/districts/" + district + "/employment/2024", "{\"totalEmployment\":6600,\"establishments\":415}");
        api.problem(HttpRequest.PUT("/api/v1/districts/" + district + "/employment/2023", "{\"totalEmployment\":1,\"establishments\":1}"), 400);
        var replaced = api.put("/api/v1/districts/" + district + "/employment/2023", "{\"totalEmployment\":6550,\"establishments\":421,\"version\":0}");
        assertEquals(6550, ((Number) replaced.get("totalEmployment")).intValue());
        List<?> years = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/districts/" + district + "/employment"), List.class);
        assertEquals(2, years.size());
        assertEquals(List.of("totalEmployment"), Api.fields(api.problem(HttpRequest.PUT("/api/v1/districts/" + district
                + "/employment/2025", "{\"totalEmployment\":-5,\"establishments\":1}"), 400)));
        assertEquals(List.of("referenceYear"), Api.fields(api.problem(HttpRequest.PUT("/api/v1/districts/" + district
                + "/employment/1066", "{\"totalEmployment\":5,\"establishments\":1}"), 400)));
    }
}
