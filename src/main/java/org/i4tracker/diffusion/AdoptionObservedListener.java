package org.i4tracker.diffusion;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.AdoptionsObserved;

/**
 * Records the adoption evidence other features publish (assessments, telemetry), single or in lists.
 * Evidence naming an unknown firm or technology fails the publisher's call with a 400-kind
 * {@code DomainException}; the listener runs on the publisher's thread and transaction.
 */
@Singleton
class AdoptionObservedListener {

    private final AdoptionRecorder recorder;

    AdoptionObservedListener(AdoptionRecorder recorder) {
        this.recorder = recorder;
    }

    @EventListener
    void on(AdoptionObserved event) {
        recorder.record(event);
    }

    @EventListener
    void on(AdoptionsObserved events) {
        recorder.recordAll(events.observations());
    }
}
