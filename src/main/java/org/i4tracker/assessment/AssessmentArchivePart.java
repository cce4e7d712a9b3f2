package org.i4tracker.assessment;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.archive.RegionArchiveScope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code assessments-<model>-<version>.csv} of an export, one file per model version: the current validated
 * assessments of the exported firms with their answers and scores, in the layout of
 * {@code GET /api/v1/assessments/export}, which {@code POST /api/v1/assessments/import} reads back.
 */
@Singleton
class AssessmentArchivePart implements RegionArchivePart {

    private final AssessmentRepository assessments;
    private final AssessmentService service;
    private final AssessmentCsv csv;

    AssessmentArchivePart(AssessmentRepository assessments, AssessmentService service, AssessmentCsv csv) {
        this.assessments = assessments;
        this.service = service;
        this.csv = csv;
    }

    @Override
    public Map<String, String> files(RegionArchiveScope scope) {
        if (scope.firmIds().isEmpty()) {
            return Map.of();
        }
        Map<String, List<Assessment>> byModel = assessments.findValidatedOfFirms(scope.firmIds()).stream()
                .collect(Collectors.groupingBy(a -> a.modelId() + "@" + a.modelVersion(), LinkedHashMap::new, Collectors.toList()));
        Map<String, String> files = new LinkedHashMap<>();
        byModel.forEach((key, rows) -> {
            Assessment first = rows.get(0);
            files.put("assessments-" + first.modelId() + "-" + first.modelVersion() + ".csv",
                    csv.write(service.engine(first.modelId(), first.modelVersion()).model(), rows));
        });
        return files;
    }
}
