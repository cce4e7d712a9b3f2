package org.i4tracker.programme;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchiveImport;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.archive.RegionArchiveScope;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.job.CsvImports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code programmes.csv} (the programmes of the exported regions: id, code, name, regionId, parentId, districtId,
 * startsOn, endsOn, enrolFrom, enrolUntil, publicShare, firmShare) and {@code enrolments.csv} (their enrolments of
 * exported firms only: id, programmeId, firmId, enrolledOn, withdrawnOn, withdrawalReason) of an export, and their import.
 */
@Singleton
class ProgrammeArchivePart implements RegionArchivePart {

    static final List<String> PROGRAMME_COLUMNS = List.of("id", "code", "name", "regionId", "parentId", "districtId", "startsOn", "endsOn",
            "enrolFrom", "enrolUntil", "publicShare", "firmShare");
    static final List<String> ENROLMENT_COLUMNS = List.of("id", "programmeId", "firmId", "enrolledOn", "withdrawnOn", "withdrawalReason");

    private final ProgrammeRepository programmes;
    private final EnrolmentRepository enrolments;
    private final ProgrammeRegistry registry;
    private final EnrolmentRegistry enrolling;
    private final CsvImports imports;

    ProgrammeArchivePart(ProgrammeRepository programmes, EnrolmentRepository enrolments, ProgrammeRegistry registry,
                         EnrolmentRegistry enrolling, CsvImports imports) {
        this.programmes = programmes;
        this.enrolments = enrolments;
        this.registry = registry;
        this.enrolling = enrolling;
        this.imports = imports;
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
        files.put("programmes.csv", CsvTable.write(PROGRAMME_COLUMNS, programmeRows));
        files.put("enrolments.csv", CsvTable.write(ENROLMENT_COLUMNS, enrolmentRows));
        return files;
    }

    @Override
    public boolean reads(String fileName) {
        return fileName.equals("programmes.csv") || fileName.equals("enrolments.csv");
    }

    @Override
    public int readOrder() {
        return 30;
    }

    private record ProgrammeRow(String exportedId, String exportedParent, ProgrammeRequest request) {
    }

    private record EnrolmentRow(long programmeId, long firmId, LocalDate enrolledOn, LocalDate withdrawnOn, String reason) {
    }

    /**
     * programmes.csv (region and district ids replaced; a district adaptation's base programme on an earlier line) and
     * enrolments.csv (programme and firm ids replaced), written as through the API: codes must be new here, enrolments
     * meet their programme's dates, a withdrawal is recorded after its enrolment.
     */
    @Override
    public void read(RegionArchiveImport archive) {
        Set<String> ids = new HashSet<>();
        Set<String> codes = new HashSet<>();
        archive.importFile("programmes.csv", Set.of("id", "code", "name", "regionId", "startsOn", "publicShare", "firmShare"),
                new LinkedHashSet<>(PROGRAMME_COLUMNS), Map.of("regionId", archive.regions().cells(), "districtId", archive.districts().cells()),
                (table, progress) -> imports.run(table, true, progress, row -> {
                    String id = Check.notBlank(row.get("id"), "id", 32);
                    String parent = row.get("parentId");
                    Check.that(parent == null || ids.contains(parent), "parentId", "must be the id of a programme on an earlier line");
                    Check.that(ids.add(id), "id", "appears on an earlier line");
                    ProgrammeRequest request = request(row, parent == null ? null : 0L);
                    request.toProgramme(null);
                    if (!codes.add(request.code()) || programmes.existsByCode(request.code())) {
                        throw DomainException.conflict("code", "a programme with code " + request.code() + " already exists");
                    }
                    return new ProgrammeRow(id, parent, request);
                }, r -> {
                    ProgrammeRequest q = r.request();
                    Long parent = r.exportedParent() == null ? null : archive.programmes().get(r.exportedParent());
                    archive.programmes().put(r.exportedId(), registry.create(new ProgrammeRequest(q.code(), q.name(), null, q.regionId(), parent,
                            q.districtId(), q.startsOn(), q.endsOn(), null, null, q.eligibility(), q.coFunding(), null)).id());
                }));
        archive.importFile("enrolments.csv", Set.of("programmeId", "firmId", "enrolledOn"), new LinkedHashSet<>(ENROLMENT_COLUMNS),
                Map.of("programmeId", archive.programmes().cells(), "firmId", archive.firms().cells()),
                (table, progress) -> imports.run(table, true, progress, row -> new EnrolmentRow(Long.parseLong(row.get("programmeId")),
                        Long.parseLong(row.get("firmId")), date(row, "enrolledOn"), date(row, "withdrawnOn"),
                        Check.optionalText(row.get("withdrawalReason"), "withdrawalReason", 2000)), e -> {
                    EnrolmentView enrolled = enrolling.enrol(e.programmeId(), e.firmId(), e.enrolledOn(), List.of());
                    if (e.withdrawnOn() != null) {
                        enrolling.withdraw(e.programmeId(), enrolled.id(), e.withdrawnOn(), e.reason(), enrolled.version());
                    }
                }));
    }

    private static ProgrammeRequest request(CsvTable.Row row, Long parentId) {
        Eligibility eligibility = new Eligibility(null, null, null, null, date(row, "enrolFrom"), date(row, "enrolUntil"));
        return new ProgrammeRequest(row.get("code"), row.get("name"), null, Long.parseLong(row.get("regionId")), parentId,
                row.get("districtId") == null ? null : Long.parseLong(row.get("districtId")), date(row, "startsOn"), date(row, "endsOn"),
                null, null, eligibility, new ProgrammeView.CoFunding(decimal(row, "publicShare"), decimal(row, "firmShare")), null);
    }

    private static LocalDate date(CsvTable.Row row, String column) {
        String cell = row.get(column);
        try {
            return cell == null ? null : Check.date(LocalDate.parse(cell), column);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(column, "must be an ISO date such as 2024-03-31");
        }
    }

    private static BigDecimal decimal(CsvTable.Row row, String column) {
        String cell = Check.notNull(row.get(column), column);
        try {
            return new BigDecimal(cell);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(column, "must be a number");
        }
    }
}
