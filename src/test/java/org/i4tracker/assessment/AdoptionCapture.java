package org.i4tracker.assessment;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.AdoptionsObserved;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test listener that records every published adoption. */
@Singleton
class AdoptionCapture {

    final List<AdoptionObserved> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AdoptionObserved event) {
        events.add(event);
    }

    @EventListener
    void on(AdoptionsObserved batch) {
        events.addAll(batch.observations());
    }

    List<String> technologiesOf(long firmId) {
        return events.stream().filter(e -> e.firmId() == firmId).map(AdoptionObserved::technologyCode).sorted().toList();
    }
}
