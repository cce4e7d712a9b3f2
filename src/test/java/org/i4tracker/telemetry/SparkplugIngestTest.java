package org.i4tracker.telemetry;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sparkplug B through the embedded broker: births and alias-only DDATA stored, gaps and unknown aliases answered with a rebirth request, DEATH marks stale. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkplugIngestTest implements TestPropertyProvider {

    private final int port = MqttTestSupport.freePort();

    @Override
    public Map<String, String> getProperties() {
        return MqttTestSupport.embeddedBroker(port, "spb-test-");
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    SparkplugHost host;

    private long count(String sql) {
        return MqttTestSupport.count(dataSource, sql);
    }

    private long deadLettered() {
        return ((Number) http.toBlocking().retrieve("/api/v1/telemetry/stats", Map.class).get("deadLettered")).longValue();
    }

    @Test
    void birthsDataGapsAliasesAndDeath() throws Exception {
        var fx = new TelemetryFixtures(http);
        long plant = fx.plant("SPB1", fx.firm("SP1"));
        long m1 = fx.machine(plant, "m1", 850);
        fx.machine(plant, "m2", 850);
        String url = "tcp://127.0.0.1:" + port;
        MqttTestSupport.await(Duration.ofSeconds(15), () -> {
            try {
                Map<?, ?> details = (Map<?, ?>) http.toBlocking().retrieve("/health", Map.class).get("details");
                return "UP".equals(((Map<?, ?>) details.get("telemetry")).get("status"));
            } catch (io.micronaut.http.client.exceptions.HttpClientResponseException notYetUp) {
                return false; // 503 while the ingest client is still connecting
            }
        }, "telemetry UP");

        List<String> commands = new CopyOnWriteArrayList<>();
        MqttClient edge = MqttTestSupport.publisher(url, "edge1-" + port);
        edge.subscribe("spBv1.0/SPB1/NCMD/edge1", 1, (topic, message) -> {
            SparkplugBPayload p = new SparkplugBPayloadDecoder().buildFromByteArray(message.getPayload(), null);
            commands.add(p.getMetrics().get(0).getName());
        });

        PlantSimulator sim = new PlantSimulator("SPB1", 2, 3);
        for (var m : sim.sparkplugBirths()) {           // seq 0 (NBIRTH), 1, 2 (DBIRTHs): two samples
            edge.publish(m.topic(), m.payload(), 1, false);
        }
        Instant t0 = Instant.now().minusSeconds(600);
        for (int i = 0; i < 20; i++) {                   // seq 3..22, alias-only DDATA
            var m = sim.sparkplugData(i % 2, t0.plusSeconds(i));
            edge.publish(m.topic(), m.payload(), 1, false);
        }
        MqttTestSupport.await(Duration.ofSeconds(30), () -> {
            return count(StoredSamples.countSql("1 = 1")) == 22;
        }, "22 Sparkplug samples");
        assertEquals(11, count(StoredSamples.countSql("machine_id = " + m1)));
        assertTrue(commands.isEmpty(), "no rebirth while the sequence is intact");

        // a gap (seq 22 -> 30): the message is kept, a rebirth is requested
        var gap = new SparkplugBPayload.SparkplugBPayloadBuilder(30L).setTimestamp(Date.from(t0.plusSeconds(100)))
                .addMetric(new Metric.MetricBuilder(2L, MetricDataType.Int64, 999L).createMetric()).createPayload();
        edge.publish("spBv1.0/SPB1/DDATA/edge1/m1", PlantSimulator.encode(gap), 1, false);
        MqttTestSupport.await(Duration.ofSeconds(20), () -> commands.contains(SparkplugHost.REBIRTH), "rebirth request after a gap");

        // an unknown alias: dead letter
        long before = deadLettered();
        var unknown = new SparkplugBPayload.SparkplugBPayloadBuilder(31L).setTimestamp(Date.from(t0.plusSeconds(101)))
                .addMetric(new Metric.MetricBuilder(77L, MetricDataType.Int64, 1L).createMetric()).createPayload();
        edge.publish("spBv1.0/SPB1/DDATA/edge1/m1", PlantSimulator.encode(unknown), 1, false);
        MqttTestSupport.await(Duration.ofSeconds(20), () -> deadLettered() == before + 1, "unknown alias dead-lettered");
        var letters = (List<?>) http.toBlocking().retrieve("/api/v1/telemetry/dead-letters?sort=id,desc", Map.class).get("items");
        assertEquals("unknown metric alias 77 for device m1", ((Map<?, ?>) letters.get(0)).get("reason"));

        // an edge node id longer than its column and a gateway clock that was never set: dead letters, and ingest goes on
        long beforeBad = deadLettered();
        var longBirth = new SparkplugBPayload.SparkplugBPayloadBuilder(0L).setTimestamp(new Date())
                .addMetric(new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, 0L).createMetric()).createPayload();
        edge.publish("spBv1.0/SPB1/NBIRTH/" + "e".repeat(200), PlantSimulator.encode(longBirth), 1, false);
        var unsetClock = new SparkplugBPayload.SparkplugBPayloadBuilder(32L).setTimestamp(Date.from(Instant.parse("1970-01-01T00:00:05Z")))
                .addMetric(new Metric.MetricBuilder(2L, MetricDataType.Int64, 1000L).createMetric()).createPayload();
        edge.publish("spBv1.0/SPB1/DDATA/edge1/m1", PlantSimulator.encode(unsetClock), 1, false);
        // a counter above 2^53 - 1 would overflow the KPI sums: a dead letter naming the metric
        var hugeCounter = new SparkplugBPayload.SparkplugBPayloadBuilder(33L).setTimestamp(Date.from(t0.plusSeconds(102)))
                .addMetric(new Metric.MetricBuilder(2L, MetricDataType.Int64, 1L << 53).createMetric()).createPayload();
        edge.publish("spBv1.0/SPB1/DDATA/edge1/m1", PlantSimulator.encode(hugeCounter), 1, false);
        // a birth under a group that is no registered plant: a dead letter, and no node state is kept for it
        long nodesBefore = count("SELECT COUNT(*) FROM sparkplug_node");
        edge.publish("spBv1.0/NOPLANT/NBIRTH/edge9", PlantSimulator.encode(longBirth), 1, false);
        MqttTestSupport.await(Duration.ofSeconds(20), () -> deadLettered() == beforeBad + 4, "all four dead-lettered");
        assertEquals(nodesBefore, count("SELECT COUNT(*) FROM sparkplug_node"));
        assertEquals(0, count("SELECT COUNT(*) FROM sparkplug_node WHERE group_id = 'NOPLANT'"));
        var bad = (List<?>) http.toBlocking().retrieve("/api/v1/telemetry/dead-letters?sort=id,desc&size=4", Map.class).get("items");
        assertEquals(List.of("group NOPLANT is no registered plant", "goodCount: must be at most 9007199254740991",
                "timestamp: lies more than PT720H in the past (i4.telemetry.max-sample-age)",
                "topic: group, edge node and device ids are 1 to 128 characters"),
                bad.stream().map(l -> ((Map<?, ?>) l).get("reason")).toList());

        // death: node offline, devices stale
        assertTrue(!host.isStale("SPB1", "edge1", "m2"));
        var death = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date())
                .addMetric(new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, 0L).createMetric()).createPayload();
        edge.publish("spBv1.0/SPB1/NDEATH/edge1", PlantSimulator.encode(death), 1, false);
        MqttTestSupport.await(Duration.ofSeconds(20), () -> host.isStale("SPB1", "edge1", "m2"), "devices stale after NDEATH");
        edge.disconnect();
        edge.close();
    }
}
