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

    /** The days of waves T0, T1, T2 that {@link #putWaves} observes on. */
    static final LocalDate[] WAVES = {LocalDate.of(2024, 1, 15), LocalDate.of(2024, 7, 15), LocalDate.of(2025, 1, 15)};

    void put(long firmId, int wave, LocalDate on, double value) {
        overall.add(new OutcomeObservation(firmId, wave, on, value));
    }

    /** The firm's overall score in waves 0, 1, … on the days of {@link #WAVES}. */
    void putWaves(long firmId, double... values) {
        for (int w = 0; w < values.length; w++) {
            put(firmId, w, WAVES[w], values[w]);
        }
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
