package org.i4tracker.telemetry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.i4tracker.common.AdoptionObserved;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path through the embedded broker: valid samples stored once despite redelivered
 * duplicates, every kind of bad message dead-lettered with its reason while ingest keeps running,
 * replay after registering the missing machine, the adoption event, stats and health.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedIngestTest implements TestPropertyProvider {

    private final int port = MqttTestSupport.freePort();

    @Override
    public Map<String, String> getProperties() {
        return MqttTestSupport.embeddedBroker(port, "ingest-test-");
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    AdoptionRecorder adoptions;

    private long count(String sql) {
        return MqttTestSupport.count(dataSource, sql);
    }

    private Map<?, ?> stats() {
        return http.toBlocking().retrieve("/api/v1/telemetry/stats", Map.class);
    }

    @Test
    void storesOnceDeadLettersFaultsAndReplays() throws Exception {
        var fx = new TelemetryFixtures(http);
        long firm = fx.firm("EI1");
        long plant = fx.plant("EI1-hall", firm);
        long machine = fx.machine(plant, "press1", 850);
        MqttTestSupport.await(Duration.ofSeconds(15), () -> "UP".equals(health().get("status")), "telemetry UP");

        MqttClient pub = MqttTestSupport.publisher("tcp://127.0.0.1:" + port, "pub-" + port);
        Instant t0 = Instant.now().minusSeconds(3600);
        int n = 300;
        for (int i = 0; i < n; i++) {
            MqttTestSupport.publish(pub, "i4/EI1-hall/press1/telemetry",
                    MqttTestSupport.json(t0.plusSeconds(i).toString(), (long) i, i % 50 < 40 ? "EXECUTE" : "IDLE", i * 2L, i / 10));
        }
        for (int i = 0; i < 25; i++) { // redelivered duplicates: same seq
            MqttTestSupport.publish(pub, "i4/EI1-hall/press1/telemetry",
                    MqttTestSupport.json(t0.plusSeconds(i).toString(), (long) i, "EXECUTE", i * 2L, i / 10));
        }
        byte[] random = new byte[300];
        new Random(7).nextBytes(random);
        pub.publish("i4/EI1-hall/press1/telemetry", random, 1, false);
        String ts = t0.toString();
        List<String> bad = List.of(
                "{\"ts\":\"" + ts + "\",\"state\":\"EXECUTE\",\"goodCo",
                "{\"ts\":\"" + ts + "\",\"state\":\"EXECUTE\",\"goodCount\":\"12\",\"rejectCount\":0}",
                "{\"ts\":\"" + ts + "\",\"state\":\"EXECUTE\",\"goodCount\":-5,\"rejectCount\":0}",
                MqttTestSupport.json(Instant.now().plus(Duration.ofDays(400)).toString(), 9_000L, "EXECUTE", 1, 0),
                "{\"ts\":\"" + ts + "\",\"state\":\"EXECUTE\",\"goodCount\":1,\"rejectCount\":0,\"pad\":\"" + "x".repeat(1_048_576) + "\"}");
        for (String b : bad) {
            MqttTestSupport.publish(pub, "i4/EI1-hall/press1/telemetry", b);
        }
        MqttTestSupport.publish(pub, "i4/EI1-hall/press2/telemetry", MqttTestSupport.json(ts, 1L, "EXECUTE", 1, 0));
        // ingest keeps running after the faults
        MqttTestSupport.publish(pub, "i4/EI1-hall/press1/telemetry", MqttTestSupport.json(t0.plusSeconds(n).toString(), (long) n, "EXECUTE", 2L * n, 30));

        MqttTestSupport.await(Duration.ofSeconds(60), () -> ((Number) stats().get("deadLettered")).intValue() >= 7
                && ((Number) stats().get("stored")).intValue() >= n + 1, "all messages handled");
        pub.disconnect();
        pub.close();

        assertEquals(n + 1, count(StoredSamples.countSql("machine_id = " + machine)));
        Map<?, ?> stats = stats();
        assertEquals(n + 1, ((Number) stats.get("stored")).intValue());
        assertEquals(25, ((Number) stats.get("duplicates")).intValue());
        assertEquals(7, ((Number) stats.get("deadLettered")).intValue());

        var letters = http.toBlocking().retrieve("/api/v1/telemetry/dead-letters?size=20&sort=id", Map.class);
        List<?> items = (List<?>) letters.get("items");
        List<String> reasons = items.stream().map(i -> (String) ((Map<?, ?>) i).get("reason")).toList();
        assertTrue(reasons.get(0).startsWith("payload is not JSON"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("payload is not JSON"), reasons.get(1));
        assertEquals("goodCount: must be an integer", reasons.get(2));
        assertEquals("goodCount: must not be negative", reasons.get(3));
        assertTrue(reasons.get(4).startsWith("ts: lies more than"), reasons.get(4));
        assertTrue(reasons.get(5).startsWith("payload of 1048"), reasons.get(5));
        assertEquals("plant EI1-hall has no registered machine press2", reasons.get(6));
        Map<?, ?> big = (Map<?, ?>) items.get(5);
        assertTrue(((Number) big.get("payloadSize")).intValue() > 1_048_576);

        long unknownId = ((Number) ((Map<?, ?>) items.get(6)).get("id")).longValue();
        var detail = http.toBlocking().retrieve("/api/v1/telemetry/dead-letters/" + unknownId, Map.class);
        assertTrue(((String) detail.get("payloadText")).contains("\"seq\":1"));
        long press2 = fx.machine(plant, "press2", 900);
        var replay = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/telemetry/dead-letters/" + unknownId + "/replay", ""), Map.class);
        assertEquals("STORED", replay.get("outcome"));
        assertEquals(1, count(StoredSamples.countSql("machine_id = " + press2)));

        // KPIs over the stored stream: goodCount rose from 0 to 2n, one window per minute
        var kpis = http.toBlocking().retrieve("/api/v1/machines/" + machine + "/kpis?from=" + t0 + "&to="
                + t0.plusSeconds(n + 1) + "&window=MINUTE", Map.class);
        List<?> windows = (List<?>) kpis.get("windows");
        assertEquals(2L * n, windows.stream().mapToLong(w -> ((Number) ((Map<?, ?>) w).get("goodCount")).longValue()).sum());
        var badWindow = org.junit.jupiter.api.Assertions.assertThrows(io.micronaut.http.client.exceptions.HttpClientResponseException.class,
                () -> http.toBlocking().retrieve("/api/v1/machines/" + machine + "/kpis?from=" + t0 + "&to=" + t0 + "&window=MINUTE", Map.class));
        assertEquals(400, badWindow.getStatus().getCode());

        List<AdoptionObserved> forFirm = adoptions.events.stream().filter(e -> e.firmId() == firm).toList();
        // one event per machine's first sample: press1 from live ingest, press2 from the replayed dead letter
        assertEquals(2, forFirm.size(), "one adoption event for the first telemetry of each machine");
        assertEquals("CONNECTED_MACHINES", forFirm.get(0).technologyCode());
        assertEquals(AdoptionObserved.Source.TELEMETRY, forFirm.get(0).source());
    }

    private Map<?, ?> health() {
        try {
            return http.toBlocking().retrieve("/health", Map.class);
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getResponse().getBody(Map.class).orElse(Map.of());
        }
    }
}
