package org.i4tracker.programme;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.FirmRepository;
import org.i4tracker.common.DomainException;
import org.i4tracker.district.District;
import org.i4tracker.district.DistrictRepository;
import org.i4tracker.district.Region;
import org.i4tracker.district.RegionRepository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gathers a programme's eligible firms and enrolments for {@link UptakeCalculator}. The
 * reference line defaults to 41 %: seed 003 (Western Centre for Economic Research, Information
 * Bulletin #17, October 1993, "Denmark: Aggressively Promoting Joint Production") reports that
 * by 1991 more than 3,000 of Denmark's 7,300 small manufacturing firms were in networks of the
 * national networking programme (3,000 / 7,300 = 41 %). Property {@code i4.programme.uptake-reference-rate}.
 */
@Singleton
public class ProgrammeUptake {

    static final String REFERENCE_SOURCE = "Danish network programme 1989-1992: more than 3,000 of 7,300 small manufacturing "
            + "firms in networks by 1991 (seed 003, Western Centre for Economic Research, Information Bulletin #17, 1993)";

    private final ProgrammeRegistry programmes;
    private final EnrolmentRegistry enrolments;
    private final RegionRepository regions;
    private final DistrictRepository districts;
    private final FirmRepository firms;
    private final double referenceRate;

    ProgrammeUptake(ProgrammeRegistry programmes, EnrolmentRegistry enrolments, RegionRepository regions,
                    DistrictRepository districts, FirmRepository firms,
                    @Value("${i4.programme.uptake-reference-rate:0.41}") double referenceRate) {
        this.programmes = programmes;
        this.enrolments = enrolments;
        this.regions = regions;
        this.districts = districts;
        this.firms = firms;
        this.referenceRate = referenceRate;
    }

    public UptakeReport report(long programmeId, String by, UptakePeriod period, LocalDate asOf) {
        ProgrammeView programme = programmes.view(programmeId);
        Grouping grouping = Grouping.parse(by);
        LocalDate until = asOf != null ? asOf
                : programme.endsOn() != null && programme.endsOn().isBefore(LocalDate.now()) ? programme.endsOn() : LocalDate.now();
        if (until.isBefore(programme.startsOn())) {
            throw DomainException.unprocessable("asOf", "programme " + programmeId + " starts on " + programme.startsOn());
        }
        List<Enrolment> enrolled = enrolments.of(programmeId);
        Set<Long> enrolledIds = new HashSet<>();
        enrolled.forEach(e -> enrolledIds.add(e.firmId()));
        Map<Long, District> districtById = new LinkedHashMap<>();
        List<UptakeCalculator.PopulationFirm> population = new ArrayList<>();
        for (Firm f : population(programme, enrolledIds)) {
            District d = districtById.computeIfAbsent(f.districtId(), id -> districts.findById(id).orElseThrow());
            population.add(grouping.of(f, d));
        }
        Map<Long, List<ServiceUse>> used = enrolments.servicesUsed(enrolled);
        List<UptakeCalculator.Participation> participations = enrolled.stream().map(e -> {
            Set<ProgrammeServiceType> services = EnumSet.noneOf(ProgrammeServiceType.class);
            used.get(e.id()).forEach(u -> services.add(u.service()));
            return new UptakeCalculator.Participation(e.firmId(), e.enrolledOn(), e.withdrawnOn(), services);
        }).toList();
        return new UptakeCalculator(period, new UptakeReport.Reference(referenceRate, REFERENCE_SOURCE))
                .report(programmeId, grouping.name(), programme.startsOn(), until, population, participations);
    }

    /**
     * The firms a programme is measured against: every firm passing its eligibility rules (enrolment
     * window aside) plus every enrolled firm, in district order.
     */
    List<Firm> population(ProgrammeView programme, Set<Long> enrolledIds) {
        Set<Long> seen = new HashSet<>();
        List<Firm> candidates = new ArrayList<>();
        candidateDistricts(programme).forEach(d -> candidates.addAll(firms.findByDistrictId(d.id())));
        candidates.addAll(firms.findByIdIn(enrolledIds));
        List<Firm> result = new ArrayList<>();
        var facts = enrolments.factsReadingEachDistrictOnce();
        for (Firm f : candidates) {
            if (!seen.add(f.id())) {
                continue;
            }
            boolean inAdaptationDistrict = programme.districtId() == null || programme.districtId().equals(f.districtId());
            if (enrolledIds.contains(f.id())
                    || inAdaptationDistrict && programme.eligibility().admits(facts.apply(f), programme.regionId())) {
                result.add(f);
            }
        }
        return result;
    }

    /** Districts whose firms can be eligible: the adaptation's district, or the agency region and listed places. */
    private List<District> candidateDistricts(ProgrammeView programme) {
        if (programme.districtId() != null) {
            return List.of(districts.findById(programme.districtId()).orElseThrow());
        }
        Set<Long> roots = new HashSet<>(programme.eligibility().regionIds());
        if (roots.isEmpty() && programme.eligibility().districtIds().isEmpty()) {
            roots.add(programme.regionId());
        }
        Set<Long> regionIds = subtree(roots);
        List<District> result = new ArrayList<>();
        for (Long r : regionIds) {
            result.addAll(districts.findByRegionId(r));
        }
        for (Long d : programme.eligibility().districtIds()) {
            districts.findById(d).filter(x -> !regionIds.contains(x.regionId())).ifPresent(result::add);
        }
        return result;
    }

    private Set<Long> subtree(Set<Long> roots) {
        Set<Long> result = new HashSet<>(roots);
        if (roots.isEmpty()) {
            return result;
        }
        List<Region> all = new ArrayList<>();
        regions.findAll().forEach(all::add);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Region r : all) {
                if (r.parentId() != null && result.contains(r.parentId()) && result.add(r.id())) {
                    grew = true;
                }
            }
        }
        return result;
    }

    /** How firms are grouped in the report. */
    enum Grouping {
        DISTRICT, SECTOR, SIZE;

        static Grouping parse(String by) {
            try {
                return by == null ? DISTRICT : valueOf(by.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("by", "must be district, sector or size");
            }
        }

        UptakeCalculator.PopulationFirm of(Firm f, District d) {
            return switch (this) {
                case DISTRICT -> new UptakeCalculator.PopulationFirm(f.id(), Long.toString(d.id()), d.name());
                case SECTOR -> {
                    String division = new org.i4tracker.common.NaceCode(f.naceCode()).division();
                    yield new UptakeCalculator.PopulationFirm(f.id(), division, "NACE " + division);
                }
                case SIZE -> new UptakeCalculator.PopulationFirm(f.id(), f.sizeClass().name(), f.sizeClass().name().toLowerCase(Locale.ROOT));
            };
        }
    }
}
