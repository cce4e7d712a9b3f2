package org.i4tracker.typology;

import jakarta.inject.Singleton;
import org.i4tracker.access.JobAudit;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.common.NaceCode;
import org.i4tracker.job.CsvImports;
import org.i4tracker.job.JobProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Employment statistics (region × industry × year) and the typology computed from them. National
 * totals are the sums over the stored regions of that year: E = Σ_j E_j (each region's total counted
 * once) and E_i = Σ_j E_ij, so the stored regions are taken to partition the country.
 * An import row replaces the stored row with the same region, industry and year.
 */
@Singleton
class StoredTypology {

    private static final Logger LOG = LoggerFactory.getLogger(StoredTypology.class);
    static final String IMPORT_PATH = "/api/v1/imports/employment-statistics";
    static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("regionCode", "naceCode", "year", "totalEmployment",
            "industryEmployment", "establishments"));
    /** Rows per write transaction of an import. */
    private static final int BATCH_SIZE = 500;

    private final EmploymentStatisticRepository statistics;
    private final TypologySettings settings;
    private final CsvImports imports;
    private final JobAudit audit;

    StoredTypology(EmploymentStatisticRepository statistics, TypologySettings settings, CsvImports imports, JobAudit audit) {
        this.statistics = statistics;
        this.settings = settings;
        this.imports = imports;
        this.audit = audit;
    }

    TypologyResult typology(String industry, Integer year) {
        Check.notNull(year, "year");
        String nace = NaceCode.of(industry, "industry").value();
        List<EmploymentStatistic> rows = statistics.findByNaceCodeAndReferenceYearOrderByRegionCode(nace, year);
        if (rows.isEmpty()) {
            throw DomainException.unprocessable("industry", "no employment statistics for industry " + nace + " in " + year);
        }
        Map<String, Long> regionTotals = new LinkedHashMap<>();
        statistics.findByReferenceYear(year).forEach(s -> regionTotals.putIfAbsent(s.regionCode(), s.totalEmployment()));
        double national = regionTotals.values().stream().mapToLong(Long::longValue).sum();
        double industryTotal = rows.stream().mapToLong(EmploymentStatistic::industryEmployment).sum();
        if (industryTotal <= 0) {
            throw DomainException.unprocessable("industry", "industry " + nace + " has no employment in " + year);
        }
        return new LocalProductionSystemTypology(settings.defaults()).classify(national, industryTotal, rows.stream()
                .map(s -> new RegionIndustry(s.regionCode(), s.totalEmployment(), s.industryEmployment(), s.establishments())).toList());
    }

    /**
     * Who imports: the user and role for the audit (none for the demo loader), and the codes of the regions whose
     * stored figures the importer may change ({@link org.i4tracker.access.FirmAccess#managedRegionCodes}; empty = every region).
     */
    record Importer(String username, String role, Optional<Set<String>> managedRegions) {

        /** The demo loader: every region, nothing audited (no user asked). */
        static final Importer LOADER = new Importer(null, null, Optional.empty());

        boolean mayChange(String regionCode) {
            return managedRegions.map(codes -> codes.contains(regionCode)).orElse(true);
        }
    }

    /**
     * Imports employment statistics through the {@link CsvImports} pipeline: a row must agree with the other rows
     * of its region and year on the region's total employment, and replaces the stored row of the same region,
     * industry and year. Statistics are public regional figures, but one agency must not rewrite another's:
     * anyone admitted may add a row that no stored row has (national totals need every region), while a row that
     * would change a stored figure — the row's own figures, or the region's total employment of that year — is
     * refused unless the importer may change that region ({@link Importer#mayChange}); the refusal is a row error
     * naming the region. A row equal to the stored one changes nothing and is accepted. The outcome (rows added,
     * changed, refused) is audited under the importer's name.
     */
    ImportReport importCsv(CsvTable table, boolean atomic, JobProgress progress, Importer by) {
        Map<String, Long> totals = new LinkedHashMap<>();
        Map<Integer, Map<String, EmploymentStatistic>> storedByYear = new HashMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        ImportReport report = imports.run(table, atomic, progress, new CsvImports.Options(BATCH_SIZE, 0),
                new CsvImports.RowImport<EmploymentStatistic>() {
                    @Override
                    public EmploymentStatistic check(CsvTable.Row row) {
                        EmploymentStatistic s = parse(row);
                        Long known = totals.putIfAbsent(s.regionCode() + "/" + s.referenceYear(), s.totalEmployment());
                        Check.that(known == null || known == s.totalEmployment(), "totalEmployment",
                                "differs from another row of region " + s.regionCode() + " in " + s.referenceYear() + " (" + known + ")");
                        Map<String, EmploymentStatistic> stored = storedByYear.computeIfAbsent(s.referenceYear(), StoredTypology.this::storedOf);
                        EmploymentStatistic old = stored.get(key(s.regionCode(), s.naceCode()));
                        if (!by.mayChange(s.regionCode())) {
                            checkChangesNothing(s, old, stored.values());
                        }
                        if (old == null) {
                            added.add(s.regionCode() + " " + s.naceCode() + " " + s.referenceYear());
                        } else if (!sameFigures(old, s)) {
                            changed.add(s.regionCode() + " " + s.naceCode() + " " + s.referenceYear());
                        }
                        return s;
                    }

                    @Override
                    public void write(List<EmploymentStatistic> rows) {
                        rows.forEach(StoredTypology.this::upsert);
                    }
                });
        LOG.info("employment statistics imported rows={} written={} errors={} cancelled={} by={}", report.rows(), report.written(),
                report.errors().size(), report.cancelled(), by.username());
        if (by.username() != null) {
            audit.record(by.username(), by.role(), progress.jobId().stream().mapToObj(id -> "/api/v1/jobs/" + id).findFirst()
                    .orElse(IMPORT_PATH), outcome(report, added, changed));
        }
        return report;
    }

    /** Refuses a row of a region the importer may not change when it would change a stored figure of that region. */
    private static void checkChangesNothing(EmploymentStatistic s, EmploymentStatistic old, Collection<EmploymentStatistic> storedOfYear) {
        String outside = "region " + s.regionCode() + " is outside your agency's region: ";
        Check.that(old == null || sameFigures(old, s), "regionCode", outside + "its stored figures for " + s.naceCode() + " in "
                + s.referenceYear() + " are changed only by its own agency or an administrator (new rows may be added)");
        storedOfYear.stream().filter(o -> o.regionCode().equals(s.regionCode()) && o.totalEmployment() != s.totalEmployment())
                .findFirst().ifPresent(o -> {
                    throw DomainException.invalid("totalEmployment", outside + "its stored total employment in " + s.referenceYear()
                            + " is " + o.totalEmployment() + " and is changed only by its own agency or an administrator");
                });
    }

    private static boolean sameFigures(EmploymentStatistic a, EmploymentStatistic b) {
        return a.totalEmployment() == b.totalEmployment() && a.industryEmployment() == b.industryEmployment()
                && a.establishments() == b.establishments();
    }

    private Map<String, EmploymentStatistic> storedOf(int year) {
        Map<String, EmploymentStatistic> stored = new HashMap<>();
        statistics.findByReferenceYear(year).forEach(s -> stored.put(key(s.regionCode(), s.naceCode()), s));
        return stored;
    }

    private static String key(String region, String nace) {
        return region + "/" + nace;
    }

    /** The audit detail of an import: counts, and the first rows added and changed. */
    private static String outcome(ImportReport report, List<String> added, List<String> changed) {
        String result = report.cancelled() ? "cancelled" : report.written() == 0 && !report.errors().isEmpty() && report.atomic()
                ? "nothing written" : "written " + report.written();
        return "employment statistics import: " + report.rows() + " rows, " + result + ", " + (report.errors().size() + report.errorsNotListed()) + " refused"
                + (report.written() > 0 ? "; added " + added.size() + sample(added) + "; changed " + changed.size() + sample(changed) : "");
    }

    private static String sample(List<String> rows) {
        return rows.isEmpty() ? "" : " (" + String.join(", ", rows.subList(0, Math.min(rows.size(), 20)))
                + (rows.size() > 20 ? ", …" : "") + ")";
    }

    private void upsert(EmploymentStatistic s) {
        statistics.findByRegionCodeAndNaceCodeAndReferenceYear(s.regionCode(), s.naceCode(), s.referenceYear())
                .ifPresentOrElse(old -> statistics.update(new EmploymentStatistic(old.id(), s.regionCode(), s.naceCode(),
                                s.referenceYear(), s.totalEmployment(), s.industryEmployment(), s.establishments(), old.version())),
                        () -> statistics.save(s));
    }

    private static EmploymentStatistic parse(CsvTable.Row row) {
        String region = Check.notBlank(row.get("regionCode"), "regionCode", 32);
        String nace = NaceCode.of(row.get("naceCode"), "naceCode").value();
        int year = (int) number(row.get("year"), "year");
        Check.range(year, 1900, 2200, "year");
        long total = number(row.get("totalEmployment"), "totalEmployment");
        Check.that(total > 0, "totalEmployment", "must be positive");
        long industry = number(row.get("industryEmployment"), "industryEmployment");
        Check.that(industry >= 0 && industry <= total, "industryEmployment", "must be between 0 and totalEmployment");
        long establishments = number(row.get("establishments"), "establishments");
        Check.that(establishments >= 0 && establishments <= Integer.MAX_VALUE, "establishments", "must not be negative");
        return new EmploymentStatistic(null, region, nace, year, total, industry, (int) establishments, null);
    }

    private static long number(String value, String field) {
        Check.notNull(value, field);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field, "must be a whole number");
        }
    }
}
