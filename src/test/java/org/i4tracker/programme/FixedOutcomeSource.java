package org.i4tracker.programme;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.i4tracker.evaluation.OutcomeObservation;
import org.i4tracker.evaluation.OutcomeSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real, in-memory {@link OutcomeSource} standing in for assessments in evaluation tests. */
@Singleton
@Requires(property = "test.outcome-source", value = "fixed")
@io.micronaut.context.annotation.Primary
class FixedOutcomeSource implements OutcomeSource {

    private final List<OutcomeObservation> overall = new CopyOnWriteArrayList<>();

    void put(long firmId, int wave, LocalDate on, double value) {
        overall.add(new OutcomeObservation(firmId, wave, on, value));
    }

    @Override
    public List<String> outcomes() {
        return List.of("overall", "digital_readiness");
    }

    @Override
    public List<OutcomeObservation> observations(Collection<Long> firmIds, String outcome) {
        List<OutcomeObservation> result = new ArrayList<>();
        if (outcome.equals("overall")) {
            overall.stream().filter(o -> firmIds.contains(o.firmId())).forEach(result::add);
        }
        return result;
    }
}
