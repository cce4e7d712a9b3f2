package org.i4tracker.diffusion;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.actor.ActorRef;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.Link;
import org.i4tracker.actor.LinkService;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * Network views of a district: exposure of each firm to earlier adopters through its ties
 * ({@link NetworkExposure}), with the exposure-vs-adoption table, and the cooperation networks of
 * seed 003 ({@link CooperationNetworks}). Only firm–firm ties count; their weight comes from
 * {@code i4.diffusion.link-weights.*} (defaults: buy–sell 1, joint project 1, knowledge flow 0.5,
 * membership 0).
 */
@Singleton
class DistrictNetworks {

    record FirmExposure(long firmId, String firmName, LocalDate adoptedOn, List<Double> exposure) {
    }

    record ExposureReport(long districtId, String technology, DiffusionPeriod period, List<String> periods,
                          Map<String, Double> weights, List<NetworkExposure.ExposureBand> adoptionByExposure,
                          List<FirmExposure> firms, String firmsWithheld) {
    }

    /**
     * A cooperation network as the reader may see it: the member firms in the reader's scope by id, the
     * others only counted.
     */
    record NetworkView(List<Long> firms, int firmsNotListed, List<String> activities, int ties) {
    }

    record NetworksReport(long districtId, int minFirms, int minActivities, List<NetworkView> networks) {
    }

    private final DistrictDiffusion diffusion;
    private final LinkService links;
    private final CurrentUser user;
    private final FirmAccess access;
    private final Map<Link.Type, Double> weights;

    DistrictNetworks(DistrictDiffusion diffusion, LinkService links, CurrentUser user, FirmAccess access,
                     @Value("${i4.diffusion.link-weights.buy-sell:1.0}") double buySell,
                     @Value("${i4.diffusion.link-weights.joint-project:1.0}") double jointProject,
                     @Value("${i4.diffusion.link-weights.knowledge-flow:0.5}") double knowledgeFlow,
                     @Value("${i4.diffusion.link-weights.membership:0.0}") double membership) {
        this.diffusion = diffusion;
        this.links = links;
        this.user = user;
        this.access = access;
        this.weights = Map.of(Link.Type.BUY_SELL, buySell, Link.Type.JOINT_PROJECT, jointProject,
                Link.Type.KNOWLEDGE_FLOW, knowledgeFlow, Link.Type.MEMBERSHIP, membership);
    }

    ExposureReport exposure(long districtId, String technology, DiffusionPeriod period, LocalDate today) {
        DistrictDiffusion.Population population = diffusion.population(districtId, technology);
        Map<Long, LocalDate> adoptedOn = population.adoptions().stream()
                .collect(Collectors.toMap(Adoption::firmId, Adoption::adoptedOn, (a, b) -> a.isBefore(b) ? a : b));
        int first = adoptedOn.values().stream().mapToInt(period::index).min().orElse(period.index(today));
        int last = Math.max(period.index(today), adoptedOn.values().stream().mapToInt(period::index).max().orElse(first));
        int periods = period.count(first, last);
        Map<Long, Integer> adoptionPeriod = new HashMap<>();
        adoptedOn.forEach((firm, day) -> adoptionPeriod.put(firm, period.index(day) - first));
        List<NetworkExposure.Tie> ties = new ArrayList<>();
        for (Link link : firmTies(districtId)) {
            double weight = weights.get(link.type());
            if (weight <= 0) {
                continue;
            }
            int from = period.index(link.since()) - first;
            int to = link.until() == null ? periods - 1 : period.index(link.until()) - first;
            if (to >= 0 && from <= periods - 1) {
                ties.add(new NetworkExposure.Tie(link.from().id(), link.to().id(), weight, Math.max(0, from), Math.min(periods - 1, to)));
            }
        }
        List<Long> firmIds = population.firms().stream().map(Firm::id).toList();
        NetworkExposure exposure = NetworkExposure.compute(firmIds, adoptionPeriod, ties, periods);
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < periods; k++) {
            labels.add(period.label(first + k));
        }
        Map<String, Double> weightView = new java.util.TreeMap<>();
        weights.forEach((type, w) -> weightView.put(type.name(), w));
        // Agencies see aggregates only (DESIGN.md §1): the per-firm series is withheld from them; assessors see
        // the series of the firms they serve.
        boolean withhold = user.is(Role.AGENCY_ANALYST);
        List<FirmExposure> perFirm = withhold ? List.of() : access.visible(population.firms(), Firm::id).stream()
                .map(f -> new FirmExposure(f.id(), f.name(), adoptedOn.get(f.id()), exposure.of(f.id()))).toList();
        int notListed = population.firms().size() - perFirm.size();
        return new ExposureReport(districtId, technology.strip(), period, labels, weightView, exposure.adoptionByExposure(), perFirm,
                withhold ? "firm-level exposure is not shown to agency analysts"
                        : notListed > 0 ? notListed + " firms outside your scope are counted in the table but not listed" : null);
    }

    NetworksReport networks(long districtId, int minFirms, int minActivities, LocalDate today) {
        List<CooperationNetworks.Tie> ties = new ArrayList<>();
        for (Link link : firmTies(districtId)) {
            if (link.activeOn(today)) {
                String activity = link.type() == Link.Type.KNOWLEDGE_FLOW ? "KNOWLEDGE_FLOW:" + link.knowledgeKind() : link.type().name();
                ties.add(new CooperationNetworks.Tie(link.from().id(), link.to().id(), activity, link.type() == Link.Type.JOINT_PROJECT));
            }
        }
        // The caller's scope is read once for all networks.
        LongPredicate visible = access.visibility();
        List<NetworkView> views = CooperationNetworks.find(ties, minFirms, minActivities).stream().map(n -> {
            List<Long> shown = n.firms().stream().filter(visible::test).toList();
            return new NetworkView(shown, n.firms().size() - shown.size(), n.activities(), n.ties());
        }).toList();
        return new NetworksReport(districtId, minFirms, minActivities, views);
    }

    /** Links between two firms of the district. */
    private List<Link> firmTies(long districtId) {
        Set<Long> members = diffusion.districtFirmIds(districtId);
        return links.touchingDistrict(districtId).stream()
                .filter(l -> l.from().kind() == ActorRef.Kind.FIRM && l.to().kind() == ActorRef.Kind.FIRM)
                .filter(l -> members.contains(l.from().id()) && members.contains(l.to().id()))
                .toList();
    }
}
