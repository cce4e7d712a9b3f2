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
 * (default 12). The drafts and the assessments awaiting validation hold at most {@value #LIMIT} rows each, oldest first;
 * the due firms are paged ({@code duePage}; by default the first {@value #LIMIT}, oldest first); {@code totals} counts all.
 */
@Singleton
class AssessmentWorklist {

    static final int LIMIT = 100;

    @Introspected
    record Worklist(List<WorklistEntry> drafts, List<WorklistEntry> awaitingValidation, List<WorklistDue> due,
                    Map<String, Integer> totals, Paging duePage) {
    }

    /** Which page of the due firms {@code due} holds (from 0), the page size and the number of pages; {@code totals.due} counts the firms. */
    @Introspected
    record Paging(int page, int size, int totalPages) {
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

    /** The caller's worklist, with the due firms of page {@code duePage} of {@code dueSize} rows. */
    Worklist of(String user, String modelId, LocalDate today, int duePage, int dueSize) {
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

        List<Assessment> duePageRows = due.stream().skip((long) duePage * dueSize).limit(dueSize).toList();
        List<Long> firmIds = new ArrayList<>();
        drafts.stream().limit(LIMIT).forEach(a -> firmIds.add(a.firmId()));
        submitted.stream().limit(LIMIT).forEach(a -> firmIds.add(a.firmId()));
        duePageRows.forEach(a -> firmIds.add(a.firmId()));
        Map<Long, Firm> named = firms.byId(firmIds);
        return new Worklist(entries(drafts, named), entries(submitted, named),
                duePageRows.stream().map(a -> due(a, named.get(a.firmId()))).toList(),
                Map.of("drafts", drafts.size(), "awaitingValidation", submitted.size(), "due", due.size()),
                new Paging(duePage, dueSize, (due.size() + dueSize - 1) / dueSize));
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
