package org.i4tracker.programme;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.archive.RegionArchiveScope;
import org.i4tracker.common.CsvTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code programmes.csv} (the programmes of the exported regions: id, code, name, regionId, parentId, districtId,
 * startsOn, endsOn, enrolFrom, enrolUntil, publicShare, firmShare) and {@code enrolments.csv} (their enrolments of
 * exported firms only: id, programmeId, firmId, enrolledOn, withdrawnOn, withdrawalReason) of an export.
 */
@Singleton
class ProgrammeArchivePart implements RegionArchivePart {

    private final ProgrammeRepository programmes;
    private final EnrolmentRepository enrolments;

    ProgrammeArchivePart(ProgrammeRepository programmes, EnrolmentRepository enrolments) {
        this.programmes = programmes;
        this.enrolments = enrolments;
    }

    @Override
    public Map<String, String> files(RegionArchiveScope scope) {
        List<Programme> exported = programmes.findByRegionIdInOrderById(scope.regionIds());
        List<List<Object>> programmeRows = new ArrayList<>();
        List<List<Object>> enrolmentRows = new ArrayList<>();
        for (Programme p : exported) {
            programmeRows.add(Arrays.asList(p.id(), p.code(), p.name(), p.regionId(), p.parentId(), p.districtId(), p.startsOn(),
                    p.endsOn(), p.enrolFrom(), p.enrolUntil(), p.publicShare(), p.firmShare()));
            for (Enrolment e : enrolments.findByProgrammeIdOrderByEnrolledOn(p.id())) {
                if (scope.firmIds().contains(e.firmId())) {
                    enrolmentRows.add(Arrays.asList(e.id(), e.programmeId(), e.firmId(), e.enrolledOn(), e.withdrawnOn(), e.withdrawalReason()));
                }
            }
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put("programmes.csv", CsvTable.write(List.of("id", "code", "name", "regionId", "parentId", "districtId", "startsOn", "endsOn",
                "enrolFrom", "enrolUntil", "publicShare", "firmShare"), programmeRows));
        files.put("enrolments.csv", CsvTable.write(List.of("id", "programmeId", "firmId", "enrolledOn", "withdrawnOn", "withdrawalReason"),
                enrolmentRows));
        return files;
    }
}
