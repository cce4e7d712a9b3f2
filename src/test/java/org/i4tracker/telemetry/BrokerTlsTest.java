package org.i4tracker.telemetry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Telemetry over TLS from an external broker ({@code ssl://}): a Mosquitto of the test's own serves a
 * self-signed certificate for 127.0.0.1 made by {@code openssl} for this run. With that certificate in
 * {@code i4.mqtt.trust-store} (a PKCS12 store made by the JDK's {@code keytool}) the service connects over
 * MQTT 5 and stores what a TLS publisher sends; without it the service refuses the broker (the JVM's
 * default trust store does not know the certificate) and stays disconnected, HTTP serving on; an
 * unreadable trust store is reported as the telemetry failure instead of stopping the service. Skipped,
 * with the reason printed, when {@code mosquitto} or {@code openssl} is missing.
 */
class BrokerTlsTest {

    private static final String STORE_PASSWORD = "trust-store-pass";

    @TempDir
    Path dir;

    @Test
    void connectsOverTlsOnlyToABrokerItTrusts() throws Exception {
        TestMosquitto.assumeInstalled("broker TLS test");
        TestMosquitto.assumeRuns("broker TLS test", "openssl", "version");
        Path trustStore = certificateAndTrustStore();
        int port = MqttTestSupport.freePort();
        String suffix = Long.toString(System.nanoTime(), 36);
        TestMosquitto broker = new TestMosquitto(dir, port, List.of("certfile " + dir.resolve("cert.pem"), "keyfile " + dir.resolve("key.pem"),
                "persistence false"));
        broker.start();
        try {
            try (EmbeddedServer server = service(port, "i4-tls-" + suffix, Map.of("i4.mqtt.trust-store", trustStore.toString(),
                    "i4.mqtt.trust-store-password", STORE_PASSWORD));
                 HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
                ApplicationContext context = server.getApplicationContext();
                TelemetryRuntime runtime = context.getBean(TelemetryRuntime.class);
                long machine = new TelemetryFixtures(http).machineOfNewPlant("TLS" + suffix, "TL" + suffix.substring(0, 4));
                MqttTestSupport.awaitSubscribed(runtime, "connected over TLS");

                MqttClient pub = new MqttClient("ssl://127.0.0.1:" + port, "i4-tls-pub-" + suffix, new MemoryPersistence());
                MqttConnectOptions options = new MqttConnectOptions();
                // As MqttTestSupport.publisher: Paho counts a QoS 1 publish in flight a moment past its PUBACK, so
                // back-to-back publishes can exceed the default window of 10 ("Too many publishes in progress").
                options.setMaxInflight(1000);
                options.setSocketFactory(MqttTls.socketFactory("ssl://127.0.0.1:" + port, context.getBean(MqttSettings.class)));
                pub.connect(options);
                Instant t0 = Instant.now().minusSeconds(600);
                for (int i = 0; i < 50; i++) {
                    pub.publish("i4/TLS" + suffix + "/m1/telemetry", MqttTestSupport.json(t0.plusSeconds(i).toString(), (long) i, "EXECUTE", i, 0)
                            .getBytes(StandardCharsets.UTF_8), 1, false);
                }
                pub.disconnect();
                pub.close();
                MqttTestSupport.await(Duration.ofSeconds(20), () -> MqttTestSupport.samples(context, machine) == 50,
                        "50 stored (have " + MqttTestSupport.samples(context, machine) + ")");
            }

            try (EmbeddedServer untrusting = service(port, "i4-tls-untrusting-" + suffix, Map.of())) {
                TelemetryRuntime runtime = untrusting.getApplicationContext().getBean(TelemetryRuntime.class);
                Thread.sleep(3000);
                assertFalse(runtime.connected(), "a broker certificate outside the trust store is refused");
                assertEquals(null, runtime.failure(), "not a configuration failure: the link keeps retrying");
            }

            try (EmbeddedServer misconfigured = service(port, "i4-tls-misconfigured-" + suffix, Map.of(
                    "i4.mqtt.trust-store", dir.resolve("missing.p12").toString()))) {
                TelemetryRuntime runtime = misconfigured.getApplicationContext().getBean(TelemetryRuntime.class);
                MqttTestSupport.awaitStartFinished(runtime);
                String failure = runtime.failure();
                assertTrue(failure != null && failure.contains("i4.mqtt.trust-store"), "the failure names the setting: " + failure);
                assertTrue(misconfigured.isRunning(), "HTTP keeps serving");
            }
        } finally {
            broker.stop();
        }
    }

    /** cert.pem and key.pem for 127.0.0.1, valid for two days, and trust.p12 holding the certificate. */
    private Path certificateAndTrustStore() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString());
        // mosquitto may run as the user 'mosquitto' and must read the key
        Files.setPosixFilePermissions(dir.resolve("key.pem"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path store = dir.resolve("trust.p12");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt", "-alias", "broker",
                "-file", dir.resolve("cert.pem").toString(), "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        return store;
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("tools.log").toFile()).start();
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + " failed: see " + dir.resolve("tools.log"));
    }

    private static EmbeddedServer service(int port, String clientId, Map<String, String> tls) {
        Map<String, Object> properties = new HashMap<>(Map.of("i4.mqtt.enabled", "true", "i4.mqtt.broker-url", "ssl://127.0.0.1:" + port,
                "i4.mqtt.protocol-version", "5", "i4.mqtt.client-id", clientId, "i4.telemetry.sparkplug-enabled", "false"));
        properties.putAll(tls);
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }
}
