package org.i4tracker.actor;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchiveImport;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.archive.RegionArchiveScope;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The firms of an export in the firm import's layout ({@code firms.csv}), the exported id of each
 * ({@code firm-ids.csv}: firmId, districtId, code — a firm's code is unique in its district, so it finds the
 * firm again after an import), and {@code links.csv} in the link import's layout: the links whose every
 * firm end is an exported firm (a link to a firm the caller may not see would name that firm); and their import.
 */
@Singleton
class FirmArchivePart implements RegionArchivePart {

    private static final List<String> FIRM_ID_COLUMNS = List.of("firmId", "districtId", "code");

    private final FirmRepository firms;
    private final FirmService service;
    private final ActorLinkRepository links;
    private final ActorImports imports;

    FirmArchivePart(FirmRepository firms, FirmService service, ActorLinkRepository links, ActorImports imports) {
        this.firms = firms;
        this.service = service;
        this.links = links;
        this.imports = imports;
    }

    @Override
    public Map<String, String> files(RegionArchiveScope scope) {
        List<FirmView> views = scope.firmIds().isEmpty() ? List.of()
                : service.views(new ArrayList<>(firms.findByIdIn(scope.firmIds()))).stream().sorted(Comparator.comparing(FirmView::id)).toList();
        List<Link> exported = scope.firmIds().isEmpty() ? List.of()
                : links.findWithinFirms(scope.firmIds()).stream().filter(l -> l.fromFirmId() != null || l.toFirmId() != null)
                .sorted(Comparator.comparing(ActorLink::id)).map(ActorLink::toLink).toList();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("firms.csv", ActorCsv.write(ActorCsv.FIRM_COLUMNS, views.stream().map(ActorCsv::firmCells).toList()));
        files.put("firm-ids.csv", CsvTable.write(FIRM_ID_COLUMNS,
                views.stream().map(f -> List.<Object>of(f.id(), f.districtId(), f.code())).toList()));
        files.put("links.csv", ActorCsv.write(ActorCsv.LINK_COLUMNS, exported.stream().map(ActorCsv::linkCells).toList()));
        return files;
    }

    @Override
    public boolean reads(String fileName) {
        return fileName.equals("firms.csv") || fileName.equals("firm-ids.csv") || fileName.equals("links.csv");
    }

    @Override
    public int readOrder() {
        return 20;
    }

    /**
     * firms.csv through the firm import (district ids replaced); then firm-ids.csv finds each new firm by its new
     * district and code; then links.csv through the link import, its FIRM ends replaced (INSTITUTION ends keep their
     * ids: institutions are not in the archive, and an end that does not exist here is an error of its line).
     */
    @Override
    public void read(RegionArchiveImport archive) {
        archive.importFile("firms.csv", ActorCsv.FIRM_REQUIRED, new LinkedHashSet<>(ActorCsv.FIRM_COLUMNS),
                Map.of("districtId", archive.districts().cells()), (table, progress) -> imports.importFirms(table, true, progress));
        Set<String> columns = new LinkedHashSet<>(FIRM_ID_COLUMNS);
        archive.readRows("firm-ids.csv", columns, columns, row -> {
            Long district = archive.districts().get(row.get("districtId"));
            Check.that(district != null, "districtId", "names no district of this archive");
            Firm firm = firms.findByDistrictIdAndCode(district, Check.notNull(row.get("code"), "code"))
                    .orElseThrow(() -> DomainException.invalid("code", "firms.csv has no firm " + row.get("code") + " in district "
                            + row.get("districtId")));
            archive.firms().put(Check.notNull(row.get("firmId"), "firmId"), firm.id());
        });
        UnaryOperator<String> firmRef = ref -> {
            if (!ref.regionMatches(true, 0, "FIRM:", 0, 5)) {
                return ref;
            }
            Long id = archive.firms().get(ref.substring(5).strip());
            return id == null ? null : "FIRM:" + id;
        };
        archive.importFile("links.csv", ActorCsv.LINK_REQUIRED, new LinkedHashSet<>(ActorCsv.LINK_COLUMNS), Map.of("from", firmRef, "to", firmRef),
                (table, progress) -> imports.importLinks(table, true, progress));
    }
}
