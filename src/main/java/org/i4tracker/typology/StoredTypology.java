package org.i4tracker.typology;

import jakarta.inject.Singleton;
import org.i4tracker.common.Check;
import org.i4tracker.common.CsvTable;
import org.i4tracker.common.DomainException;
import org.i4tracker.common.ImportReport;
import org.i4tracker.common.NaceCode;
import org.i4tracker.job.CsvImports;
import org.i4tracker.job.JobProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("regionCode", "naceCode", "year", "totalEmployment",
            "industryEmployment", "establishments"));
    /** Rows per write transaction of an import. */
    private static final int BATCH_SIZE = 500;

    private final EmploymentStatisticRepository statistics;
    private final TypologySettings settings;
    private final CsvImports imports;

    StoredTypology(EmploymentStatisticRepository statistics, TypologySettings settings, CsvImports imports) {
        this.statistics = statistics;
        this.settings = settings;
        this.imports = imports;
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
     * Imports employment statistics through the {@link CsvImports} pipeline: a row must agree with the other rows
     * of its region and year on the region's total employment, and replaces the stored row of the same region,
     * industry and year.
     */
    ImportReport importCsv(CsvTable table, boolean atomic, JobProgress progress) {
        Map<String, Long> totals = new LinkedHashMap<>();
        ImportReport report = imports.run(table, atomic, progress, new CsvImports.Options(BATCH_SIZE, 0),
                new CsvImports.RowImport<EmploymentStatistic>() {
                    @Override
                    public EmploymentStatistic check(CsvTable.Row row) {
                        EmploymentStatistic s = parse(row);
                        Long known = totals.putIfAbsent(s.regionCode() + "/" + s.referenceYear(), s.totalEmployment());
                        Check.that(known == null || known == s.totalEmployment(), "totalEmployment",
                                "differs from another row of region " + s.regionCode() + " in " + s.referenceYear() + " (" + known + ")");
                        return s;
                    }

                    @Override
                    public void write(List<EmploymentStatistic> rows) {
                        rows.forEach(StoredTypology.this::upsert);
                    }
                });
        LOG.info("employment statistics imported rows={} written={} errors={} cancelled={}", report.rows(), report.written(),
                report.errors().size(), report.cancelled());
        return report;
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
