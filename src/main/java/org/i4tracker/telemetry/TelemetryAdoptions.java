package org.i4tracker.telemetry;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.Check;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Publishes the adoption of CONNECTED_MACHINES (source TELEMETRY) for a machine's first stored
 * sample. Live ingest and dead-letter replay both call it with {@link TelemetryStore.Outcome#firstReports()},
 * which the store's conditional update makes unique across writers and instances.
 */
@Singleton
class TelemetryAdoptions {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryAdoptions.class);

    private final ApplicationEventPublisher<AdoptionObserved> adoptions;

    TelemetryAdoptions(ApplicationEventPublisher<AdoptionObserved> adoptions) {
        this.adoptions = adoptions;
    }

    void firstReports(List<TelemetryStore.SampleRow> rows) {
        for (TelemetryStore.SampleRow row : rows) {
            var machine = row.machine();
            LOG.info("machine first telemetry machine={} firm={}", machine.machineId(), machine.firmId());
            LocalDate day = row.sample().ts().atZone(ZoneOffset.UTC).toLocalDate();
            if (day.isBefore(Check.EARLIEST_DATE)) { // a plant clock far in the past: stored, but no adoption date to learn from it
                LOG.warn("machine {} first reported with a time stamp before {}; no adoption recorded", machine.machineId(), Check.EARLIEST_DATE);
                continue;
            }
            adoptions.publishEvent(new AdoptionObserved(machine.firmId(), "CONNECTED_MACHINES", day, AdoptionObserved.Source.TELEMETRY, null,
                    "telemetry of machine " + machine.machineId() + " (plant " + machine.plantId() + ")"));
        }
    }
}
