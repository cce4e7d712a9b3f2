package org.i4tracker.programme;

import org.i4tracker.actor.ActorRef;
import org.i4tracker.actor.Link;
import org.i4tracker.actor.LinkService;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.evaluation.AdoptionHistory;
import org.i4tracker.evaluation.ControlGroup;
import org.i4tracker.evaluation.DidEstimate;
import org.i4tracker.evaluation.DidUnit;
import org.i4tracker.evaluation.DiffInDiff;
import org.i4tracker.evaluation.EstimationMethod;
import org.i4tracker.evaluation.GainEstimate;
import org.i4tracker.evaluation.MultiplierBootstrap;
import org.i4tracker.evaluation.OutcomeObservation;
import org.i4tracker.evaluation.OutcomeSource;
import org.i4tracker.evaluation.PanelObservation;
import org.i4tracker.evaluation.ParticipantGains;
import org.i4tracker.evaluation.StaggeredDid;
import org.i4tracker.evaluation.StaggeredDidResult;
import org.i4tracker.technology.TechnologyCatalogue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Estimates a programme's effect on an outcome from stored enrolments and the outcomes an
 * {@link OutcomeSource} supplies (DESIGN.md §8). The population is the programme's eligible
 * firms plus its participants; participants are analysed as enrolled (intention to treat:
 * a withdrawal does not make a firm untreated).
 * <ul>
 * <li>DID: waves {@code pre} and {@code post} (default first and last). Treated: enrolled after the
 * firm's pre observation and on or before its post observation. Controls: firms not enrolled
 * by their post observation. Firms enrolled on or before their pre observation are excluded.</li>
 * <li>STAGGERED: the balanced panel of firms observed in every wave; a participant's cohort is the
 * first wave observed on or after its enrolment day (a participant enrolled after its last wave
 * counts as not yet treated, i.e. never treated within the window). Periods and cohorts are wave
 * numbers, cohort 0 meaning never treated; a participant enrolled by its first wave is treated
 * throughout, has no untreated period to compare and is left out (as R did drops such units).</li>
 * <li>SPILLOVER (DESIGN.md §8): the DID estimator on non-participants only. "Treated" are those
 * exposed to the programme through the network: a firm–firm link (registry, any type, active at
 * some time between the firm's pre and post observations) to a participant enrolled on or before
 * the firm's post observation. Controls are non-participants without such a link. The ATT is then
 * the spillover of the programme onto its participants' partners.</li>
 * </ul>
 * Covariates ({@link EvaluationCovariates}: {@code size}, {@code sector}, {@code baseline}) turn every
 * design into its conditional version: the 2×2 designs become the two-period Callaway–Sant'Anna cell
 * (DRDID's DR, REG or IPW 2×2 on the same treated and comparison firms), the staggered design
 * conditions each ATT(g,t) on them. Firms lacking a covariate are left out.
 *
 * <p>Privacy floor: every group an estimate compares holds at least k firms ({@code i4.benchmark.k-floor}, the floor
 * of the benchmark reports), else 422 naming {@code design}: the participants and the comparison firms of DID, each
 * enrolment cohort and the firms never treated within the waves of STAGGERED, the exposed and the unexposed firms of
 * SPILLOVER. With two participants the mean gain and its standard error are the two firms' own gains (mean ± se).
 */
@Singleton
public class ProgrammeEvaluation {

    private final ProgrammeRegistry programmes;
    private final EnrolmentRegistry enrolments;
    private final ProgrammeUptake uptake;
    private final OutcomeSource outcomes;
    private final LinkService links;
    private final AdoptionHistory adoptions;
    private final TechnologyCatalogue technologies;
    private final int kFloor;

    ProgrammeEvaluation(ProgrammeRegistry programmes, EnrolmentRegistry enrolments, ProgrammeUptake uptake,
                        @Nullable OutcomeSource outcomes, LinkService links, @Nullable AdoptionHistory adoptions,
                        TechnologyCatalogue technologies,
                        // the benchmark reports' floor, read from their property (the benchmark feature depends on this one)
                        @Value("${i4.benchmark.k-floor}") int kFloor) {
        Check.that(kFloor >= 1, "i4.benchmark.k-floor", "must be at least 1");
        this.kFloor = kFloor;
        this.adoptions = adoptions;
        this.technologies = technologies;
        this.programmes = programmes;
        this.enrolments = enrolments;
        this.uptake = uptake;
        this.outcomes = outcomes;
        this.links = links;
    }

    /**
     * The programme's effect on a score outcome ({@code overall} or a dimension code, waves = assessment waves) or on
     * adoption ({@link AdoptionOutcomes}: {@code adoption} of {@code technology}, or the number of {@code technologies};
     * waves = calendar years {@code from}..{@code to}, by default from two years before the earlier of the programme's
     * start and its first enrolment to the current year).
     *
     * @param bootstrap multiplier bootstrap for the staggered design's simultaneous bands, or null for none
     */
    public EvaluationReport evaluate(long programmeId, String outcome, EvaluationReport.Design design, ControlGroup control,
                                     Integer preWave, Integer postWave, String covariates, EstimationMethod method,
                                     String technology, Integer from, Integer to, MultiplierBootstrap bootstrap) {
        EvaluationCovariates requested = EvaluationCovariates.parse(covariates);
        ProgrammeView programme = programmes.view(programmeId);
        String name = outcome == null || outcome.isBlank() ? "overall" : outcome.strip();
        boolean adoption = AdoptionOutcomes.isAdoption(name);
        String technologyCode = adoptionTechnology(name, technology);
        if (from != null || to != null) {
            Check.that(adoption, from != null ? "from" : "to", "applies only to outcome=adoption or outcome=technologies");
        }
        if (outcomes == null && (!adoption || requested.needsBaseline())) {
            throw DomainException.unprocessable("outcome", "no outcome source is connected (assessments are not wired to evaluation)");
        }
        if (!adoption) {
            Check.that(outcomes.outcomes().contains(name), "outcome", "must be one of " + outcomes.outcomes()
                    + ", " + AdoptionOutcomes.ADOPTION + " or " + AdoptionOutcomes.TECHNOLOGIES);
        }
        Map<Long, LocalDate> enrolledOn = new HashMap<>();
        enrolments.of(programmeId).forEach(e -> enrolledOn.put(e.firmId(), e.enrolledOn()));
        Set<Long> firmIds = new HashSet<>();
        Set<Long> districts = new HashSet<>();
        Map<Long, Firm> firms = new HashMap<>();
        for (Firm f : uptake.population(programme, enrolledOn.keySet())) {
            firmIds.add(f.id());
            districts.add(f.districtId());
            firms.put(f.id(), f);
        }
        List<OutcomeObservation> observed = adoption
                ? adoptionObservations(programme, enrolledOn, firmIds, technologyCode, from, to)
                : outcomes.observations(firmIds, name);
        Map<Long, Map<Integer, OutcomeObservation>> byFirm = new TreeMap<>();
        TreeSet<Integer> waves = new TreeSet<>();
        for (OutcomeObservation o : observed) {
            if (firmIds.contains(o.firmId())) {
                byFirm.computeIfAbsent(o.firmId(), f -> new HashMap<>()).put(o.wave(), o);
                waves.add(o.wave());
            }
        }
        if (waves.size() < 2) {
            throw DomainException.unprocessable("outcome", "needs outcomes in at least 2 waves; found " + waves);
        }
        // the baseline covariate is the T0 overall score whatever the outcome; for adoption outcomes waves are years
        Adjustment adjustment = new Adjustment(requested, method, firms,
                baseline(requested, firmIds, adoption ? 0 : waves.first()));
        byFirm.keySet().removeIf(firm -> !requested.available(firm, adjustment.baseline));
        EvaluationReport report = switch (design) {
            case DID -> did(programmeId, name, waves, byFirm, enrolledOn, firmIds.size(), preWave, postWave, adjustment);
            case STAGGERED -> staggered(programmeId, name, control, waves, byFirm, enrolledOn, firmIds.size(), adjustment, bootstrap);
            case SPILLOVER -> spillover(programmeId, name, waves, byFirm, enrolledOn, firmIds.size(), preWave, postWave, districts,
                    adjustment);
        };
        return report.withCovariates(requested.names(), requested.isEmpty() ? null : method)
                .withAdoption(technologyCode, adoption ? EvaluationReport.WaveUnit.YEAR : EvaluationReport.WaveUnit.ASSESSMENT_WAVE);
    }

    /** The catalogue code for {@code outcome=adoption} (required there, refused elsewhere); null otherwise. */
    private String adoptionTechnology(String outcome, String technology) {
        boolean given = technology != null && !technology.isBlank();
        if (!AdoptionOutcomes.ADOPTION.equals(outcome)) {
            Check.that(!given, "technology", "applies only to outcome=adoption");
            return null;
        }
        Check.that(given, "technology", "is required with outcome=adoption (a catalogue code, e.g. ROBOTICS)");
        return technologies.require(technology.strip(), "technology").code();
    }

    private List<OutcomeObservation> adoptionObservations(ProgrammeView programme, Map<Long, LocalDate> enrolledOn, Set<Long> firmIds,
                                                          String technologyCode, Integer from, Integer to) {
        if (adoptions == null) {
            throw DomainException.unprocessable("outcome", "no adoption register is connected to evaluation");
        }
        LocalDate start = enrolledOn.values().stream().min(LocalDate::compareTo)
                .filter(d -> d.isBefore(programme.startsOn())).orElse(programme.startsOn());
        int first = from != null ? from : start.getYear() - 2;
        int last = to != null ? to : LocalDate.now().getYear();
        AdoptionOutcomes.checkWindow(first, last);
        Set<String> counted = technologyCode != null ? Set.of(technologyCode)
                : technologies.all().stream().map(t -> t.code()).collect(java.util.stream.Collectors.toSet());
        return AdoptionOutcomes.yearly(firmIds, adoptions.adoptions(firmIds, technologyCode), counted, first, last);
    }

    /** Overall score at T0 (the first wave) by firm, when the baseline covariate is requested. */
    private Map<Long, Double> baseline(EvaluationCovariates requested, Set<Long> firmIds, int firstWave) {
        Map<Long, Double> scores = new HashMap<>();
        if (requested.needsBaseline()) {
            for (OutcomeObservation o : outcomes.observations(firmIds, "overall")) {
                if (o.wave() == firstWave) {
                    scores.put(o.firmId(), o.value());
                }
            }
        }
        return scores;
    }

    /** The requested covariates and how to adjust for them; empty = the unconditional estimators. */
    private record Adjustment(EvaluationCovariates covariates, EstimationMethod method, Map<Long, Firm> firms,
                              Map<Long, Double> baseline) {

        Map<Long, Map<String, Double>> of(Set<Long> sample) {
            return covariates.isEmpty() ? Map.of() : covariates.of(sample, firms, baseline);
        }

        /**
         * The 2×2 DiD of {@code units}: unconditional, or with covariates the two-period Callaway–Sant'Anna
         * cell (treated = cohort 2, comparison = never treated), which is the conditional 2×2 of DRDID.
         */
        DidEstimate twoByTwo(List<DidUnit> units) {
            if (covariates.isEmpty()) {
                return new DiffInDiff().estimate(units);
            }
            Set<Long> sample = new HashSet<>();
            units.forEach(u -> sample.add(Long.parseLong(u.id())));
            Map<Long, Map<String, Double>> x = of(sample);
            List<PanelObservation> rows = new ArrayList<>();
            for (DidUnit u : units) {
                Map<String, Double> unitX = x.get(Long.parseLong(u.id()));
                rows.add(new PanelObservation(u.id(), 1, u.treated() ? 2 : 0, u.pre(), unitX));
                rows.add(new PanelObservation(u.id(), 2, u.treated() ? 2 : 0, u.post(), unitX));
            }
            StaggeredDidResult.GroupTime cell;
            try {
                cell = new StaggeredDid(ControlGroup.NEVER_TREATED).withMethod(method).estimate(rows).attGt().get(0);
            } catch (DomainException e) {
                // the cell's "cohort 2, period 2" are this mapping's labels, not waves: keep only the reason
                String reason = e.getMessage().substring(e.getMessage().indexOf("): ") + 3);
                throw e.errors().isEmpty() || !"x".equals(e.errors().get(0).field()) ? e
                        : DomainException.unprocessable("covariates", "treated vs comparison firms (" + method + "): " + reason);
            }
            return new DidEstimate(cell.att(), cell.se(), units.size());
        }
    }

    /** 422 naming {@code design} unless both compared groups hold at least {@link #kFloor} firms. */
    private void requireFloor(String treated, int treatedCount, String others, int othersCount) {
        if (treatedCount < kFloor || othersCount < kFloor) {
            throw DomainException.unprocessable("design", "the estimate compares " + treated + " with " + others
                    + "; each group needs at least " + kFloor + " firms (privacy floor) to be shown");
        }
    }

    private EvaluationReport spillover(long programmeId, String outcome, TreeSet<Integer> waves,
                                       Map<Long, Map<Integer, OutcomeObservation>> byFirm, Map<Long, LocalDate> enrolledOn,
                                       int population, Integer preWave, Integer postWave, Set<Long> districts,
                                       Adjustment adjustment) {
        int pre = preWave == null ? waves.first() : preWave;
        int post = postWave == null ? waves.last() : postWave;
        Check.that(waves.contains(pre), "pre", "no outcomes in wave " + pre + "; waves are " + waves);
        Check.that(waves.contains(post), "post", "no outcomes in wave " + post + "; waves are " + waves);
        Check.that(pre < post, "post", "must be a later wave than pre");
        Map<Long, List<Link>> linksOf = new HashMap<>();
        for (long district : districts) {
            for (Link link : links.touchingDistrict(district)) {
                if (link.from().kind() == ActorRef.Kind.FIRM && link.to().kind() == ActorRef.Kind.FIRM) {
                    linksOf.computeIfAbsent(link.from().id(), k -> new ArrayList<>()).add(link);
                    linksOf.computeIfAbsent(link.to().id(), k -> new ArrayList<>()).add(link);
                }
            }
        }
        List<DidUnit> units = new ArrayList<>();
        int[] exposed = {0};
        byFirm.forEach((firm, obs) -> {
            OutcomeObservation before = obs.get(pre);
            OutcomeObservation after = obs.get(post);
            if (before == null || after == null || enrolledOn.containsKey(firm)) {
                return;
            }
            boolean linked = linksOf.getOrDefault(firm, List.of()).stream().distinct().anyMatch(link -> {
                long partner = link.from().id() == firm ? link.to().id() : link.from().id();
                LocalDate partnerEnrolled = enrolledOn.get(partner);
                boolean overlaps = !link.since().isAfter(after.observedOn())
                        && (link.until() == null || !link.until().isBefore(before.observedOn()));
                return partnerEnrolled != null && !partnerEnrolled.isAfter(after.observedOn()) && overlaps;
            });
            if (linked) {
                exposed[0]++;
            }
            units.add(new DidUnit(Long.toString(firm), linked, before.value(), after.value()));
        });
        requireFloor(exposed[0] + " firms linked to a participant", exposed[0], units.size() - exposed[0] + " unlinked firms",
                units.size() - exposed[0]);
        DidEstimate estimate = adjustment.twoByTwo(units);
        return new EvaluationReport(programmeId, outcome, EvaluationReport.Design.SPILLOVER, null, List.of(pre, post), units.size(),
                exposed[0], population - units.size(), estimate, null, null);
    }

    private EvaluationReport did(long programmeId, String outcome, TreeSet<Integer> waves, Map<Long, Map<Integer, OutcomeObservation>> byFirm,
                                 Map<Long, LocalDate> enrolledOn, int population, Integer preWave, Integer postWave,
                                 Adjustment adjustment) {
        int pre = preWave == null ? waves.first() : preWave;
        int post = postWave == null ? waves.last() : postWave;
        Check.that(waves.contains(pre), "pre", "no outcomes in wave " + pre + "; waves are " + waves);
        Check.that(waves.contains(post), "post", "no outcomes in wave " + post + "; waves are " + waves);
        Check.that(pre < post, "post", "must be a later wave than pre");
        List<DidUnit> units = new ArrayList<>();
        List<Double> gains = new ArrayList<>();
        byFirm.forEach((firm, obs) -> {
            OutcomeObservation before = obs.get(pre);
            OutcomeObservation after = obs.get(post);
            if (before == null || after == null) {
                return;
            }
            LocalDate day = enrolledOn.get(firm);
            if (day != null && !day.isAfter(before.observedOn())) {
                return;
            }
            boolean treated = day != null && !day.isAfter(after.observedOn());
            units.add(new DidUnit(Long.toString(firm), treated, before.value(), after.value()));
            if (treated) {
                gains.add(after.value() - before.value());
            }
        });
        requireFloor(gains.size() + " participants", gains.size(), units.size() - gains.size() + " comparison firms",
                units.size() - gains.size());
        DidEstimate estimate = adjustment.twoByTwo(units);
        GainEstimate gain = gains.size() >= 2 ? new ParticipantGains().estimate(gains) : null;
        return new EvaluationReport(programmeId, outcome, EvaluationReport.Design.DID, null, List.of(pre, post), units.size(),
                gains.size(), population - units.size(), estimate, gain, null);
    }

    private EvaluationReport staggered(long programmeId, String outcome, ControlGroup control, TreeSet<Integer> waves,
                                       Map<Long, Map<Integer, OutcomeObservation>> byFirm, Map<Long, LocalDate> enrolledOn,
                                       int population, Adjustment adjustment, MultiplierBootstrap bootstrap) {
        Map<Long, Integer> cohortOf = new TreeMap<>();
        byFirm.forEach((firm, obs) -> {
            if (!obs.keySet().containsAll(waves)) {
                return;
            }
            LocalDate day = enrolledOn.get(firm);
            int cohortWave = day == null ? 0 : waves.stream().filter(w -> !obs.get(w).observedOn().isBefore(day))
                    .findFirst().orElse(waves.last() + 1);
            if (day == null || cohortWave > waves.first()) {
                cohortOf.put(firm, cohortWave);
            }
        });
        Map<Long, Map<String, Double>> x = adjustment.of(cohortOf.keySet());
        List<PanelObservation> rows = new ArrayList<>();
        int[] treated = {0};
        cohortOf.forEach((firm, cohortWave) -> {
            if (cohortWave > 0 && cohortWave <= waves.last()) {
                treated[0]++;
            }
            for (int w : waves) {
                rows.add(new PanelObservation(Long.toString(firm), w, cohortWave, byFirm.get(firm).get(w).value(),
                        x.getOrDefault(firm, Map.of())));
            }
        });
        Map<Integer, Integer> cohortSizes = new TreeMap<>();
        cohortOf.values().forEach(g -> cohortSizes.merge(g > waves.last() ? 0 : g, 1, Integer::sum));
        int never = cohortSizes.getOrDefault(0, 0);
        cohortSizes.forEach((g, size) -> {
            if (g > 0) {
                requireFloor(size + " firms of enrolment cohort " + g, size, never + " firms never treated in these waves", never);
            }
        });
        StaggeredDidResult r = new StaggeredDid(control).withMethod(adjustment.method()).withBootstrap(bootstrap).estimate(rows);
        return new EvaluationReport(programmeId, outcome, EvaluationReport.Design.STAGGERED, control, List.copyOf(waves),
                cohortOf.size(), treated[0], population - cohortOf.size(), null, null, r);
    }
}
