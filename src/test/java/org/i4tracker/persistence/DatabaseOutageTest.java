package org.i4tracker.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.i4tracker.telemetry.StoredSamples;
import org.i4tracker.testing.Api;
import org.i4tracker.testing.PostgresCluster;
import org.i4tracker.testing.TestAdminTokenFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21 §1: the service's PostgreSQL stops (as {@code pg_ctl stop -m fast}) while a plant streams
 * QoS 1 telemetry through the embedded broker, an import job runs and users write through the API; it
 * starts again {@code i4.test.outage-seconds} (default 10) later. During the outage API writes and
 * database reads answer 503 Problem+JSON with {@code Retry-After}, {@code /health} answers 503 with the
 * database DOWN and why, and ingest acknowledges nothing. Afterwards the pool serves again without a
 * restart of the service, every published message is stored exactly once, nothing was dead-lettered,
 * every write answered 2xx is stored, and the import ended FAILED with the outage as its reason.
 * The cluster is the test's own ({@link PostgresCluster}); skipped with a printed reason where the
 * PostgreSQL binaries are missing.
 */
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("i4.test.outage-seconds", 10));
    private static final int IMPORT_ROWS = 5000;
    private static PostgresCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = PostgresCluster.startOrSkip("database outage test");
    }

    @AfterAll
    static void removeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void serviceRidesOutAStoppedDatabase() throws Exception {
        int brokerPort = freePort();
        Map<String, Object> properties = new HashMap<>(cluster.datasourceProperties());
        properties.put("i4.mqtt.enabled", "true");
        properties.put("i4.mqtt.embedded.port", brokerPort);
        properties.put("i4.mqtt.embedded.data-path", Files.createTempDirectory("i4-outage-mqtt").toString());
        properties.put("i4.mqtt.client-id", "i4-outage-" + brokerPort);
        properties.put("i4.telemetry.sparkplug-enabled", "false");
        properties.put("i4.database.retry-after", "7s");
        // Each answer during the outage takes the pool's connection-timeout (5 s), on a machine shared with others.
        properties.put("micronaut.http.client.read-timeout", "30s");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
             HttpClient http = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            Api api = new Api(http);
            long region = api.create("/api/v1/regions", "{\"code\":\"OUT\",\"name\":\"Outage region\"}");
            long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Outage district\",\"naceCode\":\"28\"}");
            long firm = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"OF\",\"name\":\"Outage firm\","
                    + "\"naceCode\":\"28.41\",\"employees\":40}");
            long plant = api.create("/api/v1/plants", "{\"code\":\"OUTP\",\"name\":\"Outage plant\",\"firmId\":" + firm + "}");
            long machine = api.create("/api/v1/plants/" + plant + "/machines", "{\"code\":\"m1\",\"name\":\"Machine\",\"idealCycleTimeMs\":850}");
            List<String> acknowledgedRegions = new ArrayList<>(List.of("OUT"));
            // Telemetry starts after the server is up, on a thread of its own: wait for its link to the embedded broker.
            org.i4tracker.telemetry.TelemetryRuntime telemetry = server.getApplicationContext().getBean(org.i4tracker.telemetry.TelemetryRuntime.class);
            await(Duration.ofSeconds(20), telemetry::connected, "telemetry connected to the embedded broker");

            Stream stream = new Stream("tcp://127.0.0.1:" + brokerPort, "i4/OUTP/m1/telemetry");
            stream.start();
            await(Duration.ofSeconds(20), () -> count(StoredSamples.countSql("1 = 1")) > 0, "the first sample stored");

            StringBuilder csv = new StringBuilder("districtId,code,name,naceCode,employees\n");
            for (int i = 0; i < IMPORT_ROWS; i++) {
                csv.append(district).append(",IMP").append(i).append(",Imported ").append(i).append(",28.41,5\n");
            }
            String jobHref = (String) api.postCsv("/api/v1/imports/firms", csv.toString()).get("href");
            await(Duration.ofSeconds(30), () -> "RUNNING".equals(api.get(jobHref).get("status")), "the import running");

            long stoppedAt = System.nanoTime();
            cluster.stop();
            int publishedBefore = stream.published.get();
            log("database stopped; %d messages published so far", publishedBefore);

            // All at once: each waits for the pool's connection-timeout, and the outage is short.
            ExecutorService users = Executors.newFixedThreadPool(5);
            Future<Reply> write = users.submit(() -> timed("write", () -> exchange(http,
                    HttpRequest.POST("/api/v1/regions", "{\"code\":\"LOST\",\"name\":\"During outage\"}"))));
            Future<Api.Answer> read = users.submit(() -> timed("read", () -> api.exchange(HttpRequest.GET("/api/v1/regions/" + region))));
            Future<Api.Answer> search = users.submit(() -> timed("search", () -> api.exchange(HttpRequest.GET("/api/v1/firms?q=outage"))));
            Future<Api.Answer> publicHealth = users.submit(() -> timed("anonymous health",
                    () -> api.exchange(HttpRequest.GET("/health").header(TestAdminTokenFilter.ANONYMOUS, "1"))));
            Future<Api.Answer> health = users.submit(() -> timed("health", () -> api.exchange(HttpRequest.GET("/health"))));
            users.shutdown();

            Reply refused = write.get();
            assertEquals(503, refused.status(), refused::toString);
            assertEquals("7", refused.retryAfter());
            assertEquals("application/problem+json", refused.contentType());
            assertTrue(refused.body().contains("the database is unavailable"), refused::toString);
            assertEquals(503, read.get().status(), read.get()::toString);
            assertEquals(503, search.get().status(), search.get()::toString);
            assertEquals(503, publicHealth.get().status(), publicHealth.get()::toString);
            assertTrue(publicHealth.get().body().contains("\"DOWN\""), publicHealth.get()::toString);
            assertEquals(503, health.get().status(), health.get()::toString);
            assertTrue(health.get().body().contains("\"jdbc\"") && health.get().body().contains("Connection"),
                    "the reason is shown to a logged-in user: " + health.get());
            String body = health.get().body();
            log("database in /health: %s", body.substring(body.indexOf("\"jdbc\""), Math.min(body.length(), body.indexOf("\"jdbc\"") + 400)));

            long remaining = OUTAGE.toNanos() - (System.nanoTime() - stoppedAt);
            if (remaining > 0) {
                Thread.sleep(remaining / 1_000_000);
            }
            assertTrue(stream.published.get() > publishedBefore, "the plant kept publishing during the outage");
            int publishedDuring = stream.published.get() - publishedBefore;
            cluster.start();
            long startedAt = System.nanoTime();
            log("database started again after %d ms", (startedAt - stoppedAt) / 1_000_000);

            await(Duration.ofSeconds(30), () -> api.exchange(HttpRequest.POST("/api/v1/regions",
                    "{\"code\":\"BACK\",\"name\":\"After outage\"}")).status() == 201, "a write accepted again");
            acknowledgedRegions.add("BACK");
            log("first write accepted %d ms after the restart", (System.nanoTime() - startedAt) / 1_000_000);
            assertEquals(200, api.exchange(HttpRequest.GET("/health")).status());

            stream.stop();
            int published = stream.published.get();
            await(Duration.ofSeconds(60), () -> count(StoredSamples.countSql("machine_id = " + machine)) >= published,
                    published + " samples stored");
            Thread.sleep(1000); // a redelivery still on its way would show up as an extra row
            log("published %d (%d of them during the outage), stored %d", published, publishedDuring,
                    count(StoredSamples.countSql("1 = 1")));
            assertEquals(published, count(StoredSamples.countSql("machine_id = " + machine)), "each message stored once");
            assertEquals(published, distinctSeqs("machine_id = " + machine));
            assertEquals(0, count("SELECT COUNT(*) FROM telemetry_dead_letter"), "nothing dead-lettered because of the outage");

            await(Duration.ofSeconds(30), () -> !"RUNNING".equals(api.get(jobHref).get("status")), "the import to end");
            Map<String, Object> job = api.get(jobHref);
            log("import after the outage: %s %s", job.get("status"), job.get("message"));
            assertEquals("FAILED", job.get("status"));
            assertTrue(String.valueOf(job.get("message")).contains("database"), () -> "reason: " + job.get("message"));
            assertEquals(0, count("SELECT COUNT(*) FROM job WHERE status IN ('QUEUED', 'RUNNING')"), "no job left unfinished");
            for (String code : acknowledgedRegions) {
                assertEquals(1, count("SELECT COUNT(*) FROM region WHERE code = '" + code + "'"), code + " stored");
            }
        }
    }

    /** An answer, errors included, with the headers the test looks at. */
    private record Reply(int status, String retryAfter, String contentType, String body) {
    }

    private static Reply exchange(HttpClient http, MutableHttpRequest<?> request) {
        HttpResponse<?> response;
        try {
            response = http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
        }
        return new Reply(response.code(), response.getHeaders().get("Retry-After"),
                response.getContentType().map(Object::toString).orElse(null), response.getBody(String.class).orElse(""));
    }

    private static long distinctSeqs(String where) {
        try (Connection c = DriverManager.getConnection(cluster.url(), "postgres", "")) {
            return StoredSamples.distinctSeqs(c, where);
        } catch (SQLException e) {
            throw new IllegalStateException(where, e);
        }
    }

    private static long count(String sql) {
        try (Connection c = DriverManager.getConnection(cluster.url(), "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static <T> T timed(String what, java.util.function.Supplier<T> call) {
        long started = System.nanoTime();
        T result = call.get();
        log("%s during the outage answered in %d ms: %s", what, (System.nanoTime() - started) / 1_000_000, result);
        return result;
    }

    private static void log(String format, Object... args) {
        System.out.println("[outage] " + String.format(format, args));
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A plant publishing one QoS 1 reading every 10 ms; {@link #published} counts those the broker acknowledged. */
    private static final class Stream {
        final AtomicInteger published = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final MqttClient client;
        private final String topic;
        private final Thread thread;

        Stream(String url, String topic) throws Exception {
            this.topic = topic;
            client = new MqttClient(url, "i4-outage-plant", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            client.connect(options);
            thread = new Thread(this::run, "outage-plant");
        }

        void start() {
            thread.start();
        }

        private void run() {
            Instant t0 = Instant.now().minusSeconds(3600);
            try {
                for (int seq = 0; running.get(); seq++) {
                    String json = "{\"ts\":\"" + t0.plusMillis(100L * seq) + "\",\"seq\":" + seq
                            + ",\"state\":\"EXECUTE\",\"goodCount\":" + seq + ",\"rejectCount\":0}";
                    client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
                    published.incrementAndGet();
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }

        void stop() throws Exception {
            running.set(false);
            thread.join(10_000);
            client.disconnect();
            client.close();
            if (failure.get() != null) {
                throw new AssertionError("the plant could not publish", failure.get());
            }
        }
    }
}
