package org.i4tracker.benchmark;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmPeerAttributes;
import org.i4tracker.assessment.ValidatedScores;
import org.i4tracker.district.DistrictRegions;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of {@link PeerInputs} (only with {@code test.peer-inputs.gated=true}): a full read of every validated
 * assessment waits until the test opens the gate, so that a test can observe what readers are served while the full
 * read has not finished, without relying on timing.
 */
@Singleton
@Replaces(PeerInputs.class)
@Requires(property = "test.peer-inputs.gated", value = "true")
class GatedPeerInputs extends PeerInputs {

    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    GatedPeerInputs(ValidatedScores scores, FirmPeerAttributes firms, DistrictRegions districts) {
        super(scores, firms, districts);
    }

    @Override
    List<ScoredAssessment> latestValidated(String modelId, String version) {
        waiting.incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("full read interrupted at the gate", e);
        } finally {
            waiting.decrementAndGet();
        }
        return super.latestValidated(modelId, version);
    }

    /** Full reads waiting at the closed gate. */
    int waiting() {
        return waiting.get();
    }

    void open() {
        gate.countDown();
    }
}
