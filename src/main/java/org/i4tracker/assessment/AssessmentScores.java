package org.i4tracker.assessment;

import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only access to validated scores for other features (benchmark reports, programme
 * evaluation). Only current assessments count: a validated assessment later corrected by a
 * validated revision is replaced by that revision. Scores are on the model's scale; a null
 * dimension score means the firm answered nothing applicable in that dimension.
 */
@Singleton
public class AssessmentScores {

    /**
     * Validated scores of one firm in one wave.
     *
     * @param dimensions      score per dimension code, in model order (null = no applicable answer)
     * @param dimensionBands  band code per dimension code (null when the score is null)
     */
    public record FirmScore(long firmId, long assessmentId, String modelId, String modelVersion, String wave, int waveNumber,
                            LocalDate date, Double overall, String overallBand, Map<String, Double> dimensions,
                            Map<String, String> dimensionBands) {
    }

    private final AssessmentRepository assessments;

    AssessmentScores(AssessmentRepository assessments) {
        this.assessments = assessments;
    }

    /** Every current validated assessment of a model version, ordered by firm and wave. */
    public List<FirmScore> validatedByWave(String modelId, String modelVersion) {
        return withScores(assessments.findValidated(modelId, modelVersion));
    }

    /** Per firm, its latest (highest-wave) current validated assessment of a model version. */
    public List<FirmScore> latestValidated(String modelId, String modelVersion) {
        Map<Long, FirmScore> latest = new LinkedHashMap<>();
        validatedByWave(modelId, modelVersion).forEach(s -> latest.put(s.firmId(), s)); // ordered by wave: the last one wins
        return List.copyOf(latest.values());
    }

    /** A firm's current validated assessments of a model (any version), ordered by wave. */
    public List<FirmScore> firmHistory(long firmId, String modelId) {
        return withScores(assessments.findByFirmIdAndModelIdAndStatusAndSupersededByIsNullOrderByWaveNumberAsc(
                firmId, modelId, AssessmentStatus.VALIDATED));
    }

    private List<FirmScore> withScores(List<Assessment> list) {
        List<FirmScore> result = new ArrayList<>(list.size());
        for (Assessment a : list) {
            Map<String, Double> dims = new LinkedHashMap<>();
            Map<String, String> bands = new LinkedHashMap<>();
            a.frozenScores().forEach(s -> {
                dims.put(s.dimension(), s.score());
                bands.put(s.dimension(), s.band());
            });
            result.add(new FirmScore(a.firmId(), a.id(), a.modelId(), a.modelVersion(), a.wave(), a.waveNumber(), a.assessedOn(),
                    a.overallScore(), a.overallBand(), dims, bands));
        }
        return result;
    }
}
