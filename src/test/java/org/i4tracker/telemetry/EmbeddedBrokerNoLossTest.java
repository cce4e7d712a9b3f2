package org.i4tracker.telemetry;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Why the embedded Moquette is fit for purpose: with the settings of {@link EmbeddedBroker}, a
 * persistent-session QoS 1 subscriber that goes away in the middle of a flood receives every
 * message once it is back: 20 000 messages published as fast as one Paho client can, the subscriber
 * disconnected after the first 5 000 and reconnected once the publisher finished, and all 20 000
 * distinct messages must arrive.
 */
class EmbeddedBrokerNoLossTest {

    private static final int MESSAGES = 20_000;

    @Test
    void everyQos1MessageArrivesAcrossASubscriberReconnect() throws Exception {
        int port = MqttTestSupport.freePort();
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", port, Files.createTempDirectory("moquette"), 1 << 20,
                new PlantMqttCredentials(null, false, null))) {
            broker.start();
            String url = broker.url();
            BitSet seen = new BitSet(MESSAGES);
            AtomicInteger deliveries = new AtomicInteger();
            MqttCallback counter = new MqttCallback() {
                public void connectionLost(Throwable cause) { }
                public void messageArrived(String topic, MqttMessage message) {
                    synchronized (seen) {
                        seen.set(ByteBuffer.wrap(message.getPayload()).getInt());
                    }
                    deliveries.incrementAndGet();
                }
                public void deliveryComplete(IMqttDeliveryToken token) { }
            };
            MqttConnectOptions persistent = new MqttConnectOptions();
            persistent.setCleanSession(false);
            persistent.setMaxInflight(1000);
            MqttClient subscriber = new MqttClient(url, "no-loss-sub", new MemoryPersistence());
            subscriber.setCallback(counter);
            subscriber.connect(persistent);
            subscriber.subscribe("load/#", 1);

            MqttClient publisher = MqttTestSupport.publisher(url, "no-loss-pub");
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish("load/x", ByteBuffer.allocate(4).putInt(i).array(), 1, false);
                if (i == 5_000) {
                    subscriber.disconnectForcibly(0, 1000);
                }
            }
            publisher.disconnect();
            subscriber.close();

            MqttClient again = new MqttClient(url, "no-loss-sub", new MemoryPersistence());
            again.setCallback(counter);
            again.connect(persistent);
            MqttTestSupport.await(Duration.ofSeconds(120), () -> {
                synchronized (seen) {
                    return seen.cardinality() == MESSAGES;
                }
            }, "all " + MESSAGES + " messages (have " + seen.cardinality() + ")");
            again.disconnect();
            again.close();
            synchronized (seen) {
                assertEquals(MESSAGES, seen.cardinality());
            }
            System.out.printf("embedded broker: %d distinct of %d delivered (%d deliveries incl. redeliveries)%n",
                    seen.cardinality(), MESSAGES, deliveries.get());
        }
    }
}
