package org.i4tracker.telemetry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Broker restarts during a stream: a Mosquitto of the test's own, configured as docs/telemetry.md asks
 * for no loss ({@code persistence true}, {@code max_queued_messages 0}, {@code max_inflight_messages 1000}),
 * is stopped and started again twice while 2 000 QoS 1 messages are published to the service (persistent
 * MQTT 5 session, manual acknowledgements after the commit):
 * <ol>
 *   <li>with 300 messages queued at the broker for the service, whose ingest is stopped at the time: they
 *   must survive in the broker's persistence file and be delivered when the service is back;</li>
 *   <li>in the middle of a live stream, with messages delivered but not yet acknowledged: the broker
 *   sends them again after the restart and the service stores them once.</li>
 * </ol>
 * The publisher retries a publish that the restart interrupted, as a QoS 1 sender does, so the broker may
 * also receive a message twice. Afterwards every (machine, seq) is stored exactly once. Skipped, with the
 * reason printed, when no {@code mosquitto} binary is installed.
 */
class BrokerRestartExactlyOnceTest {

    private static final int TOTAL = 2000;
    private static final int INGEST_STOPPED_AT = 700;
    private static final int FIRST_RESTART_AT = 1000;
    private static final int SECOND_RESTART_AT = 1500;

    @TempDir
    Path dir;

    @Test
    void everyMessageStoredOnceAcrossBrokerRestarts() throws Exception {
        TestMosquitto.assumeInstalled("broker-restart test");
        int port = MqttTestSupport.freePort();
        String url = "tcp://127.0.0.1:" + port;
        String suffix = Long.toString(System.nanoTime(), 36);
        TestMosquitto broker = new TestMosquitto(dir, port, List.of("persistence true", "persistence_location " + dir + "/",
                "max_queued_messages 0", "max_inflight_messages 1000"));
        broker.start();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "i4.mqtt.enabled", "true", "i4.mqtt.broker-url", url, "i4.mqtt.protocol-version", "5",
                "i4.mqtt.client-id", "i4-broker-restart-" + suffix, "i4.telemetry.sparkplug-enabled", "false"), "test");
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            ApplicationContext context = server.getApplicationContext();
            TelemetryRuntime runtime = context.getBean(TelemetryRuntime.class);
            long machine = new TelemetryFixtures(http).machineOfNewPlant("BR" + suffix, "BR" + suffix.substring(0, 4));
            MqttTestSupport.awaitSubscribed(runtime, "connected to the test's mosquitto");

            Publisher pub = new Publisher(url, "i4-broker-restart-pub-" + suffix);
            Instant t0 = Instant.now().minusSeconds(7200);
            for (int i = 0; i < TOTAL; i++) {
                if (i == INGEST_STOPPED_AT) {
                    runtime.stop();
                }
                if (i == FIRST_RESTART_AT) {
                    broker.restart();
                    runtime.start();
                }
                if (i == SECOND_RESTART_AT) {
                    broker.restart();
                }
                pub.publish("i4/BR" + suffix + "/m1/telemetry", MqttTestSupport.json(t0.plusSeconds(i).toString(), (long) i, "EXECUTE", i, 0));
                Thread.sleep(1);
            }
            pub.close();

            MqttTestSupport.await(Duration.ofSeconds(60), () -> MqttTestSupport.samples(context, machine) >= TOTAL,
                    TOTAL + " stored (have " + MqttTestSupport.samples(context, machine) + ")");
            Thread.sleep(1000); // redeliveries still on their way would show up as extra rows
            assertEquals(TOTAL, MqttTestSupport.samples(context, machine), "each message stored once");
            assertEquals(TOTAL, MqttTestSupport.distinctSeqs(context, machine));
        } finally {
            broker.stop();
        }
    }

    /** A QoS 1 publisher that reconnects and sends again when a broker restart interrupts a publish. */
    private static final class Publisher {
        private final String url;
        private final String clientId;
        private MqttClient client;

        Publisher(String url, String clientId) throws Exception {
            this.url = url;
            this.clientId = clientId;
            this.client = MqttTestSupport.publisher(url, clientId);
        }

        void publish(String topic, String payload) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    MqttTestSupport.publish(client, topic, payload);
                    return;
                } catch (MqttException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                    reconnect();
                }
            }
        }

        private void reconnect() {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // the old connection is gone with the broker
            }
            try {
                client = MqttTestSupport.publisher(url, clientId);
            } catch (Exception e) {
                // the broker is not back yet; the next publish attempt tries again
            }
        }

        void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }
}
