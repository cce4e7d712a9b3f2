package org.i4tracker.telemetry;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An embedded broker asked to listen beyond loopback without per-plant logins does not start: anyone on the
 * network could otherwise publish telemetry for any plant. HTTP keeps serving and /health says why.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerExposureTest implements TestPropertyProvider {

    private final int port = MqttTestSupport.freePort();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(MqttTestSupport.embeddedBroker(port, "exposed-"));
        properties.put("i4.mqtt.embedded.host", "0.0.0.0");
        return properties;
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    TelemetryRuntime runtime;

    @Test
    @SuppressWarnings("unchecked")
    void anOpenBrokerOnAllInterfacesRefusesToStart() throws InterruptedException {
        MqttTestSupport.awaitStartFinished(runtime);
        assertEquals(0, ((Number) http.toBlocking().retrieve("/api/v1/plants", Map.class).get("totalItems")).intValue());
        var down = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().retrieve("/health", Map.class));
        assertEquals(503, down.getStatus().getCode());
        Map<String, Object> body = down.getResponse().getBody(Map.class).orElseThrow();
        Map<String, Object> telemetry = (Map<String, Object>) ((Map<String, Object>) body.get("details")).get("telemetry");
        String error = (String) ((Map<String, Object>) telemetry.get("details")).get("error");
        assertTrue(error.contains("i4.mqtt.embedded.plant-auth"), error);

        assertThrows(MqttException.class, () -> {
            MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "anon-" + port, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setConnectionTimeout(2);
            client.connect(options);
        }, "nothing listens on the broker port");
    }

    @Test
    void onlyLoopbackNamesCountAsPrivate() {
        assertTrue(EmbeddedBroker.isLoopback("127.0.0.1"));
        assertTrue(EmbeddedBroker.isLoopback("localhost"));
        assertTrue(EmbeddedBroker.isLoopback("::1"));
        assertFalse(EmbeddedBroker.isLoopback("0.0.0.0"), "all interfaces");
        assertFalse(EmbeddedBroker.isLoopback("no-such-host.invalid"), "an unknown name may resolve elsewhere later");
    }
}
