package org.i4tracker.telemetry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two service instances on one database share the load of one telemetry stream through an MQTT 5 shared
 * subscription ({@code $share/<group>/…}) on the Mosquitto of this project's machines (127.0.0.1:1883,
 * Debian defaults): every message reaches exactly one instance, both take part, and each message is stored
 * once. This also covers Paho's known issue that shared-subscription messages reach only the client-wide
 * callback (eclipse-paho/paho.mqtt.java#827): were the link to rely on per-subscription listeners, the
 * instances would receive nothing. The publisher is paced at about 500 msg/s, as in
 * {@link MosquittoExactlyOnceTest}, because Debian's defaults drop QoS 1 messages of a subscriber that falls
 * behind. Skipped, with the reason, when no broker listens there.
 */
class SharedSubscriptionTest {

    private static final int MESSAGES = 2000;

    @Test
    void twoInstancesShareOneStreamAndStoreEachMessageOnce() throws Exception {
        boolean reachable = MqttTestSupport.reachable("127.0.0.1", 1883);
        if (!reachable) {
            System.out.println("SKIPPED shared-subscription test: no MQTT broker at 127.0.0.1:1883 (start Mosquitto to run it)");
        }
        Assumptions.assumeTrue(reachable, "skipped: no MQTT broker at 127.0.0.1:1883 (start Mosquitto to run this test)");
        String suffix = Long.toString(System.nanoTime(), 36);
        String database = "jdbc:h2:mem:shared-" + suffix + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (EmbeddedServer first = instance(database, "i4-shared-a-" + suffix, suffix);
             EmbeddedServer second = instance(database, "i4-shared-b-" + suffix, suffix);
             HttpClient http = first.getApplicationContext().createBean(HttpClient.class, first.getURL())) {
            long machine = new TelemetryFixtures(http).machineOfNewPlant("SH" + suffix, "SH" + suffix.substring(0, 4));
            for (EmbeddedServer server : new EmbeddedServer[]{first, second}) {
                MqttTestSupport.awaitSubscribed(server.getApplicationContext().getBean(TelemetryRuntime.class),
                        "instance on port " + server.getPort() + " connected");
            }

            MqttClient pub = MqttTestSupport.publisher("tcp://127.0.0.1:1883", "i4-shared-pub-" + suffix);
            Instant t0 = Instant.now().minusSeconds(7200);
            for (int i = 0; i < MESSAGES; i++) {
                MqttTestSupport.publish(pub, "i4/SH" + suffix + "/m1/telemetry",
                        MqttTestSupport.json(t0.plusSeconds(i).toString(), (long) i, "EXECUTE", i, 0));
                Thread.sleep(2);
            }
            pub.disconnect();
            pub.close();

            ApplicationContext context = first.getApplicationContext();
            MqttTestSupport.await(Duration.ofSeconds(60), () -> MqttTestSupport.samples(context, machine) >= MESSAGES,
                    MESSAGES + " stored (have " + MqttTestSupport.samples(context, machine) + ")");
            Thread.sleep(500);
            assertEquals(MESSAGES, MqttTestSupport.samples(context, machine), "each message stored once");
            assertEquals(MESSAGES, MqttTestSupport.distinctSeqs(context, machine));

            TelemetryStats.Snapshot a = first.getApplicationContext().getBean(TelemetryStats.class).snapshot();
            TelemetryStats.Snapshot b = second.getApplicationContext().getBean(TelemetryStats.class).snapshot();
            assertEquals(MESSAGES, a.received() + b.received(), "each message delivered to one instance: " + a + " / " + b);
            assertEquals(MESSAGES, a.stored() + b.stored(), "each instance stored what it received: " + a + " / " + b);
            assertTrue(a.received() >= MESSAGES / 10 && b.received() >= MESSAGES / 10,
                    "both instances take part (received " + a.received() + " and " + b.received() + ")");
        }
    }

    private static EmbeddedServer instance(String database, String clientId, String suffix) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", database,
                "i4.mqtt.enabled", "true",
                "i4.mqtt.broker-url", "tcp://127.0.0.1:1883",
                "i4.mqtt.protocol-version", "5",
                "i4.mqtt.client-id", clientId,
                "i4.mqtt.topics", "$share/i4" + suffix + "/i4/SH" + suffix + "/+/telemetry",
                "i4.telemetry.sparkplug-enabled", "false"), "test");
    }
}
