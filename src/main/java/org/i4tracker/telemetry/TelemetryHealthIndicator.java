package org.i4tracker.telemetry;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code telemetry} in {@code /health}: UNKNOWN with {@code starting: true} while the runtime is still
 * starting after the server came up (Micronaut answers UNKNOWN with HTTP 200: the service serves, telemetry
 * has not yet shown whether it works); DOWN when the embedded broker could not start or the broker
 * connection is down; UP otherwise, with a {@code fallingBehind} warning when the queue fills up.
 */
@Singleton
@Requires(property = "i4.mqtt.enabled", value = "true")
class TelemetryHealthIndicator implements HealthIndicator {

    private final TelemetryRuntime runtime;
    private final TelemetryStats stats;

    TelemetryHealthIndicator(TelemetryRuntime runtime, TelemetryStats stats) {
        this.runtime = runtime;
        this.stats = stats;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        var snapshot = stats.snapshot();
        Map<String, Object> details = new LinkedHashMap<>();
        if (runtime.starting()) {
            details.put("starting", true);
            details.put("queueDepth", snapshot.queueDepth());
            return Publishers.just(HealthResult.builder("telemetry", HealthStatus.UNKNOWN).details(details).build());
        }
        details.put("brokerConnected", runtime.connected());
        details.put("embeddedBroker", runtime.embedded());
        details.put("queueDepth", snapshot.queueDepth());
        details.put("fallingBehind", snapshot.fallingBehind());
        if (runtime.failure() != null) {
            details.put("error", runtime.failure());
        }
        HealthStatus status = runtime.failure() == null && runtime.connected() ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("telemetry", status).details(details).build());
    }
}
