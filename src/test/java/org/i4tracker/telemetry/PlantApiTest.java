package org.i4tracker.telemetry;

import io.micronaut.http.HttpRequest;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class PlantApiTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver resolver;

    private HttpClientResponseException fails(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(request, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static String firstField(HttpClientResponseException e) {
        var errors = (List<Map<String, Object>>) e.getResponse().getBody(Map.class).orElseThrow().get("errors");
        return (String) errors.get(0).get("field");
    }

    @Test
    void plantsAndMachinesWithOptimisticLockingAndPaging() {
        var fx = new TelemetryFixtures(http);
        long firm = fx.firm("PA1");
        long rti = fx.rtiOfFirmRegion(firm);
        var plant = fx.post("/api/v1/plants", "{\"code\":\"PA1-north\",\"name\":\"North hall\",\"firmId\":" + firm + ",\"rtiId\":" + rti + "}");
        long plantId = TelemetryFixtures.id(plant);
        assertEquals(rti, ((Number) plant.get("rtiId")).longValue());

        var renamed = http.toBlocking().retrieve(HttpRequest.PUT("/api/v1/plants/" + plantId,
                "{\"code\":\"PA1-north\",\"name\":\"North hall 2\",\"firmId\":" + firm + ",\"version\":0}"), Map.class);
        assertEquals(1, ((Number) renamed.get("version")).intValue());
        var stale = fails(HttpRequest.PUT("/api/v1/plants/" + plantId,
                "{\"code\":\"PA1-north\",\"name\":\"Stale\",\"firmId\":" + firm + ",\"version\":0}"));
        assertEquals(HttpStatus.CONFLICT, stale.getStatus());
        assertEquals("version", firstField(stale));

        for (int i = 0; i < 3; i++) {
            fx.machine(plantId, "m" + i, 800 + i);
        }
        var page = http.toBlocking().retrieve("/api/v1/plants/" + plantId + "/machines?size=2&sort=code,desc", Map.class);
        assertEquals(3, ((Number) page.get("totalItems")).intValue());
        assertEquals(2, ((Number) page.get("totalPages")).intValue());
        assertEquals("m2", ((Map<?, ?>) ((List<?>) page.get("items")).get(0)).get("code"));

        var duplicate = fails(HttpRequest.POST("/api/v1/plants/" + plantId + "/machines",
                "{\"code\":\"m1\",\"name\":\"again\",\"idealCycleTimeMs\":500}"));
        assertEquals(HttpStatus.CONFLICT, duplicate.getStatus());
        assertEquals("code", firstField(duplicate));
    }

    /**
     * A plant or machine that has reported telemetry is deleted only when the caller says so: the ingest writer sets
     * {@code machine.first_telemetry_at} on a machine's first stored sample, which the fixture does here directly,
     * on the service's pool outside the test's transaction.
     */
    @Test
    void deletingWhatHasReportedTelemetryNeedsWithTelemetry() throws Exception {
        var fx = new TelemetryFixtures(http);
        long firm = fx.firm("PA3");
        long plantId = TelemetryFixtures.id(fx.post("/api/v1/plants", "{\"code\":\"PA3-hall\",\"name\":\"Hall\",\"firmId\":" + firm + "}"));
        long quiet = fx.machine(plantId, "quiet", 900);
        long reporting = fx.machine(plantId, "reporting", 900);
        long other = fx.machine(plantId, "other", 900);
        try (var c = resolver.resolve(dataSource).getConnection(); var st = c.prepareStatement(
                "UPDATE machine SET first_telemetry_at = CURRENT_TIMESTAMP WHERE id IN (?, ?)")) {
            st.setLong(1, reporting);
            st.setLong(2, other);
            st.executeUpdate();
        }
        // a machine that never reported goes as before
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/plants/" + plantId + "/machines/" + quiet)).getStatus());

        var machineRefused = fails(HttpRequest.DELETE("/api/v1/plants/" + plantId + "/machines/" + reporting));
        assertEquals(HttpStatus.CONFLICT, machineRefused.getStatus());
        assertEquals("withTelemetry", firstField(machineRefused));
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(
                HttpRequest.DELETE("/api/v1/plants/" + plantId + "/machines/" + reporting + "?withTelemetry=true")).getStatus());

        var plantRefused = fails(HttpRequest.DELETE("/api/v1/plants/" + plantId));
        assertEquals(HttpStatus.CONFLICT, plantRefused.getStatus());
        assertEquals("withTelemetry", firstField(plantRefused));
        assertTrue(plantRefused.getResponse().getBody(Map.class).orElseThrow().toString().contains("1 machine with stored telemetry"));
        assertEquals(200, http.toBlocking().exchange("/api/v1/plants/" + plantId, Map.class).getStatus().getCode(), "still there");
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.DELETE("/api/v1/plants/" + plantId + "?withTelemetry=true")).getStatus());
        assertEquals(HttpStatus.NOT_FOUND, fails(HttpRequest.GET("/api/v1/plants/" + plantId)).getStatus());
    }

    @Test
    void badInputNamesTheField() {
        var fx = new TelemetryFixtures(http);
        long firm = fx.firm("PA2");
        var noFirm = fails(HttpRequest.POST("/api/v1/plants", "{\"code\":\"x\",\"name\":\"x\",\"firmId\":99999}"));
        assertEquals(HttpStatus.BAD_REQUEST, noFirm.getStatus());
        assertEquals("firmId", firstField(noFirm));

        var wildcard = fails(HttpRequest.POST("/api/v1/plants", "{\"code\":\"a/+\",\"name\":\"x\",\"firmId\":" + firm + "}"));
        assertEquals(HttpStatus.BAD_REQUEST, wildcard.getStatus());
        assertEquals("code", firstField(wildcard));
        // a plant's code is its broker login and Sparkplug group: STATE would publish host state to every edge node
        for (String reserved : new String[] {"STATE", "state", "i4-ingest"}) {
            var taken = fails(HttpRequest.POST("/api/v1/plants", "{\"code\":\"" + reserved + "\",\"name\":\"x\",\"firmId\":" + firm + "}"));
            assertEquals(HttpStatus.BAD_REQUEST, taken.getStatus(), reserved);
            assertEquals("code", firstField(taken), reserved);
        }

        long plantId = fx.plant("PA2-p", firm);
        var notRti = fails(HttpRequest.PUT("/api/v1/plants/" + plantId,
                "{\"code\":\"PA2-p\",\"name\":\"x\",\"firmId\":" + firm + ",\"rtiId\":99999,\"version\":0}"));
        assertEquals("rtiId", firstField(notRti));

        var zeroCycle = fails(HttpRequest.POST("/api/v1/plants/" + plantId + "/machines",
                "{\"code\":\"m\",\"name\":\"x\",\"idealCycleTimeMs\":0}"));
        assertEquals(HttpStatus.BAD_REQUEST, zeroCycle.getStatus());
        assertEquals("idealCycleTimeMs", firstField(zeroCycle));

        var wrongType = fails(HttpRequest.POST("/api/v1/plants/" + plantId + "/machines",
                "{\"code\":\"m\",\"name\":\"x\",\"idealCycleTimeMs\":\"fast\"}"));
        assertEquals(HttpStatus.BAD_REQUEST, wrongType.getStatus());
        assertEquals("idealCycleTimeMs", firstField(wrongType));

        assertEquals(HttpStatus.NOT_FOUND, fails(HttpRequest.GET("/api/v1/plants/99999/machines")).getStatus());
    }
}
