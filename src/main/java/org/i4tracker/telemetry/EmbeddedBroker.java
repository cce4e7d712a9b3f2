package org.i4tracker.telemetry;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The zero-setup broker for a single-machine pilot: Moquette 0.17 (MQTT 3.1.1) bound to loopback by
 * default (beyond loopback only with per-plant logins, {@code i4.mqtt.embedded.plant-auth=true}), with its sessions and queues persisted on disk (segmented queues, unbounded by count)
 * so that a persistent-session subscriber receives every QoS 1 message across a reconnect or a
 * service restart. Moquette's in-flight window per session is fixed at 10 messages, so the ingest
 * commits small batches when it is used; an external broker suits high message rates (docs/telemetry.md).
 */
final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** Moquette's per-session in-flight window (BrokerConstants.INFLIGHT_WINDOW_SIZE), not configurable. */
    static final int INFLIGHT_WINDOW = 10;

    private final String host;
    private final int port;
    private final Path dataPath;
    private final int maxMessageBytes;
    private final PlantMqttCredentials credentials;
    private Server server;

    /** {@code credentials} restricts plants to their own topics when enabled, see {@link PlantMqttCredentials}. */
    EmbeddedBroker(String host, int port, Path dataPath, int maxMessageBytes, PlantMqttCredentials credentials) {
        this.host = host;
        this.port = port;
        this.dataPath = dataPath;
        this.maxMessageBytes = maxMessageBytes;
        this.credentials = credentials;
    }

    /**
     * Starts the broker; a taken port is reported as an exception with a clear message (Moquette
     * itself would only log it), so that the service keeps serving HTTP and reports telemetry DOWN.
     */
    void start() throws IOException {
        if (!credentials.enabled() && !isLoopback(host)) {
            throw new IOException("embedded MQTT broker refuses to listen on " + host + " without per-plant logins:"
                    + " anyone who reaches it could publish any plant's telemetry; set i4.mqtt.embedded.plant-auth=true"
                    + " (with i4.mqtt.embedded.plant-secret) or keep i4.mqtt.embedded.host on 127.0.0.1");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IOException("embedded MQTT broker cannot bind " + host + ":" + port + " (" + e.getMessage()
                    + "); set i4.mqtt.embedded.port to a free port or i4.mqtt.broker-url to an external broker", e);
        }
        Files.createDirectories(dataPath);
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", Boolean.toString(!credentials.enabled()));
        p.setProperty("persistence_enabled", "true");
        p.setProperty("data_path", dataPath.toAbsolutePath().toString());
        p.setProperty("persistent_queue_type", "segmented");
        // Messages wait on disk for a subscriber that is away for up to a week.
        p.setProperty("persistent_client_expiration", "7d");
        // The size limit is enforced by the ingest (dead letter with the reason), not by a silent broker drop.
        p.setProperty("netty.mqtt.message_size", Integer.toString(maxMessageBytes));
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("immediate_buffer_flush", "true");
        long started = System.nanoTime();
        server = new Server();
        if (credentials.enabled()) {
            server.startServer(new MemoryConfig(p), java.util.List.of(), null, credentials, credentials);
        } else {
            server.startServer(new MemoryConfig(p));
        }
        LOG.info("embedded MQTT broker started on {}:{} data={} in {} ms", host, port, dataPath,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** True only when every address {@code host} names is a loopback address; unknown names count as exposed. */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && java.util.Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    String url() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }
}
