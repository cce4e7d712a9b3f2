package org.i4tracker.assessment;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchiveImport;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.common.DomainException;
import org.i4tracker.archive.RegionArchiveScope;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code assessments-<model>-<version>.csv} of an export, one file per model version: the current validated
 * assessments of the exported firms with their answers and scores, in the layout of
 * {@code GET /api/v1/assessments/export}, which {@code POST /api/v1/assessments/import} reads back; and their import.
 */
@Singleton
class AssessmentArchivePart implements RegionArchivePart {

    private static final Pattern FILE = Pattern.compile("assessments-[A-Za-z0-9._-]+\\.csv");

    private final AssessmentRepository assessments;
    private final AssessmentService service;
    private final AssessmentCsv csv;
    private final AssessmentImport imports;

    AssessmentArchivePart(AssessmentRepository assessments, AssessmentService service, AssessmentCsv csv, AssessmentImport imports) {
        this.assessments = assessments;
        this.service = service;
        this.csv = csv;
        this.imports = imports;
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

    @Override
    public boolean reads(String fileName) {
        return FILE.matcher(fileName).matches();
    }

    @Override
    public int readOrder() {
        return 50;
    }

    /**
     * Each assessments file through the assessment import (atomic, the importing administrator as assessor), its firm ids
     * replaced: every row is checked and validated again and its scores computed by the model here; the file's score
     * columns are ignored. A file of a model version this instance does not have is an error of its header.
     */
    @Override
    public void read(RegionArchiveImport archive) {
        for (String file : archive.fileNames()) {
            if (!reads(file) || archive.stopped()) {
                continue;
            }
            Optional<String[]> model = modelOf(file);
            if (model.isEmpty()) {
                archive.reject(file, "the file name names no model version this instance has; publish the model first");
                continue;
            }
            String modelId = model.get()[0];
            String version = model.get()[1];
            archive.importFile(file, new LinkedHashSet<>(AssessmentImport.KEY_COLUMNS),
                    AssessmentImport.knownColumns(service.engine(modelId, version).model()), Map.of("firmId", archive.firms().cells()),
                    // an administrator's import of firms the archive itself creates: every firm may be written
                    (table, progress) -> imports.run(modelId, version, table, true, archive.user(), firmId -> true, progress));
        }
    }

    /** The model id and version of {@code assessments-<model>-<version>.csv}: the split at a '-' that names a published model version. */
    private Optional<String[]> modelOf(String file) {
        String name = file.substring("assessments-".length(), file.length() - ".csv".length());
        for (int dash = name.lastIndexOf('-'); dash > 0; dash = name.lastIndexOf('-', dash - 1)) {
            try {
                service.engine(name.substring(0, dash), name.substring(dash + 1));
                return Optional.of(new String[] {name.substring(0, dash), name.substring(dash + 1)});
            } catch (DomainException e) {
                // not this split
            }
        }
        return Optional.empty();
    }
}
