package org.i4tracker.telemetry;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the MQTT tests: free ports, a QoS 1 publisher, waiting for a condition. */
final class MqttTestSupport {

    private MqttTestSupport() {
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Properties that switch telemetry on with the embedded broker on {@code port} and fresh broker data. */
    static java.util.Map<String, String> embeddedBroker(int port, String clientPrefix) {
        try {
            return java.util.Map.of("i4.mqtt.enabled", "true", "i4.mqtt.embedded.port", Integer.toString(port),
                    "i4.mqtt.embedded.data-path", java.nio.file.Files.createTempDirectory("i4-mqtt").toString(),
                    "i4.mqtt.client-id", clientPrefix + port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(javax.sql.DataSource dataSource, String sql) {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the runtime's start after the server came up has succeeded or failed. */
    static void awaitStartFinished(TelemetryRuntime runtime) throws InterruptedException {
        await(Duration.ofSeconds(15), () -> !runtime.starting(), "the telemetry start to succeed or fail");
    }

    /** Waits until the service's link is connected, then a moment for its subscriptions to be in place. */
    static void awaitSubscribed(TelemetryRuntime runtime, String what) throws InterruptedException {
        await(Duration.ofSeconds(15), runtime::connected, what);
        Thread.sleep(300);
    }

    /** The machine's stored samples, counted on the service's own pool, outside any transaction. */
    static long samples(io.micronaut.context.ApplicationContext service, long machine) {
        return count(pool(service), StoredSamples.countSql("machine_id = " + machine));
    }

    /** The machine's stored samples with distinct seq: equal to {@link #samples} when none is stored twice. */
    static long distinctSeqs(io.micronaut.context.ApplicationContext service, long machine) {
        try (var c = pool(service).getConnection()) {
            return StoredSamples.distinctSeqs(c, "machine_id = " + machine);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static javax.sql.DataSource pool(io.micronaut.context.ApplicationContext service) {
        return service.getBean(io.micronaut.jdbc.DataSourceResolver.class).resolve(service.getBean(javax.sql.DataSource.class));
    }

    static boolean reachable(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static MqttClient publisher(String url, String clientId) throws Exception {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        client.connect(o);
        return client;
    }

    static void publish(MqttClient client, String topic, String payload) throws Exception {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    static String json(String ts, Long seq, String state, long good, long reject) {
        return "{\"ts\":\"" + ts + "\"" + (seq == null ? "" : ",\"seq\":" + seq) + ",\"state\":\"" + state
                + "\",\"goodCount\":" + good + ",\"rejectCount\":" + reject + ",\"metrics\":{\"spindleTempC\":41.2}}";
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
