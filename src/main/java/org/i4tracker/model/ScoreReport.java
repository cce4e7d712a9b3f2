package org.i4tracker.model;

import java.util.List;
import java.util.Map;

/**
 * The result of scoring one set of answers against one model version. Scores are on the model's
 * scale (0..100, or the stage number for staged models); a null score means "nothing applicable
 * was answered" and is never replaced by 0.
 *
 * @param overall        overall score, null for profile models (rule NONE) or when no dimension has a score
 * @param overallBand    band code of the overall score, or null
 * @param confidence     how well the overall score is backed
 * @param dimensions     one entry per dimension in model order
 * @param items          one entry per item in model order
 * @param lift           the items that would lift the overall score into the next band, or null
 */
public record ScoreReport(String modelId, String modelVersion, Double overall, String overallBand,
                          ConfidenceSummary confidence, List<DimensionScore> dimensions, List<ItemScore> items,
                          LiftPlan lift) {

    /** Score of one dimension with the counts of applicable, not-applicable and unanswered items. */
    public record DimensionScore(String code, String name, Double score, String band, ConfidenceSummary confidence,
                                 int applicable, int notApplicable, int unanswered) {
    }

    /**
     * One item: its 0..100 score (null when N/A or unanswered), status, the answer's confidence and,
     * unless the item is already at its best, the advice for reaching the next level.
     */
    public record ItemScore(String item, String dimension, Double score, Status status, Confidence confidence,
                            String advice) {
        public enum Status { ANSWERED, NOT_APPLICABLE, UNANSWERED }
    }

    /**
     * Confidence beside a score: the weakest level among the answers behind it, and the share of the
     * score's weight resting on each level (shares sum to 1 when the score exists).
     */
    public record ConfidenceSummary(Confidence minimum, Map<Confidence, Double> weightShare) {
    }

    /**
     * The fewest items whose improvement lifts the overall score above the current band:
     * {@code projectedScore} is the overall score once all {@code steps} are done; {@code reachable}
     * is false when even all listed improvements would not leave the current band.
     */
    public record LiftPlan(String currentBand, String nextBand, double projectedScore, boolean reachable,
                           List<LiftStep> steps) {
    }

    /** Raise {@code item} from {@code currentScore} to {@code targetScore} (both 0..100 item scores). */
    public record LiftStep(String item, String dimension, double currentScore, double targetScore, String advice) {
    }
}
