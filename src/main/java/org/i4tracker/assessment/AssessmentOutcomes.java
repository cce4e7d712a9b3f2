package org.i4tracker.assessment;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.i4tracker.evaluation.OutcomeObservation;
import org.i4tracker.evaluation.OutcomeSource;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.ModelRegistry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Outcomes for programme evaluation from validated assessments of the evaluation model
 * ({@code i4.evaluation.model} / {@code i4.evaluation.model-version}, default digital-maturity
 * 1.0.0): {@code overall} or a dimension code, per firm and wave (T0 = 0, T1 = 1, …).
 */
@Singleton
class AssessmentOutcomes implements OutcomeSource {

    static final String OVERALL = "overall";

    private final AssessmentScores scores;
    private final ModelRegistry models;
    private final String modelId;
    private final String modelVersion;

    AssessmentOutcomes(AssessmentScores scores, ModelRegistry models,
                       @Value("${i4.evaluation.model:digital-maturity}") String modelId,
                       @Value("${i4.evaluation.model-version:1.0.0}") String modelVersion) {
        this.scores = scores;
        this.models = models;
        this.modelId = modelId;
        this.modelVersion = modelVersion;
    }

    @Override
    public List<String> outcomes() {
        List<String> names = new ArrayList<>();
        names.add(OVERALL);
        models.engine(modelId, modelVersion).model().dimensions().stream().map(Dimension::code).forEach(names::add);
        return names;
    }

    @Override
    public List<OutcomeObservation> observations(Collection<Long> firmIds, String outcome) {
        Set<Long> firms = new HashSet<>(firmIds);
        List<OutcomeObservation> result = new ArrayList<>();
        for (AssessmentScores.FirmScore score : scores.validatedByWave(modelId, modelVersion)) {
            if (!firms.contains(score.firmId())) {
                continue;
            }
            Double value = OVERALL.equals(outcome) ? score.overall() : score.dimensions().get(outcome);
            if (value != null) {
                result.add(new OutcomeObservation(score.firmId(), score.waveNumber(), score.date(), value));
            }
        }
        return result;
    }
}
