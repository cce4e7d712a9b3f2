package org.i4tracker.assessment;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmService;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.model.Answer;
import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.Item;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.model.ScoreReport;
import org.i4tracker.model.ScoringEngine;
import org.i4tracker.technology.TechnologyCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API side of the assessment lifecycle: loads an assessment, lets {@link AssessmentLifecycle} decide
 * (draft → answers and evidence → submit → validate → corrections as revisions), and stores the outcome;
 * a validation is stored by {@link ValidatedAssessmentWriter}, the write path the CSV import uses in batches.
 * Clones start the next wave. Every change is audited. Writes check the client's {@code version}
 * (optimistic locking) and fail as a whole: nothing is stored from a rejected request.
 */
@Singleton
public class AssessmentService {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentService.class);

    private final AssessmentRepository assessments;
    private final EvidenceRepository evidence;
    private final AssessmentAudit audit;
    private final ModelRegistry models;
    private final FirmService firms;
    private final TechnologyCatalogue technologies;
    private final ValidatedAssessmentWriter validated;
    private final EvidenceFiles files;
    private final EvidenceFileSettings fileSettings;

    AssessmentService(AssessmentRepository assessments, EvidenceRepository evidence,
                      AssessmentAudit audit, ModelRegistry models, FirmService firms,
                      TechnologyCatalogue technologies, ValidatedAssessmentWriter validated,
                      EvidenceFiles files, EvidenceFileSettings fileSettings) {
        this.assessments = assessments;
        this.evidence = evidence;
        this.files = files;
        this.fileSettings = fileSettings;
        this.audit = audit;
        this.models = models;
        this.firms = firms;
        this.technologies = technologies;
        this.validated = validated;
    }

    @Transactional
    public AssessmentView create(AssessmentRequests.Create request, String user) {
        return create(request, user, false);
    }

    /** Starts a draft; {@code byFirm} marks it as the firm's own self-assessment (the only kind its users may change). */
    @Transactional
    public AssessmentView create(AssessmentRequests.Create request, String user, boolean byFirm) {
        return view(createDraft(request, user, byFirm).id());
    }

    private Assessment createDraft(AssessmentRequests.Create request, String user, boolean byFirm) {
        requireFirm(request.firmId(), "firmId");
        engine(request.modelId(), request.modelVersion());
        Wave wave = Wave.of(request.wave(), "wave");
        checkWave(request.firmId(), request.modelId(), wave, request.date());
        Assessment saved = assessments.save(Assessment.draft(request.firmId(), request.modelId(), request.modelVersion(), wave,
                request.date(), 1, null, null, null, List.of(), user, Instant.now(), byFirm));
        models.markInUse(request.modelId(), request.modelVersion());
        audit.record(saved.id(), user, "CREATED", null, AssessmentSummary.of(saved));
        LOG.info("assessment created id={} firm={} model={}@{} wave={} selfAssessment={} by={}", saved.id(), saved.firmId(), saved.modelId(),
                saved.modelVersion(), saved.wave(), byFirm, user);
        return saved;
    }

    @Transactional
    public AssessmentView saveAnswers(long id, AssessmentRequests.Answers request, String user) {
        return saveAnswers(id, request, user, false);
    }

    /**
     * Saves answers; with {@code byFirm} (a user of the firm) only on the firm's own self-assessment
     * ({@link AssessmentLifecycle#requireFirmMayChange}), and every answer is self-declared under
     * {@link AssessmentLifecycle#selfDeclared}. The RTI reviewing a self-assessment may correct answers: those it
     * saves carry the confidence it gives, the others stay self-declared.
     */
    @Transactional
    public AssessmentView saveAnswers(long id, AssessmentRequests.Answers request, String user, boolean byFirm) {
        return view(storeAnswers(id, request, user, byFirm).id());
    }

    private Assessment storeAnswers(long id, AssessmentRequests.Answers request, String user, boolean byFirm) {
        Assessment a = require(id);
        if (byFirm) {
            AssessmentLifecycle.requireFirmMayChange(id, a.selfAssessment());
        }
        AssessmentStatus next = AssessmentLifecycle.afterAnswers(id, a.status());
        checkVersion(a, request.version());
        Map<String, Item> items = engine(a.modelId(), a.modelVersion()).model().itemsByCode();
        Map<String, StoredAnswer> stored = new LinkedHashMap<>();
        a.answers().forEach(s -> stored.put(s.itemCode(), s));
        List<StoredAnswer> incoming = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.answers().size(); i++) {
            StoredAnswer answer = toAnswer(a, items, request.answers().get(i), "answers[" + i + "]", seen);
            if (byFirm) {
                StoredAnswer old = stored.get(answer.itemCode());
                answer = answer.withConfidence(AssessmentLifecycle.selfDeclared(request.answers().get(i).confidence(),
                        old == null ? null : old.confidence(), "answers[" + i + "].confidence"));
            }
            incoming.add(answer);
        }
        List<Map<String, Object>> before = new ArrayList<>();
        for (StoredAnswer answer : incoming) {
            StoredAnswer old = stored.put(answer.itemCode(), answer);
            before.add(old == null ? Map.of("item", answer.itemCode()) : old.json());
        }
        Assessment updated = assessments.update(a.withAnswers(new ArrayList<>(stored.values())).withStatus(next));
        audit.record(id, user, "ANSWERS_SAVED", before, incoming.stream().map(StoredAnswer::json).toList());
        LOG.info("assessment answers saved id={} items={} version={} by={}", id, incoming.size(), updated.version(), user);
        return updated;
    }

    /**
     * Attaches a link or a note; with {@code byFirm} (a user of the firm) only to the firm's own self-assessment. A
     * FILE is uploaded ({@link #addFileEvidence}), so a FILE here is refused (400 naming {@code kind}).
     */
    @Transactional
    public AssessmentView.EvidenceView addEvidence(long id, String item, AssessmentRequests.EvidenceInput input, String user, boolean byFirm) {
        requireEvidenceMayBeAdded(id, item, byFirm);
        Check.notNull(input, "kind");
        Check.that(input.kind() != Evidence.Kind.FILE, "kind", "a FILE is uploaded: POST the file to /api/v1/assessments/" + id
                + "/answers/" + item + "/evidence/file?filename=…");
        Evidence saved = evidence.save(new Evidence(null, id, item, input.kind(), input.ref(), input.note(), user, Instant.now()));
        return evidenceAdded(saved, null, user);
    }

    /**
     * Uploads a file as FILE evidence of an answer, under the rules of {@link #addEvidence}: the file is checked
     * ({@link EvidenceUpload#of}: empty 400, past {@code i4.evidence.max-file-size} 413, not an accepted type 415, each
     * naming {@code file}) and stored with its evidence row in one transaction. The evidence's {@code ref} is the
     * file's safe name.
     */
    @Transactional
    public AssessmentView.EvidenceView addFileEvidence(long id, String item, String fileName, byte[] content, String user, boolean byFirm) {
        requireEvidenceMayBeAdded(id, item, byFirm);
        EvidenceUpload upload = EvidenceUpload.of(fileName, content, fileSettings.maxFileSize());
        Evidence saved = evidence.save(new Evidence(null, id, item, Evidence.Kind.FILE, upload.name(), null, user, Instant.now()));
        return evidenceAdded(saved, files.store(saved.id(), upload), user);
    }

    /** The uploaded file of evidence {@code evidenceId} of assessment {@code id}; 404 when there is no such evidence or file. */
    public EvidenceFiles.Download evidenceFile(long id, long evidenceId) {
        evidence.findById(evidenceId).filter(e -> e.assessmentId() == id)
                .orElseThrow(() -> DomainException.notFound("evidence", evidenceId));
        return files.read(evidenceId).orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND,
                "evidence " + evidenceId + " has no uploaded file", List.of()));
    }

    /**
     * The rules for adding evidence: the firm only to its own self-assessment (403), not once validated (409), an answered
     * item (422). The assessment's row stays locked until the caller's transaction ends, so a validation or a deletion
     * committed while the evidence is written is waited for and seen (409 or 404) instead of being raced past: adding
     * evidence does not change the row, so its version would not tell.
     */
    private void requireEvidenceMayBeAdded(long id, String item, boolean byFirm) {
        Assessment a = assessments.findByIdForUpdate(id).orElseThrow(() -> DomainException.notFound("assessment", id));
        if (byFirm) {
            AssessmentLifecycle.requireFirmMayChange(id, a.selfAssessment());
        }
        AssessmentLifecycle.requireEditable(id, a.status());
        if (a.answers().stream().noneMatch(r -> r.itemCode().equals(item))) {
            throw DomainException.unprocessable("item", "item " + item + " has no answer yet; answer it before attaching evidence");
        }
    }

    private AssessmentView.EvidenceView evidenceAdded(Evidence saved, EvidenceFiles.StoredFile file, String user) {
        AssessmentView.EvidenceView view = AssessmentView.EvidenceView.of(saved, file);
        audit.record(saved.assessmentId(), user, "EVIDENCE_ADDED", null, Map.of("item", saved.itemCode(), "evidence", view));
        if (file == null) {
            LOG.info("assessment evidence added id={} item={} kind={} by={}", saved.assessmentId(), saved.itemCode(), saved.kind(), user);
        } else {
            LOG.info("assessment evidence file added id={} item={} evidence={} type={} bytes={} sha256={} by={}", saved.assessmentId(),
                    saved.itemCode(), saved.id(), file.contentType(), file.size(), file.sha256(), user);
        }
        return view;
    }

    /** Submits a complete draft; with {@code byFirm} (a user of the firm) only the firm's own self-assessment. */
    @Transactional
    public AssessmentView submit(long id, AssessmentRequests.Transition request, String user, boolean byFirm) {
        return view(markSubmitted(id, request, user, byFirm).id());
    }

    private Assessment markSubmitted(long id, AssessmentRequests.Transition request, String user, boolean byFirm) {
        Assessment a = require(id);
        if (byFirm) {
            AssessmentLifecycle.requireFirmMayChange(id, a.selfAssessment());
        }
        checkVersion(a, request.version());
        AssessmentStatus next = lifecycle(a).submit(id, a.status(), a.answers().stream().map(StoredAnswer::itemCode).toList(),
                item -> "answers." + item);
        Assessment submitted = assessments.update(a.withStatus(next));
        audit.record(id, user, "SUBMITTED", Map.of("status", a.status()), Map.of("status", submitted.status()));
        LOG.info("assessment submitted id={} by={}", id, user);
        return submitted;
    }

    @Transactional
    public AssessmentView validate(long id, AssessmentRequests.Transition request, String user) {
        return view(markValidated(id, request, user).id());
    }

    private Assessment markValidated(long id, AssessmentRequests.Transition request, String user) {
        Assessment a = require(id);
        checkVersion(a, request.version());
        ScoringEngine engine = engine(a.modelId(), a.modelVersion());
        AssessmentLifecycle.Validation validation = new AssessmentLifecycle(engine).validate(id, a.status(), a.answers());
        validated.write(List.of(ValidatedAssessmentWriter.Validated.of(a, validation)), batch(a.modelId(), a.modelVersion(), engine, user));
        LOG.info("assessment validated id={} overall={} band={} by={}", id, validation.report().overall(),
                validation.report().overallBand(), user);
        return require(id);
    }

    /** What the validations of one model version by {@code user} share; the catalogue is read once per technology. */
    ValidatedAssessmentWriter.Batch batch(String modelId, String modelVersion, ScoringEngine engine, String user) {
        Map<String, Boolean> catalogue = new ConcurrentHashMap<>(); // shared by the import's writer threads
        return new ValidatedAssessmentWriter.Batch(modelId, modelVersion, engine.model(), user,
                code -> catalogue.computeIfAbsent(code, c -> technologies.findByCode(c).isPresent()));
    }

    /**
     * Deletes a draft with its evidence (uploaded files included) and its own change log (the request stays in the service's audit
     * log). Submitted and validated assessments are never deleted; a draft that another assessment was
     * cloned from stays too.
     */
    @Transactional
    public void deleteDraft(long id, long version, String user) {
        Assessment a = require(id);
        checkVersion(a, version);
        if (a.status() != AssessmentStatus.DRAFT) {
            throw DomainException.conflict("status", "assessment " + id + " is " + a.status() + "; only a draft can be deleted");
        }
        if (assessments.existsByClonedFrom(id)) {
            throw DomainException.conflict("status", "assessment " + id + " was cloned into another assessment; delete that one first");
        }
        assessments.deleteById(id);
        LOG.info("assessment draft deleted id={} firm={} wave={} by={}", id, a.firmId(), a.wave(), user);
    }

    /** Moves a draft to another date, keeping the firm's waves in order (T0 before T1 …). A revision keeps its original's date. */
    @Transactional
    public AssessmentView redate(long id, AssessmentRequests.Redate request, String user) {
        Assessment a = require(id);
        checkVersion(a, request.version());
        if (a.status() != AssessmentStatus.DRAFT) {
            throw DomainException.conflict("status", "assessment " + id + " is " + a.status() + "; only a draft's date can change");
        }
        if (a.revisionOf() != null) {
            throw DomainException.conflict("date", "assessment " + id + " is a revision; it keeps the date of assessment " + a.revisionOf());
        }
        AssessmentLifecycle.checkWave(a.firmId(), a.modelId(), new Wave(a.wave(), a.waveNumber()), request.date(),
                assessments.findByFirmIdAndModelIdAndSupersededByIsNull(a.firmId(), a.modelId()).stream()
                        .filter(o -> !o.id().equals(id)).map(Assessment::waveSlot).toList());
        Assessment updated = assessments.update(a.withDate(request.date()));
        audit.record(id, user, "DATE_CHANGED", Map.of("date", a.assessedOn()), Map.of("date", updated.assessedOn()));
        LOG.info("assessment date changed id={} from={} to={} by={}", id, a.assessedOn(), updated.assessedOn(), user);
        return view(id);
    }

    @Transactional
    public AssessmentView revise(long id, AssessmentRequests.Revision request, String user) {
        Assessment original = require(id);
        List<Assessment> open = original.status() == AssessmentStatus.VALIDATED && original.supersededBy() == null
                ? assessments.findByRevisionOf(id) : List.of();
        AssessmentLifecycle.requireRevisable(id, original.status(), original.supersededBy(), open.isEmpty() ? null : open.get(0).id());
        Assessment revision = assessments.save(Assessment.draft(original.firmId(), original.modelId(), original.modelVersion(),
                new Wave(original.wave(), original.waveNumber()), original.assessedOn(), original.revision() + 1, id,
                request.reason(), null, original.answers(), user, Instant.now(), false));
        Set<Long> withFile = files.ofAssessment(id).keySet();
        for (Evidence e : evidence.findByAssessmentIdOrderById(id)) {
            Evidence copy = evidence.save(e.copyTo(revision.id()));
            if (withFile.contains(e.id())) {
                files.copy(e.id(), copy.id());
            }
        }
        audit.record(revision.id(), user, "REVISION_STARTED", Map.of("revisionOf", id), Map.of("reason", request.reason()));
        audit.record(id, user, "REVISION_STARTED", null, Map.of("revision", revision.id(), "reason", request.reason()));
        LOG.info("assessment revision started id={} of={} by={}", revision.id(), id, user);
        return view(revision.id());
    }

    @Transactional
    public AssessmentView cloneInto(long id, AssessmentRequests.Clone request, String user) {
        Assessment source = require(id);
        Wave wave = Wave.of(request.wave(), "wave");
        checkWave(source.firmId(), source.modelId(), wave, request.date());
        Assessment copy = assessments.save(Assessment.draft(source.firmId(), source.modelId(), source.modelVersion(), wave,
                request.date(), 1, null, null, id, source.answers().stream().map(r -> r.withConfidence(Confidence.SELF_DECLARED)).toList(),
                user, Instant.now(), false));
        audit.record(copy.id(), user, "CLONED", Map.of("clonedFrom", id), AssessmentSummary.of(copy));
        LOG.info("assessment cloned id={} from={} wave={} by={}", copy.id(), id, copy.wave(), user);
        return view(copy.id());
    }

    public AssessmentView view(long id) {
        Assessment a = require(id);
        List<StoredAnswer> answers = a.answers();
        Map<String, List<AssessmentView.EvidenceView>> byItem = new HashMap<>();
        Map<Long, EvidenceFiles.StoredFile> stored = files.ofAssessment(id);
        evidence.findByAssessmentIdOrderById(id).forEach(e ->
                byItem.computeIfAbsent(e.itemCode(), k -> new ArrayList<>()).add(AssessmentView.EvidenceView.of(e, stored.get(e.id()))));
        List<AssessmentView.AnswerView> answerViews = answers.stream().map(r -> new AssessmentView.AnswerView(r.itemCode(), r.raw(),
                r.notApplicable(), r.confidence(), r.remark(), byItem.getOrDefault(r.itemCode(), List.of()))).toList();
        ScoreReport report = engine(a.modelId(), a.modelVersion()).score(answers.stream().map(StoredAnswer::toAnswer).toList());
        return AssessmentView.of(a, answerViews, report);
    }

    Assessment require(long id) {
        return assessments.findById(id).orElseThrow(() -> DomainException.notFound("assessment", id));
    }

    void requireFirm(long firmId, String field) {
        try {
            firms.require(firmId);
        } catch (DomainException e) {
            throw DomainException.invalid(field, "firm " + firmId + " does not exist");
        }
    }

    ScoringEngine engine(String modelId, String version) {
        try {
            return models.engine(modelId, version);
        } catch (DomainException e) {
            throw DomainException.invalid("modelVersion", "model " + modelId + " has no published version " + version
                    + "; see GET /api/v1/models");
        }
    }

    /** The wave rule ({@link AssessmentLifecycle#checkWave}) against the firm's stored current assessments of the model. */
    void checkWave(long firmId, String modelId, Wave wave, LocalDate date) {
        AssessmentLifecycle.checkWave(firmId, modelId, wave, date, assessments.findByFirmIdAndModelIdAndSupersededByIsNull(firmId, modelId)
                .stream().map(Assessment::waveSlot).toList());
    }

    private AssessmentLifecycle lifecycle(Assessment a) {
        return new AssessmentLifecycle(engine(a.modelId(), a.modelVersion()));
    }

    private static void checkVersion(Assessment a, Long version) {
        if (!Objects.equals(a.version(), version)) {
            throw DomainException.conflict("version", "assessment " + a.id() + " is at version " + a.version()
                    + "; reload it and apply your change again");
        }
    }

    private static StoredAnswer toAnswer(Assessment a, Map<String, Item> items, AssessmentRequests.AnswerInput in, String field, Set<String> seen) {
        Check.notNull(in, field);
        String code = Check.notBlank(in.item(), field + ".item", 64);
        Item item = items.get(code);
        if (item == null) {
            throw DomainException.invalid(field + ".item", "unknown item " + code + " of model " + a.modelId() + "@" + a.modelVersion());
        }
        Check.that(seen.add(code), field + ".item", "item " + code + " is answered twice");
        AnswerValue value;
        if (in.isNotApplicable()) {
            value = AssessmentLifecycle.answerValue(item, true, null, field + ".notApplicable", field + ".value");
            Check.that(in.value() == null, field + ".value", "must be empty when notApplicable is true");
        } else {
            Check.that(in.value() != null, field + ".value", "is required unless notApplicable is true");
            value = AssessmentLifecycle.answerValue(item, false, in.value(), field + ".notApplicable", field + ".value");
        }
        String remark = Check.optionalText(in.remark(), field + ".remark", 2000);
        return StoredAnswer.of(new Answer(code, value, in.confidence()), remark);
    }
}
