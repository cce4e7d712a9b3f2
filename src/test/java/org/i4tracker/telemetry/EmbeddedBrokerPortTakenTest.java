package org.i4tracker.telemetry;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded broker's port is taken: the service still answers HTTP and /health says telemetry is DOWN and why. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerPortTakenTest implements TestPropertyProvider {

    private final ServerSocket squatter;

    EmbeddedBrokerPortTakenTest() throws IOException {
        squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("i4.mqtt.enabled", "true", "i4.mqtt.embedded.port", Integer.toString(squatter.getLocalPort()));
    }

    @AfterAll
    void release() throws IOException {
        squatter.close();
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TelemetryRuntime runtime;

    @Test
    @SuppressWarnings("unchecked")
    void httpServesAndHealthReportsTelemetryDown() throws InterruptedException {
        MqttTestSupport.awaitStartFinished(runtime);
        assertEquals(0, ((Number) http.toBlocking().retrieve("/api/v1/plants", Map.class).get("totalItems")).intValue());
        var down = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().retrieve("/health", Map.class));
        assertEquals(503, down.getStatus().getCode());
        Map<String, Object> body = down.getResponse().getBody(Map.class).orElseThrow();
        Map<String, Object> telemetry = (Map<String, Object>) ((Map<String, Object>) body.get("details")).get("telemetry");
        assertEquals("DOWN", telemetry.get("status"));
        String error = (String) ((Map<String, Object>) telemetry.get("details")).get("error");
        assertTrue(error.contains("cannot bind 127.0.0.1:" + squatter.getLocalPort()), error);
    }
}
