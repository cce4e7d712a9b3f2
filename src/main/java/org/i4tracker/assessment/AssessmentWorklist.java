package org.i4tracker.assessment;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.FirmService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * An assessor's work queue over the firms {@link FirmAccess} lets the caller see: the caller's own
 * drafts, submitted assessments awaiting validation, and firms whose next wave is due — the latest
 * current assessment of the model is validated and older than {@code i4.assessments.next-wave-months}
 * (default 12). Each list holds at most {@value #LIMIT} rows, oldest first; {@code totals} counts all.
 */
@Singleton
class AssessmentWorklist {

    static final int LIMIT = 100;

    @Introspected
    record Worklist(List<WorklistEntry> drafts, List<WorklistEntry> awaitingValidation, List<WorklistDue> due,
                    Map<String, Integer> totals) {
    }

    @Introspected
    record WorklistEntry(long id, long firmId, String firmName, String firmCode, String modelId, String modelVersion, String wave,
                 LocalDate date, AssessmentStatus status, int revision, String createdBy, boolean selfAssessment) {
    }

    @Introspected
    record WorklistDue(long firmId, String firmName, String firmCode, String modelId, String modelVersion, long lastAssessmentId,
               String lastWave, LocalDate lastDate, String nextWave, LocalDate dueOn) {
    }

    private final AssessmentRepository assessments;
    private final FirmAccess access;
    private final FirmService firms;
    private final int nextWaveMonths;

    AssessmentWorklist(AssessmentRepository assessments, FirmAccess access, FirmService firms,
                       @Value("${i4.assessments.next-wave-months:12}") int nextWaveMonths) {
        this.assessments = assessments;
        this.access = access;
        this.firms = firms;
        this.nextWaveMonths = nextWaveMonths;
    }

    Worklist of(String user, String modelId, LocalDate today) {
        LongPredicate visible = access.visibility();
        List<Assessment> open = assessments.findByStatusInAndSupersededByIsNullOrderByAssessedOnAsc(
                EnumSet.of(AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED)).stream()
                .filter(a -> visible.test(a.firmId())).toList();
        List<Assessment> drafts = open.stream().filter(a -> a.status() == AssessmentStatus.DRAFT && a.createdBy().equals(user)).toList();
        List<Assessment> submitted = open.stream().filter(a -> a.status() == AssessmentStatus.SUBMITTED).toList();

        Map<Long, Assessment> latest = new HashMap<>();
        for (Assessment a : assessments.findByModelIdAndSupersededByIsNull(modelId)) {
            if (visible.test(a.firmId())) {
                latest.merge(a.firmId(), a, (x, y) -> x.waveNumber() >= y.waveNumber() ? x : y);
            }
        }
        List<Assessment> due = latest.values().stream()
                .filter(a -> a.status() == AssessmentStatus.VALIDATED && !a.assessedOn().plusMonths(nextWaveMonths).isAfter(today))
                .sorted(Comparator.comparing(Assessment::assessedOn).thenComparing(Assessment::firmId)).toList();

        List<Long> firmIds = new ArrayList<>();
        drafts.stream().limit(LIMIT).forEach(a -> firmIds.add(a.firmId()));
        submitted.stream().limit(LIMIT).forEach(a -> firmIds.add(a.firmId()));
        due.stream().limit(LIMIT).forEach(a -> firmIds.add(a.firmId()));
        Map<Long, Firm> named = firms.byId(firmIds);
        return new Worklist(entries(drafts, named), entries(submitted, named),
                due.stream().limit(LIMIT).map(a -> due(a, named.get(a.firmId()))).toList(),
                Map.of("drafts", drafts.size(), "awaitingValidation", submitted.size(), "due", due.size()));
    }

    private static List<WorklistEntry> entries(List<Assessment> list, Map<Long, Firm> named) {
        return list.stream().limit(LIMIT).map(a -> {
            Firm f = named.get(a.firmId());
            return new WorklistEntry(a.id(), a.firmId(), f == null ? null : f.name(), f == null ? null : f.code(), a.modelId(), a.modelVersion(),
                    a.wave(), a.assessedOn(), a.status(), a.revision(), a.createdBy(), a.selfAssessment());
        }).toList();
    }

    private WorklistDue due(Assessment a, Firm f) {
        return new WorklistDue(a.firmId(), f == null ? null : f.name(), f == null ? null : f.code(), a.modelId(), a.modelVersion(), a.id(),
                a.wave(), a.assessedOn(), "T" + (a.waveNumber() + 1), a.assessedOn().plusMonths(nextWaveMonths));
    }
}
