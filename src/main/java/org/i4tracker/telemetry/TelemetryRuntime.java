package org.i4tracker.telemetry;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts telemetry ingest when {@code i4.mqtt.enabled=true}: the embedded broker (when no
 * external {@code broker-url} is set), the writer, and the MQTT link. A broker that cannot start
 * or be reached never stops the service: HTTP keeps serving and {@code /health} shows telemetry DOWN.
 *
 * <p>Nothing of it is needed to answer HTTP, so it starts once the HTTP server is up, on a thread of
 * its own ({@code telemetry-start}): the broker, Paho and the writer do not delay the first answer of
 * {@code /health}, which shows telemetry as starting (UNKNOWN, HTTP 200) until the start has either
 * succeeded or failed. Messages published before then wait with the plants (QoS 1, persistent sessions).
 */
@Singleton
@Requires(property = "i4.mqtt.enabled", value = "true")
public class TelemetryRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryRuntime.class);

    private final MqttSettings mqtt;
    private final TelemetrySettings settings;
    private final IngestPipeline pipeline;
    private final String dataDir;
    private volatile EmbeddedBroker broker;
    private volatile BrokerLink link;
    private volatile String failure;
    private volatile boolean starting;
    private volatile boolean closed;

    private final PlantMqttCredentials credentials;

    TelemetryRuntime(MqttSettings mqtt, TelemetrySettings settings, IngestPipeline pipeline,
                     @Value("${i4.data-dir:./data}") String dataDir, PlantMqttCredentials credentials) {
        this.mqtt = mqtt;
        this.settings = settings;
        this.pipeline = pipeline;
        this.dataDir = dataDir;
        this.credentials = credentials;
    }

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        starting = true;
        Thread starter = new Thread(() -> {
            try {
                start();
            } catch (RuntimeException e) {
                failure = e.toString();
                LOG.error("telemetry not started: {}", failure, e);
            } finally {
                starting = false;
            }
        }, "telemetry-start");
        starter.setDaemon(true);
        starter.start();
    }

    synchronized void start() {
        if (closed || link != null || failure != null) {
            return;
        }
        String url = mqtt.getBrokerUrl();
        int protocol = mqtt.getProtocolVersion();
        if (url == null || url.isBlank()) {
            if (!mqtt.getEmbedded().isEnabled()) {
                failure = "no i4.mqtt.broker-url configured and i4.mqtt.embedded.enabled=false";
                LOG.error("telemetry not started: {}", failure);
                return;
            }
            var embedded = mqtt.getEmbedded();
            Path data = Path.of(embedded.getDataPath() != null ? embedded.getDataPath() : dataDir + "/mqtt");
            EmbeddedBroker candidate = new EmbeddedBroker(embedded.getHost(), embedded.getPort(), data,
                    settings.getMaxPayloadBytes() * 20, credentials);
            try {
                candidate.start();
            } catch (Exception e) {
                failure = e.getMessage();
                LOG.error("telemetry not started: {}", failure);
                candidate.close();
                return;
            }
            broker = candidate;
            url = candidate.url();
            protocol = 3;
            if (credentials.enabled()) {
                // The ingest client logs in to its own broker with the service credential.
                mqtt.setUsername(PlantMqttCredentials.SERVICE_USER);
                mqtt.setPassword(credentials.servicePassword());
            }
        }
        List<String> topics = new ArrayList<>(mqtt.getTopics());
        if (settings.isSparkplugEnabled()) {
            topics.addAll(mqtt.getSparkplugTopics());
        }
        BrokerLink candidate;
        try {
            candidate = protocol == 3 ? new Paho3Link(url, mqtt, topics, pipeline) : new Paho5Link(url, mqtt, topics, pipeline);
        } catch (IllegalArgumentException e) {
            failure = e.getMessage();
            LOG.error("telemetry not started: {}", failure);
            if (broker != null) {
                broker.close();
                broker = null;
            }
            return;
        }
        pipeline.start(broker != null ? EmbeddedBroker.INFLIGHT_WINDOW : mqtt.getReceiveMaximum());
        link = candidate;
        link.start();
        LOG.info("telemetry ingest started broker={} protocol={} embedded={}", url, protocol, broker != null);
    }

    /** Whether the start after the server came up is still under way (neither running nor failed yet). */
    boolean starting() {
        return starting;
    }

    /** Why telemetry is not running, or null. */
    String failure() {
        return failure;
    }

    /** Whether the service's own MQTT link is connected to its broker. */
    public boolean connected() {
        BrokerLink l = link;
        return l != null && l.isConnected();
    }

    /** Publishes through the service's own MQTT link; false when there is no link or the broker refused. */
    public boolean publish(String topic, byte[] payload) {
        BrokerLink l = link;
        return l != null && l.publish(topic, payload);
    }

    /** Whether the broker is the embedded one (never an external plant network). */
    public boolean embedded() {
        return broker != null;
    }

    /** At shutdown: stops, and keeps a start still waiting on its thread from starting anything afterwards. */
    @PreDestroy
    synchronized void close() {
        closed = true;
        stop();
    }

    /** The link first (no new messages), then the writer (commits what is queued), then the broker. */
    synchronized void stop() {
        if (link != null) {
            link.close();
            link = null;
        }
        pipeline.stop();
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
