package org.i4tracker.telemetry;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * MQTT 3.1.1 link (Paho v3) for brokers without MQTT 5, such as the embedded Moquette:
 * clean session off (persistent session), manual acks, in-flight window as large as the broker grants.
 */
final class Paho3Link extends ReconnectingLink implements MqttCallbackExtended {

    private static final Logger LOG = LoggerFactory.getLogger(Paho3Link.class);

    private final MqttAsyncClient client;
    private final MqttConnectOptions options;

    Paho3Link(String url, MqttSettings settings, List<String> topics, IngestPipeline pipeline) {
        super(settings, topics, pipeline);
        try {
            client = new MqttAsyncClient(url, settings.getClientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("i4.mqtt.broker-url " + url + ": " + e.getMessage(), e);
        }
        client.setManualAcks(true);
        client.setCallback(this);
        options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(5_000);
        options.setMaxInflight(settings.getReceiveMaximum());
        options.setKeepAliveInterval(settings.getKeepAliveSeconds());
        options.setConnectionTimeout(settings.getConnectionTimeoutSeconds());
        var tls = MqttTls.socketFactory(url, settings);
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        if (settings.getUsername() != null) {
            options.setUserName(settings.getUsername());
            options.setPassword(settings.getPassword() == null ? new char[0] : settings.getPassword().toCharArray());
        }
    }

    @Override
    protected void connect() throws Exception {
        client.connect(options).waitForCompletion();
    }

    @Override
    protected void subscribe(List<String> topics) throws Exception {
        client.subscribe(topics.toArray(String[]::new), topics.stream().mapToInt(t -> 1).toArray()).waitForCompletion();
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public boolean publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
            return true;
        } catch (MqttException e) {
            LOG.warn("mqtt publish failed topic={}: {}", topic, e.toString());
            return false;
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        int session = sessionNumber();
        int id = message.getId();
        int qos = message.getQos();
        hand(topic, message.getPayload(), Instant.now(), () -> ack(session, () -> client.messageArrivedComplete(id, qos)));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        connected(reconnect, serverURI);
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost(String.valueOf(cause));
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
    }

    @Override
    protected void disconnectAndClose() throws Exception {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }
}
