package org.i4tracker.assessment;

import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.DomainException;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Band;
import org.i4tracker.model.ChoiceOption;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ItemScale;
import org.i4tracker.model.ScoringEngine;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The lifecycle's decisions without a database: next states, the errors of a refused transition (the same
 * rule for the API and the import, only the field names differ), the scores and the adoption events of a
 * validation.
 */
class AssessmentLifecycleTest {

    private static final ItemScale LIKERT = new ItemScale(ItemScale.Type.LIKERT_5, null);
    private static final ItemScale TECH = new ItemScale(ItemScale.Type.CHOICE, List.of(
            new ChoiceOption("NO", "Not considered", 0, false), new ChoiceOption("IN_USE", "In use", 100, true)));

    /** Q1 (Likert, required, N/A allowed), Q2 (Likert, required, no N/A), ROBOT (technology item, optional). */
    private static final AssessmentModel MODEL = new AssessmentModel("test", "1.0.0", "Test", null, null, 0, 100,
            AssessmentModel.OverallRule.MEAN, null, List.of(),
            List.of(new Band("LOW", "Low", 50), new Band("HIGH", "High", 100)),
            List.of(new Dimension("D", "Dimension", null, Dimension.DimensionRule.WEIGHTED_MEAN, 1, null, List.of(
                    new Item("Q1", "Question 1", LIKERT, 1, true, true, null, null, null, null, null),
                    new Item("Q2", "Question 2", LIKERT, 1, true, false, null, null, null, null, null),
                    new Item("ROBOT", "Robots", TECH, 1, false, true, null, null, null, "ROBOTICS", null)))));
    private static final AssessmentLifecycle LIFECYCLE = new AssessmentLifecycle(ScoringEngine.of(MODEL));

    @Test
    void answersReopenASubmittedAssessmentAndNeverChangeAValidatedOne() {
        assertEquals(AssessmentStatus.DRAFT, AssessmentLifecycle.afterAnswers(1, AssessmentStatus.DRAFT));
        assertEquals(AssessmentStatus.DRAFT, AssessmentLifecycle.afterAnswers(1, AssessmentStatus.SUBMITTED));
        DomainException refused = assertThrows(DomainException.class, () -> AssessmentLifecycle.afterAnswers(7, AssessmentStatus.VALIDATED));
        assertEquals("status", refused.errors().get(0).field());
        assertEquals(DomainException.Kind.CONFLICT, refused.kind());
    }

    @Test
    void aFirmsOwnAnswerIsAlwaysSelfDeclaredAndNeverReplacesWhatItsRtiBacked() {
        assertEquals(Confidence.SELF_DECLARED, AssessmentLifecycle.selfDeclared(null, null, "answers[0].confidence"));
        assertEquals(Confidence.SELF_DECLARED, AssessmentLifecycle.selfDeclared(Confidence.SELF_DECLARED, Confidence.SELF_DECLARED, "f"));
        for (Confidence claimed : List.of(Confidence.EVIDENCED, Confidence.VERIFIED_ON_SITE)) {
            DomainException refused = assertThrows(DomainException.class,
                    () -> AssessmentLifecycle.selfDeclared(claimed, null, "answers[2].confidence"));
            assertEquals(DomainException.Kind.UNPROCESSABLE, refused.kind());
            assertEquals("answers[2].confidence", refused.errors().get(0).field());
        }
        DomainException replaced = assertThrows(DomainException.class,
                () -> AssessmentLifecycle.selfDeclared(null, Confidence.VERIFIED_ON_SITE, "answers[1].confidence"));
        assertEquals(DomainException.Kind.CONFLICT, replaced.kind());
    }

    @Test
    void aDraftIsSubmittedOnlyWhenEveryRequiredItemIsAnswered() {
        assertEquals(AssessmentStatus.SUBMITTED, LIFECYCLE.submit(1, AssessmentStatus.DRAFT, List.of("Q1", "Q2"), item -> "answers." + item));
        DomainException incomplete = assertThrows(DomainException.class,
                () -> LIFECYCLE.submit(1, AssessmentStatus.DRAFT, List.of("ROBOT"), item -> "answers." + item));
        assertEquals(List.of("answers.Q1", "answers.Q2"), incomplete.errors().stream().map(DomainException.FieldError::field).toList());
        incomplete.errors().forEach(e -> assertEquals("required item is not answered", e.message()));
        assertThrows(DomainException.class, () -> LIFECYCLE.submit(1, AssessmentStatus.SUBMITTED, List.of("Q1", "Q2"), item -> item));
    }

    @Test
    void anImportedRowIsRefusedByTheSameRuleWithColumnsAsFields() {
        DomainException incomplete = assertThrows(DomainException.class,
                () -> LIFECYCLE.validateImported(answers(Map.of("Q1", 3)), UnaryOperator.identity()));
        assertEquals(List.of("Q2"), incomplete.errors().stream().map(DomainException.FieldError::field).toList());
        assertEquals("required item is not answered", incomplete.errors().get(0).message());
    }

    @Test
    void validationScoresFreezesAndDecidesTheAdoptions() {
        assertThrows(DomainException.class, () -> LIFECYCLE.validate(1, AssessmentStatus.DRAFT, List.of()));
        Map<String, Answer> given = answers(Map.of("Q1", 5, "Q2", 3));
        given.put("ROBOT", new Answer("ROBOT", new AnswerValue.Option("IN_USE"), Confidence.SELF_DECLARED));
        AssessmentLifecycle.Validation v = LIFECYCLE.validate(9, AssessmentStatus.SUBMITTED,
                given.values().stream().map(a -> StoredAnswer.of(a, null)).toList());
        assertEquals(AssessmentStatus.VALIDATED, v.status());
        // Likert 5 → 100, Likert 3 → 50, IN_USE → 100; weighted mean (100 + 50 + 100) / 3
        assertEquals(250.0 / 3, v.report().overall(), 1e-9);
        assertEquals("HIGH", v.report().overallBand());
        assertEquals(v.report().overall(), FrozenScore.fromDocument(v.scoreDocument()).get(0).score(), 1e-9);
        assertEquals(Map.of("ROBOT", "ROBOTICS"), v.technologiesInUse());
        LocalDate on = LocalDate.of(2025, 3, 1);
        assertEquals(List.of(new AdoptionObserved(4, "ROBOTICS", on, AdoptionObserved.Source.ASSESSMENT, null, "assessment 9 item ROBOT")),
                v.adoptions(9, 4, on, code -> true));
        assertEquals(List.of(), v.adoptions(9, 4, on, code -> false), "a technology outside the catalogue is skipped");
    }

    @Test
    void notApplicableOnlyWhereTheItemAllowsIt() {
        Item q1 = MODEL.itemsByCode().get("Q1");
        Item q2 = MODEL.itemsByCode().get("Q2");
        assertEquals(AnswerValue.NOT_APPLICABLE, AssessmentLifecycle.answerValue(q1, true, null, "na", "value"));
        DomainException refused = assertThrows(DomainException.class, () -> AssessmentLifecycle.answerValue(q2, true, null, "na", "value"));
        assertEquals("na", refused.errors().get(0).field());
        assertEquals("item Q2 does not allow N/A", refused.errors().get(0).message());
        assertThrows(DomainException.class, () -> AssessmentLifecycle.answerValue(q2, false, 9, "na", "value"), "outside the Likert scale");
    }

    @Test
    void onlyACurrentValidatedAssessmentWithoutAnOpenRevisionIsRevised() {
        AssessmentLifecycle.requireRevisable(1, AssessmentStatus.VALIDATED, null, null);
        assertThrows(DomainException.class, () -> AssessmentLifecycle.requireRevisable(1, AssessmentStatus.SUBMITTED, null, null));
        assertThrows(DomainException.class, () -> AssessmentLifecycle.requireRevisable(1, AssessmentStatus.VALIDATED, 2L, null));
        DomainException open = assertThrows(DomainException.class, () -> AssessmentLifecycle.requireRevisable(1, AssessmentStatus.VALIDATED, null, 3L));
        assertEquals("assessment 1 already has revision 3 in progress", open.errors().get(0).message());
    }

    @Test
    void wavesFollowEachOtherInTime() {
        List<AssessmentLifecycle.WaveSlot> stored = List.of(new AssessmentLifecycle.WaveSlot("T0", 0, LocalDate.of(2024, 1, 1), "assessment 1"));
        AssessmentLifecycle.checkWave(5, "test", Wave.of("T1", "wave"), LocalDate.of(2025, 1, 1), stored);
        DomainException twice = assertThrows(DomainException.class,
                () -> AssessmentLifecycle.checkWave(5, "test", Wave.of("T0", "wave"), LocalDate.of(2025, 1, 1), stored));
        assertEquals("wave", twice.errors().get(0).field());
        DomainException backwards = assertThrows(DomainException.class,
                () -> AssessmentLifecycle.checkWave(5, "test", Wave.of("T1", "wave"), LocalDate.of(2023, 1, 1), stored));
        assertEquals("date", backwards.errors().get(0).field());
    }

    private static Map<String, Answer> answers(Map<String, Integer> points) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        points.forEach((item, p) -> answers.put(item, new Answer(item, new AnswerValue.Points(p), Confidence.SELF_DECLARED)));
        return answers;
    }
}
