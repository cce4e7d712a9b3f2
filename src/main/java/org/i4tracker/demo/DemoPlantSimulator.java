package org.i4tracker.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.i4tracker.telemetry.PlantRegistration;
import org.i4tracker.telemetry.PlantSimulator;
import org.i4tracker.telemetry.TelemetryRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Demo mode: runs the {@link PlantSimulator} in-process against the embedded broker so that the
 * first start shows live data: JSON telemetry of {@link DemoPlantStep#PLANT} m1..m3 at
 * {@code i4.demo.simulator.rate} messages per second over all machines (default 1). It publishes
 * through the service's own MQTT link, only while the link is connected, only on the embedded
 * broker (never into an external plant network) and only while the demo plant is registered.
 * Off with {@code i4.demo.simulator.enabled=false}; tests keep the demo off.
 */
@Singleton
@Requires(property = "i4.mqtt.enabled", value = "true")
@Requires(property = "i4.demo.enabled", value = "true")
@Requires(property = "i4.demo.simulator.enabled", notEquals = "false")
class DemoPlantSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPlantSimulator.class);

    private final TelemetryRuntime runtime;
    private final PlantRegistration plants;
    private final double rate;
    // seq continues from the clock: after a restart the demo's samples lie above the ones it stored before, which
    // exactly-once by seq would otherwise drop as duplicates until the counter caught up
    private final PlantSimulator simulator = new PlantSimulator(DemoPlantStep.PLANT, DemoPlantStep.MACHINES, 1, System.currentTimeMillis());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-plant-simulator");
        t.setDaemon(true);
        return t;
    });
    private long sent;
    private boolean announced;

    DemoPlantSimulator(TelemetryRuntime runtime, PlantRegistration plants, @Value("${i4.demo.simulator.rate:1}") double rate) {
        this.runtime = runtime;
        this.plants = plants;
        this.rate = Math.min(Math.max(rate, 0.01), 1000);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        long periodMicros = (long) (1_000_000 / rate);
        timer.scheduleAtFixedRate(this::tick, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void tick() {
        try {
            if (!runtime.embedded() || !runtime.connected()
                    || !plants.hasMachine(DemoPlantStep.PLANT, "m" + DemoPlantStep.MACHINES)) {
                return;
            }
            if (!announced) {
                announced = true;
                LOG.info("demo plant simulator started plant={} machines={} rate={}/s", DemoPlantStep.PLANT, DemoPlantStep.MACHINES, rate);
            }
            PlantSimulator.Message m = simulator.json((int) (sent % DemoPlantStep.MACHINES), Instant.now());
            if (runtime.publish(m.topic(), m.payload())) {
                sent++;
            }
        } catch (RuntimeException e) {
            LOG.warn("demo plant simulator tick failed: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
