package org.i4tracker.assessment;

import io.micronaut.core.annotation.Introspected;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A firm's validated scores on one model wave by wave, with deltas: {@code delta} = score − score of
 * the previous wave, {@code deltaFromFirst} = score − score of the first wave (T0 when present). A delta
 * is null when either score is null or there is no earlier wave.
 */
@Introspected
record FirmHistory(long firmId, String modelId, List<WaveScores> waves) {

    @Introspected
    record WaveScores(long assessmentId, String wave, LocalDate date, String modelVersion, Double overall, String overallBand,
                      Double overallDelta, Double overallDeltaFromFirst, List<DimensionDelta> dimensions) {
    }

    @Introspected
    record DimensionDelta(String code, Double score, String band, Double delta, Double deltaFromFirst) {
    }

    static FirmHistory of(long firmId, String modelId, List<AssessmentScores.FirmScore> scores) {
        List<WaveScores> waves = new ArrayList<>();
        AssessmentScores.FirmScore first = scores.isEmpty() ? null : scores.get(0);
        AssessmentScores.FirmScore previous = null;
        for (AssessmentScores.FirmScore s : scores) {
            List<DimensionDelta> dims = new ArrayList<>();
            for (var e : s.dimensions().entrySet()) {
                Double before = previous == null ? null : previous.dimensions().get(e.getKey());
                Double base = first == s ? null : first.dimensions().get(e.getKey());
                dims.add(new DimensionDelta(e.getKey(), e.getValue(), s.dimensionBands().get(e.getKey()),
                        minus(e.getValue(), before), minus(e.getValue(), base)));
            }
            waves.add(new WaveScores(s.assessmentId(), s.wave(), s.date(), s.modelVersion(), s.overall(), s.overallBand(),
                    minus(s.overall(), previous == null ? null : previous.overall()),
                    minus(s.overall(), first == s ? null : first.overall()), dims));
            previous = s;
        }
        return new FirmHistory(firmId, modelId, waves);
    }

    private static Double minus(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }
}
