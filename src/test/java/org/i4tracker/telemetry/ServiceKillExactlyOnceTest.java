package org.i4tracker.telemetry;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.flywaydb.core.Flyway;
import org.i4tracker.testing.H2File;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real crash during a stream: the service runs as a separate JVM on an H2 file database, ingesting
 * from the Mosquitto at 127.0.0.1:1883 with a fixed client id and a persistent session (MQTT 5, QoS 1).
 * 2 000 messages with distinct (machine, seq) are published; after 1 000 the service is killed with
 * SIGKILL ({@link Process#destroyForcibly()}: no shutdown hook, no final commit, whatever the JVM held
 * in memory is gone), 600 more are published while it is down, the service is started again on the
 * same database and the last 400 follow. Afterwards the database must hold every message exactly once.
 * The service is killed again at the end, so what is counted is what reached the file, not what a clean
 * shutdown flushed.
 * <p>
 * This proves that nothing is acknowledged before it is durable: an acknowledged message the broker
 * will never send again must already be in the file when the process dies. Messages that were
 * delivered but not yet acknowledged are redelivered on the persistent session and skipped as
 * duplicates if their batch had committed. The publisher is paced (~400 msg/s) and at most 600
 * messages are published during the outage because the machine's Mosquitto runs with Debian's
 * defaults (20 in flight, 1 000 queued per client): beyond that the broker itself discards QoS 1
 * messages (see the broker settings in docs/telemetry.md). Skipped, with the reason, when no broker listens there.
 */
class ServiceKillExactlyOnceTest {

    private static final int MACHINES = 4;
    private static final int TOTAL = 2000;
    private static final int KILL_AT = 1000;
    private static final int RESTART_AT = 1600;

    private final String suffix = Long.toString(System.nanoTime(), 36).toUpperCase();
    private final String plant = "KILL" + suffix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private Path dir;

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void everyMessageStoredOnceAcrossAServiceKill() throws Exception {
        Assumptions.assumeTrue(MqttTestSupport.reachable("127.0.0.1", 1883),
                "skipped: no MQTT broker at 127.0.0.1:1883 (start Mosquitto to run this test)");
        dir = Files.createTempDirectory("i4-kill");
        // The default URL's options. Without AUTO_COMPACT_FILL_RATE=0 this test found H2 files that could
        // not be reopened after the kill ("Double mark"; see storage.H2Settings).
        String url = "jdbc:h2:file:" + dir.resolve("i4tracker") + H2File.DEFAULT_OPTIONS;
        registerPlant(url);
        long began = System.nanoTime();

        int port = MqttTestSupport.freePort();
        Process service = startService(url, port, "first");
        awaitUp(service, port);

        MqttClient pub = MqttTestSupport.publisher("tcp://127.0.0.1:1883", "i4-kill-pub-" + suffix);
        Instant t0 = Instant.now().minusSeconds(7200);
        for (int i = 0; i < TOTAL; i++) {
            if (i == KILL_AT) {
                service.destroyForcibly().waitFor();
                System.out.printf("ServiceKillExactlyOnceTest: killed the service after %d published, %d in the file%n",
                        i, count(url, StoredSamples.countSql("1 = 1")));
            }
            if (i == RESTART_AT) {
                service = startService(url, port, "second");
                awaitUp(service, port);
            }
            int machine = i % MACHINES + 1;
            long seq = i / MACHINES;
            MqttTestSupport.publish(pub, "i4/" + plant + "/m" + machine + "/telemetry",
                    MqttTestSupport.json(t0.plusSeconds(seq).toString(), seq, "EXECUTE", seq, 0));
            Thread.sleep(2);
        }
        pub.disconnect();
        pub.close();

        Process second = service;
        MqttTestSupport.await(Duration.ofSeconds(30), () -> handledQuietly(second, port),
                "the restarted service to go quiet after the stream");
        second.destroyForcibly().waitFor();

        long stored = count(url, StoredSamples.countSql("1 = 1"));
        long distinct;
        long inRange;
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            distinct = StoredSamples.distinctSeqs(c, "1 = 1");
            inRange = StoredSamples.decoded(c, "1 = 1").stream()
                    .filter(s -> s.sample().seq() != null && s.sample().seq() >= 0 && s.sample().seq() < TOTAL / MACHINES).count();
        }
        System.out.printf("ServiceKillExactlyOnceTest: published %d, stored %d (distinct %d) in %.1f s%n",
                TOTAL, stored, distinct, (System.nanoTime() - began) / 1e9);
        assertEquals(TOTAL, stored, "samples stored after the kill and restart; service log: " + dir.resolve("second.log"));
        assertEquals(TOTAL, distinct, "distinct (machine, seq) pairs");
        assertEquals(TOTAL, inRange, "samples with a published seq");
    }

    /** Schema through the service's own Flyway migrations, then the plant and machines with plain SQL, before any start. */
    private void registerPlant(String url) throws Exception {
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); var st = c.createStatement()) {
            st.execute("INSERT INTO region (code, name) VALUES ('" + plant + "', 'Kill region')");
            st.execute("INSERT INTO district (region_id, name, nace_code) SELECT id, 'Kill', '28' FROM region WHERE code = '" + plant + "'");
            st.execute("INSERT INTO firm (district_id, code, name, nace_code, employees) SELECT id, '" + plant
                    + "', 'Kill firm', '28.41', 40 FROM district WHERE name = 'Kill'");
            st.execute("INSERT INTO plant (code, name, firm_id) SELECT '" + plant + "', 'Kill plant', id FROM firm WHERE code = '" + plant + "'");
            for (int m = 1; m <= MACHINES; m++) {
                st.execute("INSERT INTO machine (plant_id, code, name, ideal_cycle_time_ms) SELECT id, 'm" + m + "', 'm" + m
                        + "', 850 FROM plant WHERE code = '" + plant + "'");
            }
        }
    }

    /** The application's main class in its own JVM with this test's classpath, telemetry on, demo data off. */
    private Process startService(String url, int port, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx512m",
                "-Dmicronaut.server.port=" + port,
                "-Ddatasources.default.url=" + url,
                "-Di4.data-dir=" + dir,
                "-Di4.demo.enabled=false",
                "-Di4.telemetry.maintenance.enabled=false",
                "-Di4.mqtt.enabled=true",
                "-Di4.mqtt.broker-url=tcp://127.0.0.1:1883",
                "-Di4.mqtt.client-id=i4-kill-" + suffix,
                "-Di4.mqtt.topics=i4/" + plant + "/+/telemetry",
                "-Di4.telemetry.sparkplug-enabled=false",
                "-cp", System.getProperty("java.class.path"),
                "org.i4tracker.Application"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        started.add(p);
        return p;
    }

    /** Waits for the anonymous health status UP (telemetry connected), then for the subscription to be in place. */
    private void awaitUp(Process p, int port) throws Exception {
        // a cold JVM start takes 6 s on a quiet 2-core machine and several times that while other builds run on it
        MqttTestSupport.await(Duration.ofSeconds(90), () -> {
            if (!p.isAlive()) {
                throw new AssertionError("service exited with " + p.exitValue() + ", log in " + dir);
            }
            return get(port, "/health").contains("\"status\":\"UP\"");
        }, "the service to report UP");
        Thread.sleep(500);
    }

    private long lastHandled = -1;
    private long quietSince;

    /** True once the counters of the restarted service (stored + duplicates) have not moved for 2 s and its queue is empty. */
    private boolean handledQuietly(Process p, int port) {
        if (!p.isAlive()) {
            throw new AssertionError("restarted service exited with " + p.exitValue());
        }
        String metrics = get(port, "/prometheus");
        long handled = metric(metrics, "i4_telemetry_stored_total") + metric(metrics, "i4_telemetry_duplicates_total");
        long now = System.nanoTime();
        if (handled != lastHandled || metric(metrics, "i4_telemetry_queue_depth") != 0) {
            lastHandled = handled;
            quietSince = now;
            return false;
        }
        return now - quietSince > 2_000_000_000L;
    }

    private static long metric(String prometheus, String name) {
        return prometheus.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private String get(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
