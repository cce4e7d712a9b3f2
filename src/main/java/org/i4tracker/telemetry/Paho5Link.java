package org.i4tracker.telemetry;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * MQTT 5 link (Paho v5): clean start off with a session expiry so the broker keeps unacknowledged
 * QoS 1 messages while we are away, Receive Maximum as our in-flight window, manual acks.
 * Messages are taken from the client-wide callback only: Paho 1.2.5 does not route messages of
 * {@code $share/...} subscriptions to per-subscription listeners (eclipse-paho/paho.mqtt.java#827, #367, #965).
 */
final class Paho5Link extends ReconnectingLink implements MqttCallback {

    private static final Logger LOG = LoggerFactory.getLogger(Paho5Link.class);

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;

    Paho5Link(String url, MqttSettings settings, List<String> topics, IngestPipeline pipeline) {
        super(settings, topics, pipeline);
        try {
            client = new MqttAsyncClient(url, settings.getClientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("i4.mqtt.broker-url " + url + ": " + e.getMessage(), e);
        }
        client.setManualAcks(true);
        client.setCallback(this);
        options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.getSessionExpirySeconds());
        options.setReceiveMaximum(settings.getReceiveMaximum());
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(5_000);
        options.setKeepAliveInterval(settings.getKeepAliveSeconds());
        options.setConnectionTimeout(settings.getConnectionTimeoutSeconds());
        var tls = MqttTls.socketFactory(url, settings);
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        if (settings.getUsername() != null) {
            options.setUserName(settings.getUsername());
            options.setPassword(settings.getPassword() == null ? null : settings.getPassword().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    protected void connect() throws Exception {
        client.connect(options).waitForCompletion();
    }

    @Override
    protected void subscribe(List<String> topics) throws Exception {
        MqttSubscription[] subscriptions = topics.stream().map(t -> new MqttSubscription(t, 1)).toArray(MqttSubscription[]::new);
        client.subscribe(subscriptions).waitForCompletion();
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
    public void disconnected(MqttDisconnectResponse response) {
        lost(String.valueOf(response));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("mqtt error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    @Override
    protected void disconnectAndClose() throws Exception {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }
}
