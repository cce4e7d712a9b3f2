package org.i4tracker.diffusion;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.FirmRepository;
import org.i4tracker.common.DomainException;
import org.i4tracker.district.DistrictRepository;
import org.i4tracker.technology.TechnologyCatalogue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The diffusion of one technology among the firms of a district: adopters per period (from the
 * period of the first adoption to that of the last), cumulative adopters and their share of the
 * district's current firm population, hazard per period, Bass fits by OLS and NLS with a forecast to
 * saturation (or the reason a fit is unavailable), and Rogers categories of the adopting firms by
 * adoption date in decimal years.
 */
@Singleton
class DistrictDiffusion {

    record PeriodRow(String period, LocalDate start, int adopters, int cumulativeAdopters, double shareOfFirms, Double hazard) {
    }

    record BassView(BassFit fit, BassForecast forecast) {
    }

    record Unavailable(BassMethod method, String reason) {
    }

    record AdopterView(long firmId, String firmName, LocalDate adoptedOn, AdopterCategory category) {
    }

    /**
     * Rogers categories of the district's adopters: the count per category over every adopter, and the
     * adopters themselves — only those the reader may see ({@code adoptersNotListed} counts the others).
     */
    record Categories(Double mean, Double sd, Map<AdopterCategory, Integer> counts, List<AdopterView> adopters,
                      int adoptersNotListed, String unavailable) {

        /** The same categories listing only the given adopters. */
        Categories listing(List<AdopterView> shown) {
            return new Categories(mean, sd, counts, shown, adoptersNotListed + adopters.size() - shown.size(), unavailable);
        }
    }

    /** A district's diffusion report of one technology. */
    record Report(long districtId, String technology, DiffusionPeriod period, long firms, int adopters, List<PeriodRow> periods,
                  List<BassFit> bass, List<BassForecast> forecasts, List<Unavailable> bassUnavailable, Categories categories) {

        /** The same report with the adopter list narrowed to the given adopters. */
        Report listing(List<AdopterView> shown) {
            return new Report(districtId, technology, period, firms, adopters, periods, bass, forecasts, bassUnavailable,
                    categories.listing(shown));
        }
    }


    private final DistrictRepository districts;
    private final FirmRepository firms;
    private final AdoptionRepository adoptions;
    private final TechnologyCatalogue technologies;
    private final BassEstimator estimator = new BassEstimator();
    private final double saturationShare;
    private final int forecastHorizon;

    DistrictDiffusion(DistrictRepository districts, FirmRepository firms, AdoptionRepository adoptions, TechnologyCatalogue technologies,
                      @Value("${i4.diffusion.saturation-share:0.95}") double saturationShare,
                      @Value("${i4.diffusion.forecast-max-periods:100}") int forecastHorizon) {
        this.districts = districts;
        this.firms = firms;
        this.adoptions = adoptions;
        this.technologies = technologies;
        this.saturationShare = saturationShare;
        this.forecastHorizon = forecastHorizon;
    }

    /** The district's firms and their adoptions of the technology (after checking both exist). */
    record Population(List<Firm> firms, List<Adoption> adoptions) {
    }

    Population population(long districtId, String technology) {
        districts.findById(districtId).orElseThrow(() -> DomainException.notFound("district", districtId));
        if (technology == null || technology.isBlank()) {
            throw DomainException.invalid("technology", "is required");
        }
        String code = technologies.require(technology.strip(), "technology").code();
        List<Firm> members = firms.findByDistrictId(districtId);
        List<Long> ids = members.stream().map(Firm::id).toList();
        List<Adoption> adopted = ids.isEmpty() ? List.of() : adoptions.findByTechnologyCodeAndFirmIdIn(code, ids);
        return new Population(members, adopted);
    }

    /** Ids of the district's firms; 404 when the district does not exist. */
    Set<Long> districtFirmIds(long districtId) {
        districts.findById(districtId).orElseThrow(() -> DomainException.notFound("district", districtId));
        return firms.findByDistrictId(districtId).stream().map(Firm::id).collect(Collectors.toSet());
    }

    Report report(long districtId, String technology, DiffusionPeriod period) {
        Population population = population(districtId, technology);
        List<Adoption> adopted = population.adoptions();
        long firmCount = population.firms().size();
        List<PeriodRow> rows = new ArrayList<>();
        List<BassFit> fits = new ArrayList<>();
        List<BassForecast> forecasts = new ArrayList<>();
        List<Unavailable> unavailable = new ArrayList<>();
        if (adopted.isEmpty()) {
            for (BassMethod method : BassMethod.values()) {
                unavailable.add(new Unavailable(method, "no firm of the district has adopted " + technology.strip() + " yet"));
            }
            return new Report(districtId, technology.strip(), period, firmCount, 0, rows, fits, forecasts, unavailable,
                    new Categories(null, null, Map.of(), List.of(), 0, "no adopters"));
        }
        int first = adopted.stream().mapToInt(a -> period.index(a.adoptedOn())).min().orElseThrow();
        int last = adopted.stream().mapToInt(a -> period.index(a.adoptedOn())).max().orElseThrow();
        double[] perPeriod = new double[last - first + 1];
        adopted.forEach(a -> perPeriod[period.index(a.adoptedOn()) - first]++);
        List<Double> counts = new ArrayList<>();
        for (double v : perPeriod) {
            counts.add(v);
        }
        List<Double> hazard = HazardRates.of(firmCount, counts);
        int cumulative = 0;
        for (int k = 0; k < perPeriod.length; k++) {
            cumulative += (int) perPeriod[k];
            rows.add(new PeriodRow(period.label(first + k), period.start(first + k), (int) perPeriod[k], cumulative,
                    (double) cumulative / firmCount, hazard.get(k)));
        }
        for (BassMethod method : BassMethod.values()) {
            try {
                BassFit fit = estimator.fit(perPeriod, method);
                fits.add(fit);
                forecasts.add(fit.forecast(saturationShare, forecastHorizon));
            } catch (DomainException e) {
                unavailable.add(new Unavailable(method, e.getMessage()));
            }
        }
        return new Report(districtId, technology.strip(), period, firmCount, adopted.size(), rows, fits, forecasts, unavailable,
                categories(adopted, population.firms()));
    }

    private static Categories categories(List<Adoption> adopted, List<Firm> members) {
        Map<Long, Firm> byId = members.stream().collect(Collectors.toMap(Firm::id, Function.identity()));
        List<Adoption> ordered = adopted.stream().sorted(Comparator.comparing(Adoption::adoptedOn).thenComparing(Adoption::firmId)).toList();
        List<Double> times = ordered.stream().map(a -> decimalYear(a.adoptedOn())).toList();
        try {
            AdopterCategories c = AdopterCategories.of(times);
            List<AdopterView> views = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                Adoption a = ordered.get(i);
                views.add(new AdopterView(a.firmId(), byId.get(a.firmId()).name(), a.adoptedOn(), c.categories().get(i)));
            }
            Map<AdopterCategory, Integer> counts = new java.util.EnumMap<>(AdopterCategory.class);
            c.categories().forEach(k -> counts.merge(k, 1, Integer::sum));
            return new Categories(c.mean(), c.sd(), counts, views, 0, null);
        } catch (DomainException e) {
            return new Categories(null, null, Map.of(), List.of(), 0, e.getMessage());
        }
    }

    /** Year plus the elapsed fraction of it: 2024-07-02 → 2024.5. */
    static double decimalYear(LocalDate day) {
        return day.getYear() + (day.getDayOfYear() - 1) / (double) day.lengthOfYear();
    }
}
