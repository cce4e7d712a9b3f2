package org.i4tracker.telemetry;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionObserved;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test listener that records the adoption events telemetry publishes. */
@Singleton
class AdoptionRecorder {

    final List<AdoptionObserved> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AdoptionObserved event) {
        events.add(event);
    }
}
