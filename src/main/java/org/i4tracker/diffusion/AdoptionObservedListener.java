package org.i4tracker.diffusion;

import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionObserved;

/**
 * Records the adoption evidence other features publish (assessments, telemetry). Evidence naming an
 * unknown firm or technology fails the publisher's call with a 400-kind {@code DomainException}.
 */
@Singleton
class AdoptionObservedListener implements ApplicationEventListener<AdoptionObserved> {

    private final AdoptionRecorder recorder;

    AdoptionObservedListener(AdoptionRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void onApplicationEvent(AdoptionObserved event) {
        recorder.record(event);
    }
}
