package org.i4tracker.telemetry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.testing.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bucketed readings (a streamed cursor inside a read-only transaction) and the in-place guidance update of a used
 * model version on PostgreSQL ({@link Postgres}: a schema of its own; skipped with the reason printed when no server answers).
 */
class MachineSeriesPostgresTest {

    private static Postgres pg;
    private static ApplicationContext context;
    private static BlockingHttpClient http;

    @BeforeAll
    static void start() {
        pg = Postgres.freshSchemaOrSkip();
        context = ApplicationContext.run(pg.datasourceProperties(), "test");
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        http = context.createBean(HttpClient.class, server.getURL()).toBlocking();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bucketsStreamEveryReadingOfTheRange() throws SQLException {
        long machine;
        Instant start = Instant.parse("2025-04-01T00:00:00Z");
        // the registry rows with plain SQL (see AssessmentPostgresTest); 5 000 readings, one per 10 s
        try (Connection c = DriverManager.getConnection(pg.url(), Postgres.USER, ""); Statement s = c.createStatement()) {
            long firm = Postgres.insertFirm(c, "TOY-2");
            s.execute("INSERT INTO plant (code, name, firm_id) VALUES ('PG-PLANT', 'Plant', " + firm + ")");
            s.execute("INSERT INTO machine (plant_id, code, name, ideal_cycle_time_ms) SELECT id, 'm1', 'Machine', 850 FROM plant");
            var rs = s.executeQuery("SELECT id FROM machine");
            rs.next();
            machine = rs.getLong(1);
            List<StoredSamples.Reading> readings = new java.util.ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                readings.add(new StoredSamples.Reading(start.plusSeconds(10L * i), "EXECUTE", i, 0, "{\"temp\":" + (i == 4_321 ? 99 : 40) + "}"));
            }
            StoredSamples.insert(c, machine, readings);
        }
        // 5 000 readings over 50 000 s; 10 buckets of 5 000 s, 500 readings each
        Map<String, Object> body = http.retrieve(HttpRequest.GET("/api/v1/machines/" + machine
                + "/samples?from=2025-04-01T00:00:00Z&to=2025-04-01T13:53:20Z&points=10"), Argument.mapOf(String.class, Object.class));
        assertEquals(5_000, ((Number) body.get("readings")).intValue());
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) body.get("buckets");
        assertEquals(10, buckets.size());
        for (int k = 0; k < 10; k++) {
            assertEquals(500, ((Number) buckets.get(k).get("readings")).intValue());
            assertEquals(500 * k + 499, ((Number) buckets.get(k).get("goodCount")).intValue());
            double max = ((Number) ((Map<String, Object>) ((Map<String, Object>) buckets.get(k).get("metrics")).get("temp")).get("max")).doubleValue();
            assertEquals(k == 8 ? 99.0 : 40.0, max, "reading 4 321 is in bucket 8");
        }
    }

    @Test
    void aUsedVersionTakesNewGuidanceInPlace() throws Exception {
        ModelRegistry registry = context.getBean(ModelRegistry.class);
        registry.markInUse("i40-stages", "1.0.0");
        String old = registry.engine("i40-stages", "1.0.0").model().dimensions().get(0).items().get(0).guidance();
        String reworded = Files.readString(Path.of("assessment-models/i40-stages-1.0.0.json")).replace(old, "Count the CNC machines.");
        assertEquals(200, http.exchange(HttpRequest.POST("/api/v1/models", reworded), Map.class).code());
        assertEquals("Count the CNC machines.", registry.engine("i40-stages", "1.0.0").model().dimensions().get(0).items().get(0).guidance());
    }
}
