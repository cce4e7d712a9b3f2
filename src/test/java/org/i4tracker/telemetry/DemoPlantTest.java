package org.i4tracker.telemetry;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Demo mode with telemetry on: the demo data gets plant DEMO-PLANT of a footwear-district firm run
 * with that district's RTI, and the in-process simulator streams its machines m1..m3 through the
 * embedded broker into stored samples.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPlantTest implements TestPropertyProvider {

    private final int port = MqttTestSupport.freePort();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(MqttTestSupport.embeddedBroker(port, "demo-test-"));
        p.put("i4.demo.enabled", "true");
        p.put("i4.demo.simulator.rate", "30");
        return p;
    }

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource pooled;
    @Inject
    io.micronaut.jdbc.DataSourceResolver resolver;

    @Test
    void demoPlantStreamsLiveData() throws Exception {
        DataSource ds = resolver.resolve(pooled);
        Map<?, ?> plants = http.toBlocking().retrieve("/api/v1/plants?size=50", Map.class);
        List<?> items = (List<?>) plants.get("items");
        Map<?, ?> plant = items.stream().map(i -> (Map<?, ?>) i).filter(i -> "DEMO-PLANT".equals(i.get("code"))).findFirst().orElseThrow();
        long firmId = ((Number) plant.get("firmId")).longValue();
        long rtiId = ((Number) plant.get("rtiId")).longValue();
        Map<?, ?> firm = http.toBlocking().retrieve("/api/v1/firms/" + firmId, Map.class);
        long districtId = ((Number) firm.get("districtId")).longValue();
        Map<?, ?> district = http.toBlocking().retrieve("/api/v1/districts/" + districtId, Map.class);
        assertEquals("15.20", district.get("naceCode"));
        assertEquals(1, MqttTestSupport.count(ds, "SELECT COUNT(*) FROM institution WHERE id = " + rtiId
                + " AND kind = 'RTI' AND district_id = " + districtId), "the plant's RTI is the footwear district's RTI");
        long plantId = ((Number) plant.get("id")).longValue();
        assertEquals(3, MqttTestSupport.count(ds, "SELECT COUNT(*) FROM machine WHERE plant_id = " + plantId
                + " AND code IN ('m1', 'm2', 'm3')"));

        MqttTestSupport.await(Duration.ofSeconds(60), () -> MqttTestSupport.count(ds, "SELECT COUNT(DISTINCT s.machine_id) FROM"
                + " telemetry_chunk s JOIN machine m ON m.id = s.machine_id WHERE m.plant_id = " + plantId) == 3,
                "samples of m1, m2 and m3 stored");
        assertEquals(0, MqttTestSupport.count(ds, "SELECT COUNT(*) FROM telemetry_dead_letter"), "the simulator's messages are all valid");
        // its seq continues from the clock (ms), so a restarted demo stores above what it sent before instead of duplicates
        long started = System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
        assertEquals(3, MqttTestSupport.count(ds, "SELECT COUNT(*) FROM telemetry_chunk_head h JOIN machine m ON m.id = h.machine_id"
                + " WHERE m.plant_id = " + plantId + " AND h.max_seq > " + started));
        assertTrue(MqttTestSupport.count(ds, "SELECT COUNT(*) FROM machine WHERE plant_id = " + plantId
                + " AND first_telemetry_at IS NOT NULL") == 3);
    }
}
