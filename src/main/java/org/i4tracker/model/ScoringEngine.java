package org.i4tracker.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores answers against one model version (DESIGN.md §3). Immutable and thread-safe; build one
 * per model version with {@link #of(AssessmentModel)} and reuse it.
 *
 * <h2>Formulas</h2>
 * Item score x<sub>i</sub> ∈ [0, 100] comes from the item's scale ({@link ItemScale#score}). An item is
 * <em>applicable</em> when it is answered and not "N/A"; only applicable items enter any formula, so
 * N/A answers never count as 0 and a group without applicable items has no score (null), not 0.
 * Dimension and overall scores are on the model scale [a, b]; for mean and min rules
 * score = a + (b − a)·y/100 where y is on the item scale.
 * <ul>
 *   <li>WEIGHTED_MEAN: y = Σ w<sub>i</sub>x<sub>i</sub> / Σ w<sub>i</sub> over applicable items.</li>
 *   <li>MIN: y = min x<sub>i</sub> over applicable items (weights ignored).</li>
 *   <li>STAGED (stages 1..S, threshold τ): stage k <em>passes</em> when every applicable item of stage k has
 *       x<sub>i</sub> ≥ τ (a stage without applicable items passes vacuously); the score is the highest k that
 *       has at least one applicable item and whose stages 1..k all pass; 0 when stage 1 fails.</li>
 *   <li>Overall: MEAN = mean of the dimension scores that exist; WEIGHTED_MEAN = Σ v<sub>d</sub>s<sub>d</sub>/Σ v<sub>d</sub>
 *       with dimension weights v<sub>d</sub>; MIN = lowest dimension score; STAGED = the staged rule over all
 *       items of the model; NONE = no overall score (a profile).</li>
 * </ul>
 * Confidence: per dimension, the share of applicable item weight answered at each {@link Confidence}
 * level and the weakest level; overall shares are the dimension shares averaged with the overall rule's
 * dimension weights (equal weights except for WEIGHTED_MEAN).
 * <p>
 * The lift plan lists the fewest items that lift the overall score above the upper bound of its band:
 * for MEAN / WEIGHTED_MEAN the overall score is linear in each item score, so taking items by their gain
 * (each raised to its scale's best score) in descending order is minimal; for MIN, every dimension at or
 * below the bound is lifted the same way; for STAGED, every applicable item of the next stage with
 * applicable items, and of all stages below it, that misses τ is raised to τ. Dimensions whose rule is not
 * WEIGHTED_MEAN contribute no steps under MEAN / WEIGHTED_MEAN overall rules.
 * <p>
 * Answers to items the model does not contain are ignored here; the assessment feature rejects them
 * before they are stored.
 */
public final class ScoringEngine {

    private static final double EPS = 1e-9;

    private final AssessmentModel model;
    private final Item[][] items;
    private final int[][] stageOf;
    private final double[][] best;
    private final double span;

    private ScoringEngine(AssessmentModel model) {
        this.model = model;
        int dims = model.dimensions().size();
        this.items = new Item[dims][];
        this.stageOf = new int[dims][];
        this.best = new double[dims][];
        for (int d = 0; d < dims; d++) {
            List<Item> list = model.dimensions().get(d).items();
            items[d] = list.toArray(new Item[0]);
            stageOf[d] = new int[list.size()];
            best[d] = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                stageOf[d][i] = list.get(i).stage() == null ? 0 : model.stageNumber(list.get(i).stage());
                best[d][i] = list.get(i).scale().maxScore();
            }
        }
        this.span = (model.scaleMax() - model.scaleMin()) / 100.0;
    }

    public static ScoringEngine of(AssessmentModel model) {
        return new ScoringEngine(model);
    }

    public AssessmentModel model() {
        return model;
    }

    public ScoreReport score(Collection<Answer> answers) {
        Map<String, Answer> byItem = new HashMap<>(answers.size() * 2);
        answers.forEach(a -> byItem.put(a.item(), a));
        return score(byItem);
    }

    /** Scores answers keyed by item code. */
    public ScoreReport score(Map<String, Answer> answers) {
        int dims = items.length;
        double[][] x = new double[dims][];
        Confidence[][] conf = new Confidence[dims][];
        List<ScoreReport.ItemScore> itemScores = new ArrayList<>();
        List<ScoreReport.DimensionScore> dimensionScores = new ArrayList<>(dims);
        Double[] dimScore = new Double[dims];
        ScoreReport.ConfidenceSummary[] dimConfidence = new ScoreReport.ConfidenceSummary[dims];
        for (int d = 0; d < dims; d++) {
            Dimension dimension = model.dimensions().get(d);
            x[d] = new double[items[d].length];
            conf[d] = new Confidence[items[d].length];
            int applicable = 0;
            int notApplicable = 0;
            for (int i = 0; i < items[d].length; i++) {
                Item item = items[d][i];
                Answer answer = answers.get(item.code());
                x[d][i] = Double.NaN;
                ScoreReport.ItemScore.Status status;
                if (answer == null) {
                    status = ScoreReport.ItemScore.Status.UNANSWERED;
                } else if (answer.notApplicable()) {
                    status = ScoreReport.ItemScore.Status.NOT_APPLICABLE;
                    notApplicable++;
                } else {
                    status = ScoreReport.ItemScore.Status.ANSWERED;
                    x[d][i] = item.scale().score(answer.value());
                    conf[d][i] = answer.confidence();
                    applicable++;
                }
                boolean atBest = status == ScoreReport.ItemScore.Status.ANSWERED && x[d][i] >= best[d][i] - EPS;
                itemScores.add(new ScoreReport.ItemScore(item.code(), dimension.code(),
                        Double.isNaN(x[d][i]) ? null : x[d][i], status, answer == null ? null : answer.confidence(),
                        atBest || status == ScoreReport.ItemScore.Status.NOT_APPLICABLE ? null : item.advice()));
            }
            dimScore[d] = switch (dimension.rule()) {
                case WEIGHTED_MEAN -> weightedMean(d, x[d]);
                case MIN -> minimum(x[d]);
                case STAGED -> staged(new int[][]{stageOf[d]}, new double[][]{x[d]});
            };
            dimConfidence[d] = confidence(d, x[d], conf[d]);
            dimensionScores.add(new ScoreReport.DimensionScore(dimension.code(), dimension.name(), dimScore[d],
                    bandCode(dimScore[d]), dimConfidence[d], applicable, notApplicable,
                    items[d].length - applicable - notApplicable));
        }
        double[] factor = overallFactors(dimScore);
        Double overall = overall(dimScore, factor, x);
        return new ScoreReport(model.id(), model.version(), overall, bandCode(overall),
                overallConfidence(dimConfidence, factor), dimensionScores, itemScores, lift(overall, dimScore, factor, x));
    }

    /** Item codes with the catalogue technology each applicable answer reports as in use. */
    public Map<String, String> technologiesInUse(Map<String, Answer> answers) {
        Map<String, String> inUse = new java.util.LinkedHashMap<>();
        for (Item[] dimension : items) {
            for (Item item : dimension) {
                Answer answer = answers.get(item.code());
                if (item.technology() != null && answer != null && !answer.notApplicable()
                        && item.scale().inUse(answer.value())) {
                    inUse.put(item.code(), item.technology());
                }
            }
        }
        return inUse;
    }

    private Double weightedMean(int d, double[] x) {
        double sw = 0;
        double swx = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i])) {
                sw += items[d][i].weight();
                swx += items[d][i].weight() * x[i];
            }
        }
        return sw == 0 ? null : model.scaleMin() + span * swx / sw;
    }

    private Double minimum(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
            }
        }
        return min == Double.POSITIVE_INFINITY ? null : model.scaleMin() + span * min;
    }

    /** Staged rule over the given groups of items (stage numbers and item scores side by side). */
    private Double staged(int[][] stages, double[][] x) {
        int count = model.stages().size();
        boolean[] present = new boolean[count + 1];
        boolean[] fails = new boolean[count + 1];
        boolean any = false;
        double threshold = model.stageThreshold();
        for (int g = 0; g < x.length; g++) {
            for (int i = 0; i < x[g].length; i++) {
                if (!Double.isNaN(x[g][i])) {
                    any = true;
                    present[stages[g][i]] = true;
                    fails[stages[g][i]] |= x[g][i] < threshold - EPS;
                }
            }
        }
        if (!any) {
            return null;
        }
        int level = 0;
        for (int k = 1; k <= count && !fails[k]; k++) {
            if (present[k]) {
                level = k;
            }
        }
        return (double) level;
    }

    /** Weight of each dimension in the overall score and confidence (0 for dimensions without a score). */
    private double[] overallFactors(Double[] dimScore) {
        double[] f = new double[dimScore.length];
        double total = 0;
        for (int d = 0; d < dimScore.length; d++) {
            if (dimScore[d] != null) {
                f[d] = model.overallRule() == AssessmentModel.OverallRule.WEIGHTED_MEAN ? model.dimensions().get(d).weight() : 1;
                total += f[d];
            }
        }
        for (int d = 0; d < f.length && total > 0; d++) {
            f[d] /= total;
        }
        return f;
    }

    private Double overall(Double[] dimScore, double[] factor, double[][] x) {
        boolean any = false;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int d = 0; d < dimScore.length; d++) {
            if (dimScore[d] != null) {
                any = true;
                sum += factor[d] * dimScore[d];
                min = Math.min(min, dimScore[d]);
            }
        }
        return switch (model.overallRule()) {
            case NONE -> null;
            case STAGED -> staged(stageOf, x);
            case MIN -> any ? min : null;
            case MEAN, WEIGHTED_MEAN -> any ? sum : null;
        };
    }

    private ScoreReport.ConfidenceSummary confidence(int d, double[] x, Confidence[] conf) {
        double[] weight = new double[Confidence.values().length];
        double total = 0;
        Confidence minimum = null;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i])) {
                weight[conf[i].ordinal()] += items[d][i].weight();
                total += items[d][i].weight();
                minimum = minimum == null || conf[i].ordinal() < minimum.ordinal() ? conf[i] : minimum;
            }
        }
        return summary(minimum, weight, total);
    }

    private ScoreReport.ConfidenceSummary overallConfidence(ScoreReport.ConfidenceSummary[] dims, double[] factor) {
        double[] weight = new double[Confidence.values().length];
        double total = 0;
        Confidence minimum = null;
        for (int d = 0; d < dims.length; d++) {
            if (factor[d] > 0 && dims[d].minimum() != null) {
                for (Confidence c : Confidence.values()) {
                    weight[c.ordinal()] += factor[d] * dims[d].weightShare().get(c);
                }
                total += factor[d];
                minimum = minimum == null || dims[d].minimum().ordinal() < minimum.ordinal() ? dims[d].minimum() : minimum;
            }
        }
        return summary(minimum, weight, total);
    }

    private static ScoreReport.ConfidenceSummary summary(Confidence minimum, double[] weight, double total) {
        Map<Confidence, Double> share = new EnumMap<>(Confidence.class);
        for (Confidence c : Confidence.values()) {
            share.put(c, total == 0 ? 0.0 : weight[c.ordinal()] / total);
        }
        return new ScoreReport.ConfidenceSummary(minimum, share);
    }

    private String bandCode(Double score) {
        Band band = bandOf(score);
        return band == null ? null : band.code();
    }

    private Band bandOf(Double score) {
        return score == null ? null : model.bandOf(score - EPS);
    }

    private ScoreReport.LiftPlan lift(Double overall, Double[] dimScore, double[] factor, double[][] x) {
        if (overall == null || model.bands().isEmpty()) {
            return null;
        }
        if (model.overallRule() == AssessmentModel.OverallRule.STAGED) {
            return stagedLift(overall.intValue(), x);
        }
        Band current = bandOf(overall);
        int index = model.bands().indexOf(current);
        if (index == model.bands().size() - 1) {
            return null;
        }
        double bound = current.upTo();
        Band next = model.bands().get(index + 1);
        List<Candidate> steps = new ArrayList<>();
        double projected;
        if (model.overallRule() == AssessmentModel.OverallRule.MIN) {
            projected = Double.POSITIVE_INFINITY;
            for (int d = 0; d < dimScore.length; d++) {
                if (dimScore[d] == null) {
                    continue;
                }
                double lifted = dimScore[d] > bound + EPS ? dimScore[d] : liftDimension(d, x[d], dimScore[d], bound, 1.0, steps);
                projected = Math.min(projected, lifted);
            }
        } else {
            List<Candidate> candidates = new ArrayList<>();
            for (int d = 0; d < dimScore.length; d++) {
                if (dimScore[d] != null && model.dimensions().get(d).rule() == Dimension.DimensionRule.WEIGHTED_MEAN) {
                    addMeanCandidates(d, x[d], factor[d], candidates);
                }
            }
            projected = takeUntil(candidates, overall, bound, steps);
        }
        return plan(current, next, projected, projected > bound + EPS, steps);
    }

    /** Lifts one dimension above {@code bound}; returns its projected score. */
    private double liftDimension(int d, double[] x, double score, double bound, double factor, List<Candidate> steps) {
        if (model.dimensions().get(d).rule() == Dimension.DimensionRule.MIN) {
            double projected = Double.POSITIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(x[i])) {
                    continue;
                }
                double top = best[d][i];
                double itemOnScale = model.scaleMin() + span * x[i];
                if (itemOnScale <= bound + EPS && x[i] < top) {
                    steps.add(new Candidate(d, i, x[i], top, 0));
                    projected = Math.min(projected, model.scaleMin() + span * top);
                } else {
                    projected = Math.min(projected, itemOnScale);
                }
            }
            return projected;
        }
        List<Candidate> candidates = new ArrayList<>();
        addMeanCandidates(d, x, factor, candidates);
        return takeUntil(candidates, score, bound, steps);
    }

    private void addMeanCandidates(int d, double[] x, double factor, List<Candidate> out) {
        double sw = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i])) {
                sw += items[d][i].weight();
            }
        }
        for (int i = 0; i < x.length; i++) {
            double top = best[d][i];
            if (!Double.isNaN(x[i]) && x[i] < top - EPS) {
                out.add(new Candidate(d, i, x[i], top, factor * span * items[d][i].weight() * (top - x[i]) / sw));
            }
        }
    }

    /** Greedy by gain, largest first (ties keep model order), until the score passes the bound. */
    private static double takeUntil(List<Candidate> candidates, double score, double bound, List<Candidate> steps) {
        double projected = score;
        boolean[] taken = new boolean[candidates.size()];
        while (projected <= bound + EPS) {
            int pick = -1;
            for (int k = 0; k < taken.length; k++) {
                if (!taken[k] && (pick < 0 || candidates.get(k).gain() > candidates.get(pick).gain())) {
                    pick = k;
                }
            }
            if (pick < 0) {
                break;
            }
            taken[pick] = true;
            steps.add(candidates.get(pick));
            projected += candidates.get(pick).gain();
        }
        return projected;
    }

    private ScoreReport.LiftPlan stagedLift(int level, double[][] x) {
        int target = 0;
        for (int k = level + 1; k <= model.stages().size() && target == 0; k++) {
            for (int d = 0; d < x.length && target == 0; d++) {
                for (int i = 0; i < x[d].length; i++) {
                    if (stageOf[d][i] == k && !Double.isNaN(x[d][i])) {
                        target = k;
                        break;
                    }
                }
            }
        }
        if (target == 0) {
            return null;
        }
        double threshold = model.stageThreshold();
        List<Candidate> steps = new ArrayList<>();
        for (int d = 0; d < x.length; d++) {
            for (int i = 0; i < x[d].length; i++) {
                if (stageOf[d][i] <= target && !Double.isNaN(x[d][i]) && x[d][i] < threshold - EPS) {
                    steps.add(new Candidate(d, i, x[d][i], threshold, 0));
                }
            }
        }
        steps.sort(Comparator.comparingInt((Candidate c) -> stageOf[c.dimension()][c.item()]));
        return plan(bandOf((double) level), bandOf((double) target), target, true, steps);
    }

    private ScoreReport.LiftPlan plan(Band current, Band next, double projected, boolean reachable, List<Candidate> steps) {
        return new ScoreReport.LiftPlan(current == null ? null : current.code(), next == null ? null : next.code(), projected,
                reachable, steps.stream().map(c -> {
                    Item item = items[c.dimension()][c.item()];
                    return new ScoreReport.LiftStep(item.code(), model.dimensions().get(c.dimension()).code(),
                            c.current(), c.target(), item.advice());
                }).toList());
    }

    private record Candidate(int dimension, int item, double current, double target, double gain) {
    }
}
