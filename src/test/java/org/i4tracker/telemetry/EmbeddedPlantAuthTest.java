package org.i4tracker.telemetry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * With {@code i4.mqtt.embedded.plant-auth=true} the embedded broker admits only plants with their
 * own login and lets each publish only under its own plant code: a message a plant sends on another
 * plant's topic never reaches the data, anonymous and wrong-password clients are refused.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedPlantAuthTest implements TestPropertyProvider {

    private final int port = MqttTestSupport.freePort();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(MqttTestSupport.embeddedBroker(port, "auth-test-"));
        properties.put("i4.mqtt.embedded.plant-auth", "true");
        properties.put("i4.mqtt.embedded.plant-secret", "test-secret-of-at-least-32-characters");
        return properties;
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    TelemetryRuntime runtime;

    private MqttClient connect(String user, String password) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "c-" + user + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        client.connect(o);
        return client;
    }

    @Test
    void plantsPublishOnlyUnderTheirOwnCode() throws Exception {
        MqttTestSupport.awaitSubscribed(runtime, "the service connected to its embedded broker");
        var fx = new TelemetryFixtures(http);
        long firm = fx.firm("PA1");
        long plantA = fx.plant("PA-A", firm);
        long plantB = fx.plant("PA-B", firm);
        long machineA = fx.machine(plantA, "m1", 850);
        long machineB = fx.machine(plantB, "m1", 850);
        Api api = new Api(http);
        var login = api.get("/api/v1/plants/" + plantA + "/mqtt-credentials");
        assertEquals("PA-A", login.get("username"));
        api.problem(HttpRequest.GET("/api/v1/plants/987654321/mqtt-credentials"), 404);

        assertThrows(MqttException.class, () -> connect(null, null), "anonymous clients are refused");
        assertThrows(MqttException.class, () -> connect("PA-A", "not-the-password"), "a wrong password is refused");
        assertThrows(MqttException.class, () -> connect("NO-SUCH-PLANT", (String) login.get("password")), "unknown plants are refused");

        MqttClient a = connect("PA-A", (String) login.get("password"));
        Instant t0 = Instant.now().minusSeconds(600);
        for (int i = 0; i < 5; i++) {
            MqttTestSupport.publish(a, "i4/PA-A/m1/telemetry", MqttTestSupport.json(t0.plusSeconds(i).toString(), (long) i, "EXECUTE", i, 0));
        }
        // Plant A pretends to be plant B: the broker does not forward it (Moquette does not even
        // acknowledge it, so the publisher waits in vain — bounded here).
        a.setTimeToWait(3000);
        try {
            MqttTestSupport.publish(a, "i4/PA-B/m1/telemetry", MqttTestSupport.json(t0.toString(), 1L, "EXECUTE", 1, 0));
        } catch (MqttException refused) {
            // Moquette may also drop the connection of a client that publishes where it may not.
        }
        MqttTestSupport.await(Duration.ofSeconds(20),
                () -> MqttTestSupport.count(dataSource, StoredSamples.countSql("machine_id = " + machineA)) == 5,
                "plant A's own samples stored");
        Thread.sleep(1000);
        assertEquals(0, MqttTestSupport.count(dataSource, StoredSamples.countSql("machine_id = " + machineB)));
        if (a.isConnected()) {
            a.disconnect();
        }
        a.close();
    }
}
