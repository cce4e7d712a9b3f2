package org.i4tracker.assessment;

import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.DomainException;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.Item;
import org.i4tracker.model.ScoreReport;
import org.i4tracker.model.ScoringEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The life of an assessment, decided in one place for the API and the CSV import (plain Java: it reads
 * the model through its {@link ScoringEngine} and the firm's other assessments as {@link WaveSlot}s; the
 * callers load and store).
 * <pre>
 *   create ──► DRAFT ──answers──► DRAFT
 *              DRAFT ──submit (every required item answered)──► SUBMITTED ──answers──► DRAFT
 *              SUBMITTED ──validate (scored, scores frozen, adoptions)──► VALIDATED (immutable)
 *              VALIDATED ──revise──► a new DRAFT (revisionOf); validating it supersedes the original
 *   import:    a row is a draft with its answers, submitted and validated at once, under the same rules
 * </pre>
 * Self-assessment (as in the EU Digital Maturity Assessment): a firm user creates, answers and submits an
 * assessment of its own firm; every answer it gives is {@link Confidence#SELF_DECLARED} and it never replaces
 * an answer its RTI has backed with evidence or verified; only an RTI assessor (or an administrator) validates.
 * Waves: T0 before T1 before T2 … in time, one current assessment per firm, model and wave. An answer
 * lies inside its item's scale; N/A only where the item allows it. A validation produces the score report,
 * the frozen dimension scores and one {@link AdoptionObserved} (source ASSESSMENT) per catalogue
 * technology the answers report in use.
 */
final class AssessmentLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentLifecycle.class);

    /** What validating an assessment decides: its scores, the scores as frozen, the technologies reported in use (item → code). */
    record Validation(ScoreReport report, String scoreDocument, Map<String, String> technologiesInUse) {

        AssessmentStatus status() {
            return AssessmentStatus.VALIDATED;
        }

        /** The adoption evidence of the validated assessment; a technology outside the catalogue is logged and skipped. */
        List<AdoptionObserved> adoptions(long assessmentId, long firmId, LocalDate on, Predicate<String> inCatalogue) {
            List<AdoptionObserved> evidence = new ArrayList<>(technologiesInUse.size());
            technologiesInUse.forEach((item, technology) -> {
                if (!inCatalogue.test(technology)) {
                    LOG.warn("assessment {} item {} names technology {} which is not in the catalogue; no adoption recorded",
                            assessmentId, item, technology);
                    return;
                }
                evidence.add(new AdoptionObserved(firmId, technology, on, AdoptionObserved.Source.ASSESSMENT,
                        null, "assessment " + assessmentId + " item " + item));
            });
            return evidence;
        }
    }

    /** A current assessment of a firm as far as wave order matters; {@code label} names it in messages. */
    record WaveSlot(String wave, int number, LocalDate on, String label) {
    }

    private final ScoringEngine engine;

    AssessmentLifecycle(ScoringEngine engine) {
        this.engine = engine;
    }

    /** Answers change only before validation (the change makes a submitted assessment a draft again). */
    static AssessmentStatus afterAnswers(long id, AssessmentStatus status) {
        if (status == AssessmentStatus.VALIDATED) {
            throw DomainException.conflict("status", "assessment " + id + " is validated and can no longer change; "
                    + "correct it with a revision (POST /api/v1/assessments/" + id + "/revisions)");
        }
        return AssessmentStatus.DRAFT;
    }

    /**
     * The confidence of an answer given by the firm itself: always {@link Confidence#SELF_DECLARED} (none given
     * means self-declared); any other level is refused (422 naming {@code field}), as only the RTI evidences or
     * verifies. A stored answer the RTI raised above self-declared ({@code stored}, null if none) is not replaced
     * by the firm.
     */
    static Confidence selfDeclared(Confidence requested, Confidence stored, String field) {
        if (requested != null && requested != Confidence.SELF_DECLARED) {
            throw DomainException.unprocessable(field, "a firm's own answers are SELF_DECLARED; " + requested
                    + " is set by its RTI when reviewing");
        }
        if (stored != null && stored != Confidence.SELF_DECLARED) {
            throw DomainException.conflict(field, "this answer is " + stored + " by the RTI; the firm does not replace it");
        }
        return Confidence.SELF_DECLARED;
    }

    /**
     * A firm's users change only the assessments the firm started itself (its self-assessments): a draft its RTI
     * started, a revision or a clone is the RTI's work, which the firm reads but does not answer, evidence or submit
     * (403; the firm sees the assessment, so it is not hidden).
     */
    static void requireFirmMayChange(long id, boolean selfAssessment) {
        if (!selfAssessment) {
            throw DomainException.forbidden("assessment " + id + " was started by the firm's RTI; the firm reads it but changes "
                    + "only its own self-assessments");
        }
    }

    /** Evidence is attached under the same rule as answers. */
    static void requireEditable(long id, AssessmentStatus status) {
        afterAnswers(id, status);
    }

    /**
     * The value of one answer to {@code item}: N/A where the item allows it, otherwise {@code raw} read by the
     * item's scale. {@code naField} and {@code valueField} name the input in messages.
     */
    static AnswerValue answerValue(Item item, boolean notApplicable, Object raw, String naField, String valueField) {
        if (notApplicable) {
            if (!item.naAllowed()) {
                throw DomainException.invalid(naField, "item " + item.code() + " does not allow N/A");
            }
            return AnswerValue.NOT_APPLICABLE;
        }
        return item.scale().read(raw, valueField);
    }

    /** A draft is submitted once every required item of the model is answered; {@code field} names an item's input. */
    AssessmentStatus submit(long id, AssessmentStatus status, Collection<String> answered, UnaryOperator<String> field) {
        if (status != AssessmentStatus.DRAFT) {
            throw DomainException.conflict("status", "assessment " + id + " is " + status + "; only a draft can be submitted");
        }
        requireComplete(Set.copyOf(answered), field);
        return AssessmentStatus.SUBMITTED;
    }

    /** A submitted assessment is validated: scored, its scores frozen, its adoptions decided. */
    Validation validate(long id, AssessmentStatus status, List<StoredAnswer> answers) {
        if (status != AssessmentStatus.SUBMITTED) {
            throw DomainException.conflict("status", "assessment " + id + " is " + status + "; only a submitted assessment can be validated");
        }
        Map<String, Answer> given = new LinkedHashMap<>();
        answers.forEach(a -> given.put(a.itemCode(), a.toAnswer()));
        return scored(given);
    }

    /**
     * An imported assessment: a draft with {@code answers}, submitted and validated at once, so the submit rule
     * applies; {@code field} names an item's column.
     */
    Validation validateImported(Map<String, Answer> answers, UnaryOperator<String> field) {
        requireComplete(answers.keySet(), field);
        return scored(answers);
    }

    private Validation scored(Map<String, Answer> given) {
        ScoreReport report = engine.score(given);
        return new Validation(report, FrozenScore.document(FrozenScore.of(report)), engine.technologiesInUse(given));
    }

    private void requireComplete(Set<String> answered, UnaryOperator<String> field) {
        List<DomainException.FieldError> missing = new ArrayList<>();
        engine.model().dimensions().forEach(d -> d.items().stream()
                .filter(i -> i.required() && !answered.contains(i.code()))
                .forEach(i -> missing.add(new DomainException.FieldError(field.apply(i.code()), "required item is not answered"))));
        if (!missing.isEmpty()) {
            throw DomainException.unprocessable(missing.size() + " required items are not answered", missing);
        }
    }

    /**
     * A validated, current assessment is corrected by one revision at a time.
     *
     * @param supersededBy the assessment that already corrected it, or null
     * @param openRevision a revision of it not yet validated, or null
     */
    static void requireRevisable(long id, AssessmentStatus status, Long supersededBy, Long openRevision) {
        if (status != AssessmentStatus.VALIDATED || supersededBy != null) {
            throw DomainException.conflict("status", supersededBy != null
                    ? "assessment " + id + " was corrected by assessment " + supersededBy + "; revise that one"
                    : "assessment " + id + " is " + status + "; edit it directly, revisions correct validated assessments");
        }
        if (openRevision != null) {
            throw DomainException.conflict("status", "assessment " + id + " already has revision " + openRevision + " in progress");
        }
    }

    /** The wave rule against the firm's current assessments {@code others} of the model. */
    static void checkWave(long firmId, String modelId, Wave wave, LocalDate date, List<WaveSlot> others) {
        for (WaveSlot other : others) {
            if (other.number() == wave.number()) {
                throw DomainException.conflict("wave", "firm " + firmId + " already has a " + wave.code() + " assessment of "
                        + modelId + " (" + other.label() + "); correct it with a revision");
            }
            boolean backwards = other.number() < wave.number() ? other.on().isAfter(date) : other.on().isBefore(date);
            if (backwards) {
                throw DomainException.unprocessable("date", wave.code() + " on " + date + " would put the waves of firm " + firmId
                        + " out of order: " + other.wave() + " is dated " + other.on());
            }
        }
    }
}
