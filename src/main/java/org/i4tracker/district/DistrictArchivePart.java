package org.i4tracker.district;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchiveImport;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.archive.RegionArchiveScope;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.job.CsvImports;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code regions.csv} (id, code, name, parentId; every region after its parent, the exported region first with no
 * parent) and {@code districts.csv} (id, regionId, name, naceCode, description) of an export, and their import.
 */
@Singleton
class DistrictArchivePart implements RegionArchivePart {

    static final List<String> REGION_COLUMNS = List.of("id", "code", "name", "parentId");
    static final List<String> DISTRICT_COLUMNS = List.of("id", "regionId", "name", "naceCode", "description");

    private final RegionRepository regions;
    private final DistrictRepository districts;
    private final CsvImports imports;

    DistrictArchivePart(RegionRepository regions, DistrictRepository districts, CsvImports imports) {
        this.regions = regions;
        this.districts = districts;
        this.imports = imports;
    }

    @Override
    public Map<String, String> files(RegionArchiveScope scope) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("regions.csv", CsvTable.write(REGION_COLUMNS, parentsFirst(scope).stream()
                .map(r -> cells(r.id(), r.code(), r.name(), r.id() == scope.regionId() ? null : r.parentId())).toList()));
        files.put("districts.csv", CsvTable.write(DISTRICT_COLUMNS, scope.districtIds().stream()
                .map(id -> districts.findById(id).orElseThrow())
                .map(d -> cells(d.id(), d.regionId(), d.name(), d.naceCode(), d.description())).toList()));
        return files;
    }

    /** The scope's regions by depth below the exported one, then by id: a region's parent comes before it. */
    private List<Region> parentsFirst(RegionArchiveScope scope) {
        Map<Long, Region> byId = new HashMap<>();
        scope.regionIds().forEach(id -> byId.put(id, regions.findById(id).orElseThrow()));
        Map<Long, Integer> depth = new HashMap<>();
        for (Region r : byId.values()) {
            int d = 0;
            for (Region at = r; at.id() != scope.regionId() && d <= byId.size(); at = byId.get(at.parentId())) {
                d++;
            }
            depth.put(r.id(), d);
        }
        return byId.values().stream().sorted(Comparator.comparing((Region r) -> depth.get(r.id())).thenComparing(Region::id)).toList();
    }

    @Override
    public boolean reads(String fileName) {
        return fileName.equals("regions.csv") || fileName.equals("districts.csv");
    }

    @Override
    public int readOrder() {
        return 10;
    }

    /** The archive must hold regions.csv, and none of its region codes may exist here already (409). */
    @Override
    public void precheck(RegionArchiveImport archive) {
        CsvTable table = archive.parse("regions.csv", Set.of("id", "code", "name"), new LinkedHashSet<>(REGION_COLUMNS));
        Check.that(!table.rows().isEmpty(), "regions.csv", "has no region");
        for (CsvTable.Row row : table.rows()) {
            String code = row.get("code");
            if (code != null && regions.existsByCode(code)) {
                throw DomainException.conflict("regions.csv", "line " + row.line() + ": a region with code " + code
                        + " already exists; an archive is imported into an instance that does not have its regions");
            }
        }
    }

    private record RegionRow(String exportedId, String exportedParent, Region region) {
    }

    private record DistrictRow(String exportedId, District district) {
    }

    @Override
    public void read(RegionArchiveImport archive) {
        Set<String> regionIds = new HashSet<>();
        Set<String> codes = new HashSet<>();
        archive.importFile("regions.csv", Set.of("id", "code", "name"), new LinkedHashSet<>(REGION_COLUMNS), Map.of(),
                (table, progress) -> imports.run(table, true, progress, row -> checkRegion(row, regionIds, codes), r -> {
                    Long parent = r.exportedParent() == null ? null : archive.regions().get(r.exportedParent());
                    Region saved = regions.save(new Region(null, r.region().code(), r.region().name(), parent, null));
                    archive.regions().put(r.exportedId(), saved.id());
                    if (parent == null) {
                        archive.regionCreated(saved.id());
                    }
                }));
        Set<String> seen = new HashSet<>();
        archive.importFile("districts.csv", Set.of("id", "regionId", "name", "naceCode"), new LinkedHashSet<>(DISTRICT_COLUMNS),
                Map.of("regionId", archive.regions().cells()),
                (table, progress) -> imports.run(table, true, progress, row -> {
                    String id = Check.notBlank(row.get("id"), "id", 32);
                    District d = new District(null, Long.parseLong(row.get("regionId")), row.get("name"), row.get("naceCode"),
                            row.get("description"), null);
                    if (!seen.add(d.regionId() + "/" + d.name())) {
                        throw DomainException.conflict("name", "the region has two districts named " + d.name());
                    }
                    return new DistrictRow(id, d);
                }, r -> archive.districts().put(r.exportedId(), districts.save(r.district()).id())));
    }

    /** A row of regions.csv checked against the rows before it ({@code ids}, {@code codes}) and the stored regions. */
    private RegionRow checkRegion(CsvTable.Row row, Set<String> ids, Set<String> codes) {
        String id = Check.notBlank(row.get("id"), "id", 32);
        String parent = row.get("parentId");
        Region region = new Region(null, row.get("code"), row.get("name"), null, null);
        if (ids.isEmpty()) {
            Check.that(parent == null, "parentId", "the first region is the exported one and has no parent here");
        } else {
            Check.that(parent != null && ids.contains(parent), "parentId", "must be the id of a region on an earlier line");
        }
        Check.that(!ids.contains(id), "id", "appears on an earlier line");
        Check.that(codes.add(region.code()), "code", "appears on an earlier line");
        if (regions.existsByCode(region.code())) {
            // the check at upload found no such code, so it came after: the same archive racing this one, or a user
            throw DomainException.conflict("code", "a region with code " + region.code() + " was imported meanwhile by another job"
                    + " (or created by a user) after this archive was checked; nothing of this archive was written");
        }
        ids.add(id);
        return new RegionRow(id, parent, region);
    }

    private static List<Object> cells(Object... values) {
        return Arrays.asList(values);
    }
}
