package org.i4tracker.assessment;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmService;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.AdoptionsObserved;
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
import java.util.stream.Collectors;

/**
 * The assessment lifecycle: draft → answers and evidence → submit (complete) → validate by an
 * assessor (immutable from then on; scores frozen; adoptions published) → corrections as revisions;
 * clones start the next wave. Every change is audited. Writes check the client's {@code version}
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
    private final ApplicationEventPublisher<AdoptionsObserved> adoptions;

    AssessmentService(AssessmentRepository assessments, EvidenceRepository evidence,
                      AssessmentAudit audit, ModelRegistry models, FirmService firms,
                      TechnologyCatalogue technologies, ApplicationEventPublisher<AdoptionsObserved> adoptions) {
        this.assessments = assessments;
        this.evidence = evidence;
        this.audit = audit;
        this.models = models;
        this.firms = firms;
        this.technologies = technologies;
        this.adoptions = adoptions;
    }

    @Transactional
    public AssessmentView create(AssessmentRequests.Create request, String user) {
        return view(createDraft(request, user).id());
    }

    private Assessment createDraft(AssessmentRequests.Create request, String user) {
        requireFirm(request.firmId(), "firmId");
        engine(request.modelId(), request.modelVersion());
        Wave wave = Wave.of(request.wave(), "wave");
        checkWave(request.firmId(), request.modelId(), wave, request.date());
        Assessment saved = assessments.save(Assessment.draft(request.firmId(), request.modelId(), request.modelVersion(), wave,
                request.date(), 1, null, null, null, List.of(), user, Instant.now()));
        models.markInUse(request.modelId(), request.modelVersion());
        audit.record(saved.id(), user, "CREATED", null, AssessmentSummary.of(saved));
        LOG.info("assessment created id={} firm={} model={}@{} wave={} by={}", saved.id(), saved.firmId(), saved.modelId(),
                saved.modelVersion(), saved.wave(), user);
        return saved;
    }

    @Transactional
    public AssessmentView saveAnswers(long id, AssessmentRequests.Answers request, String user) {
        return view(storeAnswers(id, request, user).id());
    }

    private Assessment storeAnswers(long id, AssessmentRequests.Answers request, String user) {
        Assessment a = requireEditable(id);
        checkVersion(a, request.version());
        Map<String, Item> items = engine(a.modelId(), a.modelVersion()).model().itemsByCode();
        List<StoredAnswer> incoming = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.answers().size(); i++) {
            incoming.add(toAnswer(a, items, request.answers().get(i), "answers[" + i + "]", seen));
        }
        Map<String, StoredAnswer> stored = new LinkedHashMap<>();
        a.answers().forEach(s -> stored.put(s.itemCode(), s));
        List<Map<String, Object>> before = new ArrayList<>();
        for (StoredAnswer answer : incoming) {
            StoredAnswer old = stored.put(answer.itemCode(), answer);
            before.add(old == null ? Map.of("item", answer.itemCode()) : old.json());
        }
        Assessment updated = assessments.update(a.withAnswers(new ArrayList<>(stored.values())).withStatus(AssessmentStatus.DRAFT));
        audit.record(id, user, "ANSWERS_SAVED", before, incoming.stream().map(StoredAnswer::json).toList());
        LOG.info("assessment answers saved id={} items={} version={} by={}", id, incoming.size(), updated.version(), user);
        return updated;
    }

    @Transactional
    public AssessmentView.EvidenceView addEvidence(long id, String item, AssessmentRequests.EvidenceInput input, String user) {
        Assessment a = requireEditable(id);
        if (a.answers().stream().noneMatch(r -> r.itemCode().equals(item))) {
            throw DomainException.unprocessable("item", "item " + item + " has no answer yet; answer it before attaching evidence");
        }
        Check.notNull(input, "kind");
        Evidence saved = evidence.save(new Evidence(null, id, item, input.kind(), input.ref(), input.note(), user, Instant.now()));
        audit.record(id, user, "EVIDENCE_ADDED", null, Map.of("item", item, "evidence", AssessmentView.EvidenceView.of(saved)));
        LOG.info("assessment evidence added id={} item={} kind={} by={}", id, item, saved.kind(), user);
        return AssessmentView.EvidenceView.of(saved);
    }

    @Transactional
    public AssessmentView submit(long id, AssessmentRequests.Transition request, String user) {
        return view(markSubmitted(id, request, user).id());
    }

    private Assessment markSubmitted(long id, AssessmentRequests.Transition request, String user) {
        Assessment a = require(id);
        checkVersion(a, request.version());
        if (a.status() != AssessmentStatus.DRAFT) {
            throw DomainException.conflict("status", "assessment " + id + " is " + a.status() + "; only a draft can be submitted");
        }
        Set<String> answered = a.answers().stream().map(StoredAnswer::itemCode).collect(Collectors.toSet());
        List<DomainException.FieldError> missing = new ArrayList<>();
        engine(a.modelId(), a.modelVersion()).model().dimensions().forEach(d -> d.items().stream()
                .filter(i -> i.required() && !answered.contains(i.code()))
                .forEach(i -> missing.add(new DomainException.FieldError("answers." + i.code(), "required item is not answered"))));
        if (!missing.isEmpty()) {
            throw DomainException.unprocessable(missing.size() + " required items are not answered", missing);
        }
        Assessment submitted = assessments.update(a.withStatus(AssessmentStatus.SUBMITTED));
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
        if (a.status() != AssessmentStatus.SUBMITTED) {
            throw DomainException.conflict("status", "assessment " + id + " is " + a.status() + "; only a submitted assessment can be validated");
        }
        ScoringEngine engine = engine(a.modelId(), a.modelVersion());
        Map<String, Answer> given = answerMap(a);
        ScoreReport report = engine.score(given);
        Assessment validated = assessments.update(a.validated(user, Instant.now(), report));
        if (a.revisionOf() != null) {
            Assessment previous = require(a.revisionOf());
            assessments.update(previous.supersededBy(id));
            audit.record(previous.id(), user, "SUPERSEDED", null, Map.of("supersededBy", id));
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", validated.status());
        after.put("overallScore", report.overall());
        after.put("overallBand", report.overallBand());
        audit.record(id, user, "VALIDATED", Map.of("status", a.status()), after);
        publishAdoptions(validated, engine.technologiesInUse(given));
        LOG.info("assessment validated id={} overall={} band={} by={}", id, report.overall(), report.overallBand(), user);
        return validated;
    }

    /**
     * Deletes a draft with its evidence and its own change log (the request stays in the service's audit
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
        checkWave(a.firmId(), a.modelId(), new Wave(a.wave(), a.waveNumber()), request.date(),
                assessments.findByFirmIdAndModelIdAndSupersededByIsNull(a.firmId(), a.modelId()).stream()
                        .filter(o -> !o.id().equals(id)).map(WaveSlot::of).toList());
        Assessment updated = assessments.update(a.withDate(request.date()));
        audit.record(id, user, "DATE_CHANGED", Map.of("date", a.assessedOn()), Map.of("date", updated.assessedOn()));
        LOG.info("assessment date changed id={} from={} to={} by={}", id, a.assessedOn(), updated.assessedOn(), user);
        return view(id);
    }

    @Transactional
    public AssessmentView revise(long id, AssessmentRequests.Revision request, String user) {
        Assessment original = require(id);
        if (original.status() != AssessmentStatus.VALIDATED || original.supersededBy() != null) {
            throw DomainException.conflict("status", original.supersededBy() != null
                    ? "assessment " + id + " was corrected by assessment " + original.supersededBy() + "; revise that one"
                    : "assessment " + id + " is " + original.status() + "; edit it directly, revisions correct validated assessments");
        }
        List<Assessment> open = assessments.findByRevisionOf(id);
        if (!open.isEmpty()) {
            throw DomainException.conflict("status", "assessment " + id + " already has revision " + open.get(0).id() + " in progress");
        }
        Assessment revision = assessments.save(Assessment.draft(original.firmId(), original.modelId(), original.modelVersion(),
                new Wave(original.wave(), original.waveNumber()), original.assessedOn(), original.revision() + 1, id,
                request.reason(), null, original.answers(), user, Instant.now()));
        evidence.saveAll(evidence.findByAssessmentIdOrderById(id).stream().map(e -> e.copyTo(revision.id())).toList());
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
                user, Instant.now()));
        audit.record(copy.id(), user, "CLONED", Map.of("clonedFrom", id), AssessmentSummary.of(copy));
        LOG.info("assessment cloned id={} from={} wave={} by={}", copy.id(), id, copy.wave(), user);
        return view(copy.id());
    }

    public AssessmentView view(long id) {
        Assessment a = require(id);
        List<StoredAnswer> answers = a.answers();
        Map<String, List<AssessmentView.EvidenceView>> byItem = new HashMap<>();
        evidence.findByAssessmentIdOrderById(id).forEach(e ->
                byItem.computeIfAbsent(e.itemCode(), k -> new ArrayList<>()).add(AssessmentView.EvidenceView.of(e)));
        List<AssessmentView.AnswerView> answerViews = answers.stream().map(r -> new AssessmentView.AnswerView(r.itemCode(), r.raw(),
                r.notApplicable(), r.confidence(), r.remark(), byItem.getOrDefault(r.itemCode(), List.of()))).toList();
        ScoreReport report = engine(a.modelId(), a.modelVersion()).score(answers.stream().map(StoredAnswer::toAnswer).toList());
        return AssessmentView.of(a, answerViews, report);
    }

    public Page<Assessment> search(Long firmId, String modelId, AssessmentStatus status, Pageable pageable) {
        return assessments.search(firmId, modelId, status == null ? null : status.name(), pageable);
    }

    Assessment require(long id) {
        return assessments.findById(id).orElseThrow(() -> DomainException.notFound("assessment", id));
    }

    private static Map<String, Answer> answerMap(Assessment a) {
        Map<String, Answer> map = new HashMap<>();
        a.answers().forEach(r -> map.put(r.itemCode(), r.toAnswer()));
        return map;
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

    /** T0 before T1 before T2 … in time for the same firm and model; one current assessment per wave. */
    void checkWave(long firmId, String modelId, Wave wave, LocalDate date) {
        checkWave(firmId, modelId, wave, date, assessments.findByFirmIdAndModelIdAndSupersededByIsNull(firmId, modelId).stream()
                .map(WaveSlot::of).toList());
    }

    /** A current assessment of a firm as far as wave order matters; {@code label} names it in messages. */
    record WaveSlot(String wave, int number, LocalDate on, String label) {
        static WaveSlot of(Assessment a) {
            return new WaveSlot(a.wave(), a.waveNumber(), a.assessedOn(), "assessment " + a.id());
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

    private Assessment requireEditable(long id) {
        Assessment a = require(id);
        if (a.status() == AssessmentStatus.VALIDATED) {
            throw DomainException.conflict("status", "assessment " + id + " is validated and can no longer change; "
                    + "correct it with a revision (POST /api/v1/assessments/" + id + "/revisions)");
        }
        return a;
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
            Check.that(item.naAllowed(), field + ".notApplicable", "item " + code + " does not allow N/A");
            Check.that(in.value() == null, field + ".value", "must be empty when notApplicable is true");
            value = AnswerValue.NOT_APPLICABLE;
        } else {
            Check.that(in.value() != null, field + ".value", "is required unless notApplicable is true");
            value = item.scale().read(in.value(), field + ".value");
        }
        String remark = Check.optionalText(in.remark(), field + ".remark", 2000);
        return StoredAnswer.of(new Answer(code, value, in.confidence()), remark);
    }

    private void publishAdoptions(Assessment a, Map<String, String> inUse) {
        publishAdoptions(adoptionEvidence(a.id(), a.firmId(), a.assessedOn(), inUse, code -> technologies.findByCode(code).isPresent()));
    }

    /** Publishes the evidence as one {@link AdoptionsObserved}, recorded on this thread and transaction. */
    void publishAdoptions(List<AdoptionObserved> evidence) {
        if (!evidence.isEmpty()) {
            adoptions.publishEvent(new AdoptionsObserved(evidence));
        }
    }

    /**
     * The {@link AdoptionObserved} (source ASSESSMENT) for every catalogue technology a validated
     * assessment reports in use; a technology outside the catalogue is logged and skipped.
     */
    static List<AdoptionObserved> adoptionEvidence(long assessmentId, long firmId, LocalDate on, Map<String, String> inUse,
                                                   java.util.function.Predicate<String> inCatalogue) {
        List<AdoptionObserved> evidence = new ArrayList<>(inUse.size());
        inUse.forEach((item, technology) -> {
            if (!inCatalogue.test(technology)) {
                LOG.warn("assessment {} item {} names technology {} which is not in the catalogue; no adoption recorded", assessmentId, item, technology);
                return;
            }
            evidence.add(new AdoptionObserved(firmId, technology, on, AdoptionObserved.Source.ASSESSMENT,
                    null, "assessment " + assessmentId + " item " + item));
        });
        return evidence;
    }

    /** Whether the catalogue knows the technology code. */
    boolean inCatalogue(String technologyCode) {
        return technologies.findByCode(technologyCode).isPresent();
    }
}
