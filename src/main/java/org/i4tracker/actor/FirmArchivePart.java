package org.i4tracker.actor;

import jakarta.inject.Singleton;
import org.i4tracker.archive.RegionArchivePart;
import org.i4tracker.archive.RegionArchiveScope;
import org.i4tracker.common.CsvTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The firms of an export in the firm import's layout ({@code firms.csv}), the exported id of each
 * ({@code firm-ids.csv}: firmId, districtId, code — a firm's code is unique in its district, so it finds the
 * firm again after an import), and {@code links.csv} in the link import's layout: the links whose every
 * firm end is an exported firm (a link to a firm the caller may not see would name that firm).
 */
@Singleton
class FirmArchivePart implements RegionArchivePart {

    private final FirmRepository firms;
    private final FirmService service;
    private final ActorLinkRepository links;

    FirmArchivePart(FirmRepository firms, FirmService service, ActorLinkRepository links) {
        this.firms = firms;
        this.service = service;
        this.links = links;
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
        files.put("firm-ids.csv", CsvTable.write(List.of("firmId", "districtId", "code"),
                views.stream().map(f -> List.<Object>of(f.id(), f.districtId(), f.code())).toList()));
        files.put("links.csv", ActorCsv.write(ActorCsv.LINK_COLUMNS, exported.stream().map(ActorCsv::linkCells).toList()));
        return files;
    }
}
