package org.i4tracker.programme;

import org.i4tracker.actor.ActorRef;
import org.i4tracker.actor.Link;
import org.i4tracker.actor.LinkService;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.evaluation.ControlGroup;
import org.i4tracker.evaluation.DidEstimate;
import org.i4tracker.evaluation.DidUnit;
import org.i4tracker.evaluation.DiffInDiff;
import org.i4tracker.evaluation.GainEstimate;
import org.i4tracker.evaluation.OutcomeObservation;
import org.i4tracker.evaluation.OutcomeSource;
import org.i4tracker.evaluation.PanelObservation;
import org.i4tracker.evaluation.ParticipantGains;
import org.i4tracker.evaluation.StaggeredDid;
import org.i4tracker.evaluation.StaggeredDidResult;

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
 * counts as not yet treated, i.e. never treated within the window).</li>
 * <li>SPILLOVER (DESIGN.md §8): the DID estimator on non-participants only. "Treated" are those
 * exposed to the programme through the network: a firm–firm link (registry, any type, active at
 * some time between the firm's pre and post observations) to a participant enrolled on or before
 * the firm's post observation. Controls are non-participants without such a link. The ATT is then
 * the spillover of the programme onto its participants' partners.</li>
 * </ul>
 */
@Singleton
public class ProgrammeEvaluation {

    private final ProgrammeRegistry programmes;
    private final EnrolmentRegistry enrolments;
    private final ProgrammeUptake uptake;
    private final OutcomeSource outcomes;
    private final LinkService links;

    ProgrammeEvaluation(ProgrammeRegistry programmes, EnrolmentRegistry enrolments, ProgrammeUptake uptake,
                        @Nullable OutcomeSource outcomes, LinkService links) {
        this.programmes = programmes;
        this.enrolments = enrolments;
        this.uptake = uptake;
        this.outcomes = outcomes;
        this.links = links;
    }

    public EvaluationReport evaluate(long programmeId, String outcome, EvaluationReport.Design design, ControlGroup control,
                                     Integer preWave, Integer postWave) {
        ProgrammeView programme = programmes.view(programmeId);
        if (outcomes == null) {
            throw DomainException.unprocessable("outcome", "no outcome source is connected (assessments are not wired to evaluation)");
        }
        String name = outcome == null || outcome.isBlank() ? "overall" : outcome.strip();
        Check.that(outcomes.outcomes().contains(name), "outcome", "must be one of " + outcomes.outcomes());
        Map<Long, LocalDate> enrolledOn = new HashMap<>();
        enrolments.of(programmeId).forEach(e -> enrolledOn.put(e.firmId(), e.enrolledOn()));
        Set<Long> firmIds = new HashSet<>();
        Set<Long> districts = new HashSet<>();
        for (Firm f : uptake.population(programme, enrolledOn.keySet())) {
            firmIds.add(f.id());
            districts.add(f.districtId());
        }
        Map<Long, Map<Integer, OutcomeObservation>> byFirm = new TreeMap<>();
        TreeSet<Integer> waves = new TreeSet<>();
        for (OutcomeObservation o : outcomes.observations(firmIds, name)) {
            if (firmIds.contains(o.firmId())) {
                byFirm.computeIfAbsent(o.firmId(), f -> new HashMap<>()).put(o.wave(), o);
                waves.add(o.wave());
            }
        }
        if (waves.size() < 2) {
            throw DomainException.unprocessable("outcome", "needs outcomes in at least 2 waves; found " + waves);
        }
        return switch (design) {
            case DID -> did(programmeId, name, waves, byFirm, enrolledOn, firmIds.size(), preWave, postWave);
            case STAGGERED -> staggered(programmeId, name, control, waves, byFirm, enrolledOn, firmIds.size());
            case SPILLOVER -> spillover(programmeId, name, waves, byFirm, enrolledOn, firmIds.size(), preWave, postWave, districts);
        };
    }

    private EvaluationReport spillover(long programmeId, String outcome, TreeSet<Integer> waves,
                                       Map<Long, Map<Integer, OutcomeObservation>> byFirm, Map<Long, LocalDate> enrolledOn,
                                       int population, Integer preWave, Integer postWave, Set<Long> districts) {
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
        DidEstimate estimate = new DiffInDiff().estimate(units);
        return new EvaluationReport(programmeId, outcome, EvaluationReport.Design.SPILLOVER, null, List.of(pre, post), units.size(),
                exposed[0], population - units.size(), estimate, null, null);
    }

    private EvaluationReport did(long programmeId, String outcome, TreeSet<Integer> waves, Map<Long, Map<Integer, OutcomeObservation>> byFirm,
                                 Map<Long, LocalDate> enrolledOn, int population, Integer preWave, Integer postWave) {
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
        DidEstimate estimate = new DiffInDiff().estimate(units);
        GainEstimate gain = gains.size() >= 2 ? new ParticipantGains().estimate(gains) : null;
        return new EvaluationReport(programmeId, outcome, EvaluationReport.Design.DID, null, List.of(pre, post), units.size(),
                gains.size(), population - units.size(), estimate, gain, null);
    }

    private EvaluationReport staggered(long programmeId, String outcome, ControlGroup control, TreeSet<Integer> waves,
                                       Map<Long, Map<Integer, OutcomeObservation>> byFirm, Map<Long, LocalDate> enrolledOn,
                                       int population) {
        List<PanelObservation> rows = new ArrayList<>();
        Set<Long> used = new HashSet<>();
        Set<Long> treated = new HashSet<>();
        byFirm.forEach((firm, obs) -> {
            if (!obs.keySet().containsAll(waves)) {
                return;
            }
            LocalDate day = enrolledOn.get(firm);
            int cohortWave = day == null ? -1 : waves.stream().filter(w -> !obs.get(w).observedOn().isBefore(day))
                    .findFirst().orElse(waves.last() + 1);
            used.add(firm);
            if (cohortWave >= 0 && cohortWave <= waves.last()) {
                treated.add(firm);
            }
            // periods are wave + 1 so that cohort 0 keeps meaning "never treated"
            for (int w : waves) {
                rows.add(new PanelObservation(Long.toString(firm), w + 1, cohortWave + 1, obs.get(w).value()));
            }
        });
        StaggeredDidResult r = new StaggeredDid(control).estimate(rows);
        return new EvaluationReport(programmeId, outcome, EvaluationReport.Design.STAGGERED, control, List.copyOf(waves),
                used.size(), treated.size(), population - used.size(), null, null, inWaves(r));
    }

    /** Shifts periods and cohorts back from wave + 1 to wave numbers. */
    private static StaggeredDidResult inWaves(StaggeredDidResult r) {
        return new StaggeredDidResult(
                r.attGt().stream().map(c -> new StaggeredDidResult.GroupTime(c.cohort() - 1, c.period() - 1, c.basePeriod() - 1,
                        c.att(), c.se())).toList(),
                r.simple(), r.dynamic(), r.dynamicOverall(),
                r.byCohort().stream().map(c -> new StaggeredDidResult.Cohort(c.cohort() - 1, c.att(), c.se())).toList(),
                r.cohortOverall(), r.units(), r.method(), r.covariates(), r.preTest());
    }
}
