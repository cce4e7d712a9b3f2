package org.i4tracker.model;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.i4tracker.model.Dimension.DimensionRule.MIN;
import static org.i4tracker.model.Dimension.DimensionRule.STAGED;
import static org.i4tracker.model.Dimension.DimensionRule.WEIGHTED_MEAN;
import static org.i4tracker.model.Models.LIKERT;
import static org.i4tracker.model.Models.SCALE_10;
import static org.i4tracker.model.Models.TECH;
import static org.i4tracker.model.Models.YES_NO;
import static org.i4tracker.model.Models.answers;
import static org.i4tracker.model.Models.dim;
import static org.i4tracker.model.Models.item;
import static org.i4tracker.model.Models.model;
import static org.i4tracker.model.Models.staged;
import static org.i4tracker.model.Models.stagedModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-computed cases for every rule and edge case of {@link ScoringEngine}; the arithmetic is in
 * the comments. Source of every expected value: the formulas in the ScoringEngine javadoc worked by
 * hand. Tolerance 1e-9 (only sums and divisions of exact binary fractions or thirds are involved).
 */
class ScoringEngineTest {

    private static final double TOL = 1e-9;

    private final Dimension threeScales = dim("D1", WEIGHTED_MEAN, 1,
            item("A", LIKERT, 2), item("B", YES_NO, 1), item("C", SCALE_10, 1));

    @Test
    void itemScalesMapToZeroToHundred() {
        assertEquals(0, LIKERT.score(new AnswerValue.Points(1)), TOL);   // (1-1)*25
        assertEquals(50, LIKERT.score(new AnswerValue.Points(3)), TOL);  // (3-1)*25
        assertEquals(100, LIKERT.score(new AnswerValue.Points(5)), TOL); // (5-1)*25
        assertEquals(70, SCALE_10.score(new AnswerValue.Points(7)), TOL); // 7*10
        assertEquals(100, YES_NO.score(new AnswerValue.YesNo(true)), TOL);
        assertEquals(0, YES_NO.score(new AnswerValue.YesNo(false)), TOL);
        assertEquals(60, TECH.score(new AnswerValue.Option("PILOT")), TOL); // option's own score
    }

    @Test
    void weightedMeanOfItemScores() {
        // A: Likert 4 -> 75, weight 2; B: yes -> 100, weight 1; C: 3/10 -> 30, weight 1
        // (2*75 + 100 + 30) / (2+1+1) = 280 / 4 = 70
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales)).score(answers("A", 4, "B", true, "C", 3));
        assertEquals(70, r.dimensions().get(0).score(), TOL);
        assertEquals("MODERATELY_ADVANCED", r.dimensions().get(0).band()); // 50 < 70 <= 75
        assertEquals(70, r.overall(), TOL);
    }

    @Test
    void notApplicableIsLeftOutOfTheDenominator() {
        // B is N/A: (2*75 + 30) / (2+1) = 180 / 3 = 60, not (150+0+30)/4 = 45
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales)).score(answers("A", 4, "B", null, "C", 3));
        assertEquals(60, r.dimensions().get(0).score(), TOL);
        assertEquals(2, r.dimensions().get(0).applicable());
        assertEquals(1, r.dimensions().get(0).notApplicable());
        assertEquals(ScoreReport.ItemScore.Status.NOT_APPLICABLE, r.items().get(1).status());
        assertNull(r.items().get(1).score());
    }

    @Test
    void allNotApplicableGivesNoScoreNotZero() {
        Dimension other = dim("D2", WEIGHTED_MEAN, 1, item("X", LIKERT, 1));
        // D1 all N/A -> null; overall = mean of the dimensions that exist = D2 = Likert 2 -> 25
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales, other))
                .score(answers("A", null, "B", null, "C", null, "X", 2));
        assertNull(r.dimensions().get(0).score());
        assertNull(r.dimensions().get(0).band());
        assertNull(r.dimensions().get(0).confidence().minimum());
        assertEquals(25, r.overall(), TOL);
        assertEquals("BASIC", r.overallBand());

        ScoreReport none = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales)).score(answers("A", null, "B", null, "C", null));
        assertNull(none.overall());
        assertNull(none.overallBand());
        assertNull(none.lift());
        ScoreReport empty = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales)).score(Map.of());
        assertNull(empty.overall());
        assertEquals(3, empty.dimensions().get(0).unanswered());
    }

    @Test
    void minRuleTakesTheLowestApplicableItem() {
        Dimension d = dim("D1", MIN, 1, item("A", LIKERT, 2), item("B", YES_NO, 1), item("C", SCALE_10, 1));
        // min(75, 100, 30) = 30 (weights ignored); with C N/A: min(75, 100) = 75
        ScoringEngine engine = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, d));
        assertEquals(30, engine.score(answers("A", 4, "B", true, "C", 3)).dimensions().get(0).score(), TOL);
        assertEquals(75, engine.score(answers("A", 4, "B", true, "C", null)).dimensions().get(0).score(), TOL);
    }

    @Test
    void overallRules() {
        Dimension d1 = dim("D1", WEIGHTED_MEAN, 3, item("A", SCALE_10, 1));
        Dimension d2 = dim("D2", WEIGHTED_MEAN, 1, item("B", SCALE_10, 1));
        Map<String, Answer> a = answers("A", 7, "B", 4); // D1 = 70, D2 = 40
        // MEAN: (70 + 40) / 2 = 55
        assertEquals(55, ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, d1, d2)).score(a).overall(), TOL);
        // WEIGHTED_MEAN: (3*70 + 1*40) / 4 = 250 / 4 = 62.5
        assertEquals(62.5, ScoringEngine.of(model(AssessmentModel.OverallRule.WEIGHTED_MEAN, d1, d2)).score(a).overall(), TOL);
        // MIN: min(70, 40) = 40
        assertEquals(40, ScoringEngine.of(model(AssessmentModel.OverallRule.MIN, d1, d2)).score(a).overall(), TOL);
        // NONE: a profile, no overall score, but dimension scores are there
        ScoreReport profile = ScoringEngine.of(model(AssessmentModel.OverallRule.NONE, d1, d2)).score(a);
        assertNull(profile.overall());
        assertEquals(40, profile.dimensions().get(1).score(), TOL);
        assertNull(profile.lift());
    }

    @Test
    void bandsIncludeTheirUpperBound() {
        AssessmentModel m = model(AssessmentModel.OverallRule.MEAN, threeScales);
        assertEquals("BASIC", m.bandOf(0.0).code());
        assertEquals("BASIC", m.bandOf(25.0).code());
        assertEquals("AVERAGE", m.bandOf(25.5).code());
        assertEquals("AVERAGE", m.bandOf(50.0).code());
        assertEquals("MODERATELY_ADVANCED", m.bandOf(51.0).code());
        assertEquals("ADVANCED", m.bandOf(76.0).code());
        assertEquals("ADVANCED", m.bandOf(100.0).code());
        Dimension thirds = dim("D1", WEIGHTED_MEAN, 1, item("A", SCALE_10, 1), item("B", SCALE_10, 1), item("C", SCALE_10, 1));
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, thirds)).score(answers("A", 1, "B", 2, "C", 4));
        // (10 + 20 + 40) / 3 = 23.333... -> BASIC
        assertEquals(70.0 / 3, r.overall(), TOL);
        assertEquals("BASIC", r.overallBand());
    }

    @Test
    void stagedRuleIsTheHighestStageWhoseItemsAndAllBelowPass() {
        Dimension area = dim("AREA", STAGED, 1, staged("P1", "S1"), staged("Q1", "S1"), staged("P2", "S2"),
                staged("Q2", "S2"), staged("P3", "S3"));
        ScoringEngine engine = ScoringEngine.of(stagedModel(area));
        // S1: 100, 75 pass (>= 75); S2: 75, 50 -> 50 < 75 fails; S3 passes but S2 blocks -> stage 1
        ScoreReport r = engine.score(answers("P1", 5, "Q1", 4, "P2", 4, "Q2", 3, "P3", 5));
        assertEquals(1, r.dimensions().get(0).score(), TOL);
        assertEquals(1, r.overall(), TOL);
        assertEquals("S1", r.overallBand());
        // all pass -> 3
        assertEquals(3, engine.score(answers("P1", 4, "Q1", 4, "P2", 4, "Q2", 4, "P3", 4)).overall(), TOL);
        // S1 fails (Likert 3 = 50) -> 0, band NONE
        ScoreReport zero = engine.score(answers("P1", 3, "Q1", 5, "P2", 5, "Q2", 5, "P3", 5));
        assertEquals(0, zero.overall(), TOL);
        assertEquals("NONE", zero.overallBand());
        // S2 entirely N/A passes vacuously: S1 pass, S3 pass -> 3
        assertEquals(3, engine.score(answers("P1", 4, "Q1", 4, "P2", null, "Q2", null, "P3", 5)).overall(), TOL);
        // the top stages N/A do not count as reached: S1 pass, S2 and S3 N/A -> 1
        assertEquals(1, engine.score(answers("P1", 4, "Q1", 4, "P2", null, "Q2", null, "P3", null)).overall(), TOL);
        // everything N/A -> no score
        assertNull(engine.score(answers("P1", null, "Q1", null, "P2", null, "Q2", null, "P3", null)).overall());
    }

    @Test
    void stagedOverallIsTheMinRuleAcrossAreas() {
        Dimension resources = dim("RES", STAGED, 1, staged("R1", "S1"), staged("R2", "S2"), staged("R3", "S3"));
        Dimension culture = dim("CUL", STAGED, 1, staged("C1", "S1"), staged("C2", "S2"), staged("C3", "S3"));
        // resources reach S3 (all 4s); culture fails S2 (Likert 2 = 25) -> culture 1, overall min -> 1
        ScoreReport r = ScoringEngine.of(stagedModel(resources, culture))
                .score(answers("R1", 4, "R2", 4, "R3", 4, "C1", 5, "C2", 2, "C3", 5));
        assertEquals(3, r.dimensions().get(0).score(), TOL);
        assertEquals(1, r.dimensions().get(1).score(), TOL);
        assertEquals(1, r.overall(), TOL);
        // next stage S2: only C2 misses the threshold; raise it to 75
        ScoreReport.LiftPlan lift = r.lift();
        assertEquals("S1", lift.currentBand());
        assertEquals("S2", lift.nextBand());
        assertEquals(2, lift.projectedScore(), TOL);
        assertEquals(List.of("C2"), lift.steps().stream().map(ScoreReport.LiftStep::item).toList());
        assertEquals(25, lift.steps().get(0).currentScore(), TOL);
        assertEquals(75, lift.steps().get(0).targetScore(), TOL);
    }

    @Test
    void confidenceSharesOfWeightAndMinimumLevel() {
        Dimension d2 = dim("D2", WEIGHTED_MEAN, 1, item("X", LIKERT, 1));
        Map<String, Answer> a = new HashMap<>();
        a.put("A", new Answer("A", new AnswerValue.Points(4), Confidence.EVIDENCED));       // weight 2
        a.put("B", new Answer("B", new AnswerValue.YesNo(true), Confidence.SELF_DECLARED)); // weight 1
        a.put("C", new Answer("C", new AnswerValue.Points(3), Confidence.VERIFIED_ON_SITE)); // weight 1
        a.put("X", new Answer("X", new AnswerValue.Points(5), Confidence.VERIFIED_ON_SITE));
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales, d2)).score(a);
        ScoreReport.ConfidenceSummary c1 = r.dimensions().get(0).confidence();
        // D1: EVIDENCED 2/4 = 0.5, SELF_DECLARED 1/4 = 0.25, VERIFIED 1/4 = 0.25; weakest SELF_DECLARED
        assertEquals(0.5, c1.weightShare().get(Confidence.EVIDENCED), TOL);
        assertEquals(0.25, c1.weightShare().get(Confidence.SELF_DECLARED), TOL);
        assertEquals(0.25, c1.weightShare().get(Confidence.VERIFIED_ON_SITE), TOL);
        assertEquals(Confidence.SELF_DECLARED, c1.minimum());
        // overall (MEAN, equal dimension weights 1/2): SELF 0.25/2 = 0.125, EVIDENCED 0.5/2 = 0.25, VERIFIED (0.25+1)/2 = 0.625
        assertEquals(0.125, r.confidence().weightShare().get(Confidence.SELF_DECLARED), TOL);
        assertEquals(0.25, r.confidence().weightShare().get(Confidence.EVIDENCED), TOL);
        assertEquals(0.625, r.confidence().weightShare().get(Confidence.VERIFIED_ON_SITE), TOL);
        assertEquals(Confidence.SELF_DECLARED, r.confidence().minimum());
    }

    @Test
    void adviceIsGivenForItemsBelowTheirBest() {
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales)).score(answers("A", 5, "B", false, "C", null));
        assertNull(r.items().get(0).advice());           // Likert 5 = 100, already at its best
        assertEquals("Advice B", r.items().get(1).advice()); // "no" -> 0
        assertNull(r.items().get(2).advice());           // N/A: nothing to advise
        assertEquals("Advice C", ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales)).score(Map.of()).items().get(2).advice());
    }

    @Test
    void liftForAMeanTakesTheFewestItemsByGain() {
        Dimension d = new Dimension("D1", "D1", null, WEIGHTED_MEAN, 1, null, Models.scale10Items("I", 10));
        Map<String, Answer> a = new HashMap<>();
        for (int i = 1; i <= 10; i++) {
            a.putAll(answers("I" + i, 4));
        }
        // ten equal items at 40: mean 40, band AVERAGE (upTo 50). Raising one to 100 adds (100-40)/10 = 6:
        // 40 + 6 = 46 <= 50, 46 + 6 = 52 > 50 -> two items, projected 52
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, d)).score(a);
        ScoreReport.LiftPlan lift = r.lift();
        assertEquals("AVERAGE", lift.currentBand());
        assertEquals("MODERATELY_ADVANCED", lift.nextBand());
        assertEquals(2, lift.steps().size());
        assertEquals(52, lift.projectedScore(), TOL);
        assertTrue(lift.reachable());
        assertEquals(100, lift.steps().get(0).targetScore(), TOL);

        // across dimensions (MEAN of two): D1 = A (0/10) alone; D2 = B 5/10 and C 5/10 -> overall (0 + 50)/2 = 25 BASIC
        // gains: A 1/2*(100-0)/1 = 50; B, C 1/2*(100-50)/2 = 12.5 -> A alone: 25 + 50 = 75
        Dimension da = dim("DA", WEIGHTED_MEAN, 1, item("A", SCALE_10, 1));
        Dimension db = dim("DB", WEIGHTED_MEAN, 1, item("B", SCALE_10, 1), item("C", SCALE_10, 1));
        ScoreReport two = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, da, db)).score(answers("A", 0, "B", 5, "C", 5));
        assertEquals(25, two.overall(), TOL);
        assertEquals(List.of("A"), two.lift().steps().stream().map(ScoreReport.LiftStep::item).toList());
        assertEquals(75, two.lift().projectedScore(), TOL);
    }

    @Test
    void liftForMinLiftsEveryDimensionAtOrBelowTheBound() {
        Dimension d1 = dim("D1", WEIGHTED_MEAN, 1, item("A", SCALE_10, 1));
        Dimension d2 = dim("D2", WEIGHTED_MEAN, 1, item("B", SCALE_10, 1));
        // D1 = 40, D2 = 70, MIN = 40 (AVERAGE, bound 50): raise A to 100 -> min(100, 70) = 70
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MIN, d1, d2)).score(answers("A", 4, "B", 7));
        assertEquals(List.of("A"), r.lift().steps().stream().map(ScoreReport.LiftStep::item).toList());
        assertEquals(70, r.lift().projectedScore(), TOL);
        assertTrue(r.lift().reachable());
    }

    @Test
    void liftThatCannotLeaveTheBandSaysSo() {
        ItemScale poor = new ItemScale(ItemScale.Type.CHOICE, List.of(new ChoiceOption("LOW", "Low", 0, false),
                new ChoiceOption("SOME", "Some", 20, false)));
        Dimension d = dim("D1", MIN, 1, new Item("A", "A", poor, 1, true, false, "a", null, null, null, null));
        // best option scores 20 <= 25: the firm cannot leave BASIC through this item
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, d)).score(answers("A", "LOW"));
        assertEquals(0, r.overall(), TOL);
        // MEAN over a MIN dimension gives no linear steps: an empty, unreachable plan ...
        assertTrue(r.lift().steps().isEmpty());
        assertFalse(r.lift().reachable());
        ScoreReport min = ScoringEngine.of(model(AssessmentModel.OverallRule.MIN, d)).score(answers("A", "LOW"));
        assertFalse(min.lift().reachable()); // ... and under MIN the one step reaches only 20
        assertEquals(20, min.lift().projectedScore(), TOL);
    }

    @Test
    void topBandHasNoLift() {
        ScoreReport r = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, threeScales)).score(answers("A", 5, "B", true, "C", 9));
        // (2*100 + 100 + 90) / 4 = 97.5 -> ADVANCED, nothing above
        assertEquals(97.5, r.overall(), TOL);
        assertNull(r.lift());
    }

    @Test
    void technologiesInUseComeFromYesOrAnInUseOption() {
        Dimension dr = dim("DR", WEIGHTED_MEAN, 1, Models.tech("T1", "ERP_MES", TECH), Models.tech("T2", "ROBOTICS", TECH),
                Models.tech("T3", "CLOUD", YES_NO), Models.tech("T4", "DIGITAL_TWIN", TECH));
        ScoringEngine engine = ScoringEngine.of(model(AssessmentModel.OverallRule.MEAN, dr));
        Map<String, String> inUse = engine.technologiesInUse(answers("T1", "IN_USE", "T2", "PILOT", "T3", true, "T4", null));
        assertEquals(Map.of("T1", "ERP_MES", "T3", "CLOUD"), inUse);
    }

    @Test
    void answersOutsideTheScaleAreRejectedNamingTheField() {
        assertEquals(new AnswerValue.Points(5), LIKERT.read(5, "answers[0].value"));
        assertEquals(new AnswerValue.Points(3), LIKERT.read(3L, "answers[0].value"));
        DomainException tooHigh = assertThrows(DomainException.class, () -> LIKERT.read(6, "answers[0].value"));
        assertEquals("answers[0].value", tooHigh.errors().get(0).field());
        assertThrows(DomainException.class, () -> LIKERT.read("4", "v"));
        assertThrows(DomainException.class, () -> LIKERT.read(4.5, "v"));
        assertThrows(DomainException.class, () -> SCALE_10.read(-1, "v"));
        assertThrows(DomainException.class, () -> YES_NO.read(1, "v"));
        assertThrows(DomainException.class, () -> TECH.read("MAYBE", "v"));
        assertEquals(new AnswerValue.Option("IN_USE"), TECH.read("IN_USE", "v"));
    }
}
