package org.i4tracker.diffusion;

import io.micronaut.context.annotation.Value;
import org.i4tracker.benchmark.BenchmarkSettings;
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
 * period of the first adoption to the current period, so that recent periods without adoption count),
 * cumulative adopters and their share of the district's current firm population, hazard per period,
 * Bass fits by OLS and NLS with a forecast to saturation (or the reason a fit is unavailable) and,
 * per fit, the warnings of {@link BassFitQuality}, and Rogers categories of the adopting firms by
 * adoption date in decimal years.
 * <p>
 * <b>Split by programme participation.</b> With a programme, the district's firms are split into the
 * programme's participants (ever enrolled in it or one of its district adaptations, withdrawn firms
 * included) and the other firms; each group gets its own curve and Bass fits on the same periods
 * (t = 1 is the period of the district's first adoption, for both), and {@link BassComparison} gives
 * participants minus non-participants in p and q with delta-method standard errors. A group smaller than
 * the privacy floor k ({@code i4.benchmark.k-floor}) is not shown: its curve would be a few firms' dates.
 */
@Singleton
class DistrictDiffusion {

    record PeriodRow(String period, LocalDate start, int adopters, int cumulativeAdopters, double shareOfFirms, Double hazard) {
    }

    /** How far to trust one Bass fit ({@link BassFitQuality}); empty warnings = nothing to flag. */
    record FitTrust(BassMethod method, List<String> warnings) {
    }

    /** One group's curve within a split. */
    record GroupCurve(String group, long firms, int adopters, List<PeriodRow> periods, List<BassFit> bass,
                      List<Unavailable> bassUnavailable, List<FitTrust> trust) {
    }

    /**
     * Participants vs non-participants of a programme in the district: two curves, two fits per method, and the
     * difference in p and q per method where both groups have a fit.
     */
    record Split(long programmeId, GroupCurve participants, GroupCurve nonParticipants, List<BassComparison> differences) {
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
                      int adoptersNotListed, String unavailable, String withheld) {

        /**
         * The same categories listing only the given adopters. With 1 to k − 1 adopters not listed the mean and sd of
         * the adoption dates are withheld: with the listed adopters' dates they would give the others' back (one hidden
         * adopter's date is n·mean minus the listed dates).
         */
        Categories listing(List<AdopterView> shown, int kFloor) {
            int notListed = adoptersNotListed + adopters.size() - shown.size();
            boolean hide = mean != null && notListed > 0 && notListed < kFloor;
            return new Categories(hide ? null : mean, hide ? null : sd, counts, shown, notListed, unavailable,
                    hide ? "mean and standard deviation withheld: " + notListed + " adopters are not listed, fewer than "
                            + kFloor + " (privacy floor), and the listed dates would give theirs back" : withheld);
        }
    }

    /** A district's diffusion report of one technology. */
    record Report(long districtId, String technology, DiffusionPeriod period, long firms, int adopters, List<PeriodRow> periods,
                  List<BassFit> bass, List<BassForecast> forecasts, List<Unavailable> bassUnavailable, List<FitTrust> trust,
                  Categories categories, Split split) {

        /** The same report with the adopter list narrowed to the given adopters (see {@link Categories#listing}). */
        Report listing(List<AdopterView> shown, int kFloor) {
            return new Report(districtId, technology, period, firms, adopters, periods, bass, forecasts, bassUnavailable, trust,
                    categories.listing(shown, kFloor), split);
        }
    }


    private final DistrictRepository districts;
    private final FirmRepository firms;
    private final AdoptionRepository adoptions;
    private final TechnologyCatalogue technologies;
    private final BassEstimator estimator = new BassEstimator();
    private final double saturationShare;
    private final int forecastHorizon;
    private final BassFitQuality quality;
    private final int kFloor;

    /** The privacy floor k of every aggregate of named firms ({@code i4.benchmark.k-floor}). */
    int kFloor() {
        return kFloor;
    }

    DistrictDiffusion(DistrictRepository districts, FirmRepository firms, AdoptionRepository adoptions, TechnologyCatalogue technologies,
                      @Value("${i4.diffusion.saturation-share:0.95}") double saturationShare,
                      @Value("${i4.diffusion.forecast-max-periods:100}") int forecastHorizon,
                      @Value("${i4.diffusion.trust.min-adopters:10}") int trustMinAdopters,
                      @Value("${i4.diffusion.trust.min-periods:6}") int trustMinPeriods,
                      BenchmarkSettings benchmark) {
        this.quality = new BassFitQuality(trustMinAdopters, trustMinPeriods);
        this.kFloor = benchmark.kFloor();
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

    /**
     * The district's diffusion report up to the period containing {@code today}.
     *
     * @param participants firms of the programme to split by (its id {@code programmeId}), or null for no split
     */
    Report report(long districtId, String technology, DiffusionPeriod period, LocalDate today, Long programmeId,
                  Set<Long> participants) {
        Population population = population(districtId, technology);
        List<Adoption> adopted = population.adoptions();
        long firmCount = population.firms().size();
        if (adopted.isEmpty()) {
            List<Unavailable> unavailable = new ArrayList<>();
            for (BassMethod method : BassMethod.values()) {
                unavailable.add(new Unavailable(method, "no firm of the district has adopted " + technology.strip() + " yet"));
            }
            return new Report(districtId, technology.strip(), period, firmCount, 0, List.of(), List.of(), List.of(), unavailable,
                    List.of(), new Categories(null, null, Map.of(), List.of(), 0, "no adopters", null), null);
        }
        int first = adopted.stream().mapToInt(a -> period.index(a.adoptedOn())).min().orElseThrow();
        int last = Math.max(period.index(today), adopted.stream().mapToInt(a -> period.index(a.adoptedOn())).max().orElseThrow());
        period.count(first, last);
        GroupCurve all = curve("ALL", firmCount, adopted, period, first, last);
        List<BassForecast> forecasts = new ArrayList<>();
        all.bass().forEach(fit -> forecasts.add(fit.forecast(saturationShare, forecastHorizon)));
        Split split = participants == null ? null : split(programmeId, participants, population, period, first, last);
        return new Report(districtId, technology.strip(), period, firmCount, adopted.size(), all.periods(), all.bass(), forecasts,
                all.bassUnavailable(), all.trust(), categories(adopted, population.firms()), split);
    }

    private Split split(long programmeId, Set<Long> participants, Population population, DiffusionPeriod period, int first, int last) {
        long inProgramme = population.firms().stream().filter(f -> participants.contains(f.id())).count();
        long others = population.firms().size() - inProgramme;
        if (inProgramme < kFloor || others < kFloor) {
            throw DomainException.unprocessable("split", "programme " + programmeId + " splits the district into " + inProgramme
                    + " participants and " + others + " other firms; each group needs at least " + kFloor
                    + " firms (privacy floor) to be shown");
        }
        List<Adoption> theirs = population.adoptions().stream().filter(a -> participants.contains(a.firmId())).toList();
        List<Adoption> rest = population.adoptions().stream().filter(a -> !participants.contains(a.firmId())).toList();
        GroupCurve a = curve("PARTICIPANTS", inProgramme, theirs, period, first, last);
        GroupCurve b = curve("NON_PARTICIPANTS", others, rest, period, first, last);
        List<BassComparison> differences = new ArrayList<>();
        for (BassFit fa : a.bass()) {
            b.bass().stream().filter(fb -> fb.method() == fa.method()).findFirst()
                    .ifPresent(fb -> differences.add(BassComparison.of(fa, fb)));
        }
        return new Split(programmeId, a, b, differences);
    }

    /** Adopters per period {@code first..last} of a group of {@code firmCount} firms, hazard, Bass fits and their trust. */
    private GroupCurve curve(String group, long firmCount, List<Adoption> adopted, DiffusionPeriod period, int first, int last) {
        double[] perPeriod = new double[last - first + 1];
        adopted.forEach(a -> perPeriod[period.index(a.adoptedOn()) - first]++);
        List<Double> counts = new ArrayList<>();
        for (double v : perPeriod) {
            counts.add(v);
        }
        List<Double> hazard = HazardRates.of(firmCount, counts);
        List<PeriodRow> rows = new ArrayList<>();
        int cumulative = 0;
        for (int k = 0; k < perPeriod.length; k++) {
            cumulative += (int) perPeriod[k];
            rows.add(new PeriodRow(period.label(first + k), period.start(first + k), (int) perPeriod[k], cumulative,
                    firmCount == 0 ? 0 : (double) cumulative / firmCount, hazard.get(k)));
        }
        List<BassFit> fits = new ArrayList<>();
        List<Unavailable> unavailable = new ArrayList<>();
        List<FitTrust> trust = new ArrayList<>();
        for (BassMethod method : BassMethod.values()) {
            try {
                BassFit fit = estimator.fit(perPeriod, method);
                fits.add(fit);
                trust.add(new FitTrust(method, quality.warnings(fit, adopted.size(), perPeriod.length)));
            } catch (DomainException e) {
                unavailable.add(new Unavailable(method, e.getMessage()));
            }
        }
        return new GroupCurve(group, firmCount, adopted.size(), rows, fits, unavailable, trust);
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
            return new Categories(c.mean(), c.sd(), counts, views, 0, null, null);
        } catch (DomainException e) {
            return new Categories(null, null, Map.of(), List.of(), 0, e.getMessage(), null);
        }
    }

    /** Year plus the elapsed fraction of it: 2024-07-02 → 2024.5. */
    static double decimalYear(LocalDate day) {
        return day.getYear() + (day.getDayOfYear() - 1) / (double) day.lengthOfYear();
    }
}
