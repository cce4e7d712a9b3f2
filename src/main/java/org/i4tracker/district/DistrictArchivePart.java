package org.i4tracker.district;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.archive.RegionArchiveScope;
import org.i4tracker.common.CsvTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code regions.csv} (id, code, name, parentId) and {@code districts.csv} (id, regionId, name, naceCode, description) of an export. */
@Singleton
class DistrictArchivePart implements RegionArchivePart {

    private final RegionRepository regions;
    private final DistrictRepository districts;

    DistrictArchivePart(RegionRepository regions, DistrictRepository districts) {
        this.regions = regions;
        this.districts = districts;
    }

    @Override
    public Map<String, String> files(RegionArchiveScope scope) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("regions.csv", CsvTable.write(List.of("id", "code", "name", "parentId"), scope.regionIds().stream()
                .map(id -> regions.findById(id).orElseThrow())
                .map(r -> cells(r.id(), r.code(), r.name(), r.id() == scope.regionId() ? null : r.parentId())).toList()));
        files.put("districts.csv", CsvTable.write(List.of("id", "regionId", "name", "naceCode", "description"), scope.districtIds().stream()
                .map(id -> districts.findById(id).orElseThrow())
                .map(d -> cells(d.id(), d.regionId(), d.name(), d.naceCode(), d.description())).toList()));
        return files;
    }

    private static List<Object> cells(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
