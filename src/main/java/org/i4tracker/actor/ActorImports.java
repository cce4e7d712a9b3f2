package org.i4tracker.actor;

import jakarta.inject.Singleton;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.job.CsvImports;
import org.i4tracker.job.JobProgress;

import java.util.HashSet;
import java.util.Set;

/**
 * Imports firms and links from CSV: how a row becomes a firm or a link and what is checked
 * (values, references, duplicates within the file and against stored firms). The loop itself —
 * atomic or row by row, progress, cancellation — is {@link CsvImports}.
 */
@Singleton
class ActorImports {

    private final FirmService firms;
    private final FirmRepository firmRepository;
    private final LinkService links;
    private final CsvImports imports;

    ActorImports(FirmService firms, FirmRepository firmRepository, LinkService links, CsvImports imports) {
        this.firms = firms;
        this.firmRepository = firmRepository;
        this.links = links;
        this.imports = imports;
    }

    private record FirmRow(Firm firm, Capabilities capabilities) {
    }

    ImportReport importFirms(CsvTable table, boolean atomic, JobProgress progress) {
        Set<String> seen = new HashSet<>();
        return imports.run(table, atomic, progress, row -> {
            FirmRequest request = ActorCsv.firm(row);
            Firm firm = request.toFirm(null);
            Capabilities capabilities = request.capabilitiesOrNone();
            firms.checkReferences(firm, capabilities);
            if (!seen.add(firm.districtId() + "/" + firm.code())
                    || firmRepository.existsByDistrictIdAndCode(firm.districtId(), firm.code())) {
                throw DomainException.conflict("code", "district " + firm.districtId() + " already has a firm with code " + firm.code());
            }
            return new FirmRow(firm, capabilities);
        }, r -> firms.create(r.firm(), r.capabilities()));
    }

    ImportReport importLinks(CsvTable table, boolean atomic, JobProgress progress) {
        return imports.run(table, atomic, progress, row -> {
            Link link = ActorCsv.link(row);
            links.checkEnds(link);
            return link;
        }, links::create);
    }
}
