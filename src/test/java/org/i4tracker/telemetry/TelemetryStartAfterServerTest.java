package org.i4tracker.telemetry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Telemetry starts after the HTTP server is up, on a thread of its own: {@code /health} answers 200 meanwhile and
 * shows telemetry UNKNOWN with {@code starting: true}, then UP once the link to the embedded broker is connected.
 */
class TelemetryStartAfterServerTest {

    @Test
    @SuppressWarnings("unchecked")
    void healthAnswersWhileTelemetryStartsAndSaysSo() throws Exception {
        int port = MqttTestSupport.freePort();
        try (ApplicationContext context = ApplicationContext.builder().environments("test")
                .properties(Map.copyOf(MqttTestSupport.embeddedBroker(port, "start-after-server-"))).start()) {
            TelemetryRuntime runtime = context.getBean(TelemetryRuntime.class);
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            HttpClient http;
            // start() is synchronized on the runtime: holding its monitor keeps the start thread waiting, so the
            // "starting" state lasts as long as this block does, however fast the machine.
            synchronized (runtime) {
                server.start();
                http = context.createBean(HttpClient.class, server.getURL());
                assertTrue(runtime.starting(), "the start waits on its own thread");
                HttpResponse<Map> health = http.toBlocking().exchange("/health", Map.class);
                assertEquals(200, health.code(), "a starting telemetry does not fail /health");
                Map<String, Object> telemetry = telemetry(health.body());
                assertEquals("UNKNOWN", telemetry.get("status"));
                assertEquals(true, ((Map<String, Object>) telemetry.get("details")).get("starting"));
                assertFalse(runtime.connected());
            }
            MqttTestSupport.awaitSubscribed(runtime, "the link to the embedded broker after the start");
            assertFalse(runtime.starting());
            MqttTestSupport.await(Duration.ofSeconds(10), () -> "UP".equals(telemetry(
                    http.toBlocking().retrieve("/health", Map.class)).get("status")), "telemetry UP");
            http.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> telemetry(Map<?, ?> health) {
        return (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("telemetry");
    }
}
