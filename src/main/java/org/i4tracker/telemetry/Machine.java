package org.i4tracker.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

import java.time.Instant;

/**
 * A machine or line of a pilot plant. The code is the {@code machineCode} topic level (the
 * Sparkplug device id) and is unique within the plant; the ideal cycle time (ms per unit) is the
 * default for the performance KPI when a message does not carry its own.
 */
@MappedEntity("machine")
public record Machine(@Id @GeneratedValue @Nullable Long id,
                      Long plantId,
                      String code,
                      String name,
                      long idealCycleTimeMs,
                      @Nullable Instant firstTelemetryAt,
                      @Version @Nullable Long version) {

    public Machine {
        Check.notNull(plantId, "plantId");
        code = Plant.topicLevel(code, "code");
        name = Check.notBlank(name, "name", 200);
        Check.positive(idealCycleTimeMs, "idealCycleTimeMs");
    }
}
