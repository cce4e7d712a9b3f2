package org.i4tracker.diffusion;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchiveImport;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.archive.RegionArchiveScope;
import org.i4tracker.common.CsvTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code adoptions.csv} of an export: the exported firms' adoptions in the layout {@code POST /api/v1/imports/adoptions} reads; and its import. */
@Singleton
class AdoptionArchivePart implements RegionArchivePart {

    private final AdoptionRepository adoptions;
    private final AdoptionImport imports;

    AdoptionArchivePart(AdoptionRepository adoptions, AdoptionImport imports) {
        this.adoptions = adoptions;
        this.imports = imports;
    }

    @Override
    public Map<String, String> files(RegionArchiveScope scope) {
        List<Adoption> rows = scope.firmIds().isEmpty() ? List.of()
                : adoptions.findByFirmIdIn(scope.firmIds()).stream().sorted(Comparator.comparing(Adoption::id)).toList();
        List<List<Object>> cells = new ArrayList<>();
        for (Adoption a : rows) {
            cells.add(Arrays.asList(a.firmId(), a.technologyCode(), a.adoptedOn(), a.source().name(), a.programmeId(), a.reference()));
        }
        return Map.of("adoptions.csv", CsvTable.write(new ArrayList<>(AdoptionImport.COLUMNS), cells));
    }

    @Override
    public boolean reads(String fileName) {
        return fileName.equals("adoptions.csv");
    }

    @Override
    public int readOrder() {
        return 40;
    }

    /** adoptions.csv through the adoption import, its firm and programme ids replaced. */
    @Override
    public void read(RegionArchiveImport archive) {
        archive.importFile("adoptions.csv", AdoptionImport.REQUIRED, AdoptionImport.COLUMNS,
                Map.of("firmId", archive.firms().cells(), "programmeId", archive.programmes().cells()),
                (table, progress) -> imports.run(table, true, progress));
    }
}
