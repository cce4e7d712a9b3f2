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
class ActorImportExportApiTest {

    @Inject
    @Client("/")
    HttpClient http;

    Api api;
    long district;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        long region = api.create("/api/v1/regions", "{\"code\":\"I" + System.nanoTime() + "\",\"name\":\"Region\"}");
        district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Footwear\",\"naceCode\":\"15.20\"}");
    }

    private long count() {
        return ((Number) api.get("/api/v1/firms?district=" + district).get("totalItems")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(Map<String, Object> job) {
        return (List<Map<String, Object>>) ((Map<String, Object>) job.get("result")).get("errors");
    }

    @SuppressWarnings("unchecked")
    private static int written(Map<String, Object> job) {
        return ((Number) ((Map<String, Object>) job.get("result")).get("written")).intValue();
    }

    private String csv(String... rows) {
        StringBuilder out = new StringBuilder("districtId,code,name,naceCode,employees,marketActor,processes,technologies\n");
        for (String row : rows) {
            out.append(row.replace("$D", String.valueOf(district))).append('\n');
        }
        return out.toString();
    }

    @Test
    void nonAtomicImportWritesValidRowsAndReportsEachBadRowByLineAndField() {
        var job = api.awaitJob(api.postCsv("/api/v1/imports/firms", csv(
                "$D,F1,\"Calzados, Uno\",15.20,12,true,cutting;stitching,CLOUD",
                "$D,F2,Dos,15.20,-3,true,,",
                "$D,F3,Tres,15.20,7,maybe,,",
                "$D,F1,Again,15.20,7,true,,",
                "$D,F5,Cinco,15.20,300,false,,WARP_DRIVE",
                "$D,F6,Seis,15.20,45,,,")));
        assertEquals("SUCCEEDED", job.get("status"));
        assertEquals(2, written(job));
        var errors = errors(job);
        assertEquals(List.of(3, 4, 5, 6), errors.stream().map(e -> ((Number) e.get("line")).intValue()).toList());
        assertEquals(List.of("employees", "marketActor", "code", "technologies[0]"),
                errors.stream().map(e -> e.get("field")).map(f -> ((String) f).replace("capabilities.", "")).toList());
        assertEquals(2, count());
        var firm = api.get("/api/v1/firms?district=" + district + "&q=uno");
        @SuppressWarnings("unchecked")
        var item = ((List<Map<String, Object>>) firm.get("items")).get(0);
        assertEquals("Calzados, Uno", item.get("name"));
        // Progress counts a check pass and a write pass over the rows (12); the 4 rows refused by the check are never
        // written, and a finished job has done all its work: 12 of 12, not 8 of 12 (issue 17 §5).
        assertEquals(12, ((Number) job.get("total")).intValue());
        assertEquals(12, ((Number) job.get("done")).intValue());
    }

    @Test
    void atomicImportWritesNothingWhenOneRowFails() {
        var failed = api.awaitJob(api.postCsv("/api/v1/imports/firms?atomic=true", csv(
                "$D,A1,Uno,15.20,12,true,,",
                "$D,A2,Dos,15.20,x,true,,")));
        assertEquals(0, written(failed));
        assertEquals(1, errors(failed).size());
        assertEquals(0, count());

        var ok = api.awaitJob(api.postCsv("/api/v1/imports/firms?atomic=true", csv(
                "$D,A1,Uno,15.20,12,true,,", "$D,A2,Dos,15.20,13,true,,")));
        assertEquals(2, written(ok));
        assertEquals(2, count());
    }

    @Test
    void headerProblemsAreRejectedBeforeAnyJobStarts() {
        var missing = api.problem(HttpRequest.POST("/api/v1/imports/firms", "districtId,code,name\n1,a,b\n").contentType("text/csv"), 400);
        assertEquals(List.of("header"), Api.fields(missing));
        var unknown = api.problem(HttpRequest.POST("/api/v1/imports/firms",
                "districtId,code,name,naceCode,employees,colour\n").contentType("text/csv"), 400);
        assertTrue(((String) unknown.get("detail")).contains("colour"));
        api.problem(HttpRequest.POST("/api/v1/imports/firms", "").contentType("text/csv"), 400);
    }

    @Test
    void exportedFirmsAndLinksImportAgainUnchanged() {
        api.awaitJob(api.postCsv("/api/v1/imports/firms", csv(
                "$D,E1,Uno,15.20,12,true,cutting;stitching,CLOUD;ROBOTICS", "$D,E2,Dos,22.19,80,false,,")));
        @SuppressWarnings("unchecked")
        var ids = ((List<Map<String, Object>>) api.get("/api/v1/firms?district=" + district + "&sort=code").get("items"))
                .stream().map(m -> ((Number) m.get("id")).longValue()).toList();
        var links = api.awaitJob(api.postCsv("/api/v1/imports/links", "from,to,type,knowledgeKind,since,until\n"
                + "FIRM:" + ids.get(0) + ",FIRM:" + ids.get(1) + ",BUY_SELL,,2020-02-01,\n"
                + "FIRM:" + ids.get(0) + ",FIRM:" + ids.get(1) + ",KNOWLEDGE_FLOW,,2020-02-01,\n"
                + "FIRM:" + ids.get(1) + ",INSTITUTION:99999,MEMBERSHIP,,2020-02-01,\n"));
        assertEquals(1, written(links));
        assertEquals(List.of("knowledgeKind", "to"), errors(links).stream().map(e -> e.get("field")).toList());

        String exported = api.getText("/api/v1/exports/firms?district=" + district);
        assertEquals("districtId,code,name,naceCode,employees,marketActor,processes,certifications,technologies", exported.lines().findFirst().orElseThrow());
        assertTrue(exported.contains(district + ",E1,Uno,15.20,12,true,cutting;stitching,,CLOUD;ROBOTICS"), exported);

        // Re-importing the export into the same district clashes on every code, so nothing is duplicated.
        var again = api.awaitJob(api.postCsv("/api/v1/imports/firms?atomic=true", exported));
        assertEquals(0, written(again));
        assertEquals(List.of("code", "code"), errors(again).stream().map(e -> e.get("field")).toList());

        String linkCsv = api.getText("/api/v1/exports/links");
        assertTrue(linkCsv.contains("FIRM:" + ids.get(0) + ",FIRM:" + ids.get(1) + ",BUY_SELL,,2020-02-01,"), linkCsv);
        var json = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/exports/firms?format=json&district=" + district), List.class);
        assertEquals(2, json.size());
        api.problem(HttpRequest.GET("/api/v1/exports/firms?format=xml"), 400);
    }

    @Test
    void jobsAreListedAndFinishedJobsCannotBeCancelled() {
        var job = api.awaitJob(api.postCsv("/api/v1/imports/firms", csv("$D,J1,Uno,15.20,12,true,,")));
        assertEquals(100.0, ((Number) job.get("percent")).doubleValue(), 1e-9);
        api.problem(HttpRequest.POST("/api/v1/jobs/" + job.get("id") + "/cancel", ""), 409);
        api.problem(HttpRequest.GET("/api/v1/jobs/987654321"), 404);
        assertTrue(((Number) api.get("/api/v1/jobs?kind=import-firms").get("totalItems")).longValue() >= 1);
    }
}
