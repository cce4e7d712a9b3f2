package org.i4tracker.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every Flyway migration and the registry API against the project's PostgreSQL: the same
 * migrations and repositories as on H2 must work unchanged. Skipped with a printed reason when
 * PostgreSQL is not reachable.
 */
class PostgresRegistryTest {

    @Test
    void migrationsAndRegistryRoundTripOnPostgres() throws Exception {
        try (Postgres pg = Postgres.freshSchemaOrSkip()) {
            Map<String, Object> properties = new HashMap<>(pg.datasourceProperties());
            properties.put("micronaut.server.port", -1);
            properties.put("i4.demo.enabled", true);
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
                 HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
                Api api = new Api(http);

                // The demo loader ran through every repository on PostgreSQL.
                assertEquals(300L, ((Number) api.get("/api/v1/firms").get("totalItems")).longValue());

                try (Connection c = DriverManager.getConnection(pg.url(), Postgres.USER, "");
                     Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success")) {
                    rs.next();
                    assertTrue(rs.getInt(1) >= 3, "all migrations applied");
                }

                long region = api.create("/api/v1/regions", "{\"code\":\"PG1\",\"name\":\"Postgres region\"}");
                long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"PG district\",\"naceCode\":\"25.62\"}");
                long firm = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"P1\",\"name\":\"Pg firm\","
                        + "\"naceCode\":\"25.62\",\"employees\":55,\"capabilities\":{\"processes\":[\"CNC machining\"],\"technologies\":[\"ROBOTICS\"]}}");
                var found = api.get("/api/v1/firms?district=" + district + "&capability=cnc%20machining&sizeClass=MEDIUM&q=pg");
                assertEquals(1L, ((Number) found.get("totalItems")).longValue());

                api.put("/api/v1/firms/" + firm, "{\"districtId\":" + district + ",\"code\":\"P1\",\"name\":\"Pg firm renamed\","
                        + "\"naceCode\":\"25.62\",\"employees\":56,\"version\":0}");
                api.problem(HttpRequest.PUT("/api/v1/firms/" + firm, "{\"districtId\":" + district + ",\"code\":\"P1\",\"name\":\"Stale\","
                        + "\"naceCode\":\"25.62\",\"employees\":57,\"version\":0}"), 409);
                api.problem(HttpRequest.POST("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"P1\",\"name\":\"Dup\","
                        + "\"naceCode\":\"25.62\",\"employees\":5}"), 409);
                assertEquals("Pg firm renamed", api.get("/api/v1/firms/" + firm).get("name"));

                var job = api.awaitJob(api.postCsv("/api/v1/imports/firms?atomic=true",
                        "districtId,code,name,naceCode,employees\n" + district + ",P2,Two,25.62,3\n" + district + ",P3,Three,25.62,4\n"));
                assertEquals("SUCCEEDED", job.get("status"));
                assertEquals(3L, ((Number) api.get("/api/v1/firms?district=" + district).get("totalItems")).longValue());

                @SuppressWarnings("unchecked")
                var links = (List<Map<String, Object>>) api.get("/api/v1/links?size=5&sort=since,desc").get("items");
                assertEquals(5, links.size());
            }
        }
    }
}
