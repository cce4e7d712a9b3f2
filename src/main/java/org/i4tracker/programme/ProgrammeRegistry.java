package org.i4tracker.programme;

import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.actor.Institution;
import org.i4tracker.actor.InstitutionRepository;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.district.District;
import org.i4tracker.district.DistrictRepository;
import org.i4tracker.district.RegionRepository;
import org.i4tracker.district.RegionTree;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates, changes and reads programmes with their RTIs, services and eligibility rules. */
@Singleton
public class ProgrammeRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ProgrammeRegistry.class);

    private final ProgrammeRepository programmes;
    private final ProgrammeRuleRepository rules;
    private final ProgrammeRtiRepository rtis;
    private final EnrolmentRepository enrolments;
    private final RegionRepository regions;
    private final DistrictRepository districts;
    private final InstitutionRepository institutions;
    private final RegionTree regionTree;

    ProgrammeRegistry(ProgrammeRepository programmes, ProgrammeRuleRepository rules, ProgrammeRtiRepository rtis,
                      EnrolmentRepository enrolments, RegionRepository regions, DistrictRepository districts,
                      InstitutionRepository institutions, RegionTree regionTree) {
        this.regionTree = regionTree;
        this.programmes = programmes;
        this.rules = rules;
        this.rtis = rtis;
        this.enrolments = enrolments;
        this.regions = regions;
        this.districts = districts;
        this.institutions = institutions;
    }

    public Programme require(long id) {
        return programmes.findById(id).orElseThrow(() -> DomainException.notFound("programme", id));
    }

    /**
     * The programme, its row locked until the caller's transaction ends: a change of its delivering RTIs and an
     * enrolment in it take this lock before their scope checks, so that neither decides on what the other is
     * about to change ({@link ProgrammeScope#requireRtiChange}, {@link ProgrammeScope#requireNoNewService}).
     */
    Programme lock(long id) {
        return programmes.findByIdForUpdate(id).orElseThrow(() -> DomainException.notFound("programme", id));
    }

    /** The ids of a regional base programme's district adaptations (none for an adaptation). */
    List<Long> adaptationIds(long id) {
        return programmes.findByParentId(id).stream().map(Programme::id).toList();
    }

    public ProgrammeView view(long id) {
        return views(List.of(require(id))).get(0);
    }

    PageResponse<ProgrammeView> list(Long regionId, Pageable pageable) {
        Page<Programme> page = regionId == null ? programmes.findAll(pageable) : programmes.findByRegionId(regionId, pageable);
        return PageResponse.of(views(page.getContent()), page.getPageNumber(), page.getSize(), page.getTotalSize());
    }

    @Transactional
    public ProgrammeView create(ProgrammeRequest request) {
        Programme programme = request.toProgramme(null);
        checkReferences(programme, request);
        if (programmes.existsByCode(programme.code())) {
            throw DomainException.conflict("code", "a programme with code " + programme.code() + " already exists");
        }
        Programme saved = programmes.save(programme);
        saveChildren(saved.id(), request);
        LOG.info("programme created id={} code={} region={} parent={}", saved.id(), saved.code(), saved.regionId(), saved.parentId());
        return view(saved.id());
    }

    @Transactional
    ProgrammeView update(long id, ProgrammeRequest request) {
        require(id);
        Check.notNull(request.version(), "version");
        Programme programme = request.toProgramme(id);
        checkReferences(programme, request);
        if (programmes.existsByCodeAndIdNotEqual(programme.code(), id)) {
            throw DomainException.conflict("code", "a programme with code " + programme.code() + " already exists");
        }
        Check.that(!programme.isAdaptation() || !programmes.existsByParentId(id), "parentId",
                "programme " + id + " has district adaptations, so it must stay a base programme");
        Programme saved = programmes.update(programme);
        rules.deleteByProgrammeId(id);
        rtis.deleteByProgrammeId(id);
        saveChildren(id, request);
        LOG.info("programme updated id={} version={}", id, saved.version());
        return view(id);
    }

    @Transactional
    void delete(long id) {
        require(id);
        if (enrolments.existsByProgrammeId(id) || programmes.existsByParentId(id)) {
            throw DomainException.conflict(null, "programme " + id + " still has enrolments or district adaptations");
        }
        programmes.deleteById(id);
        LOG.info("programme deleted id={}", id);
    }

    /** Views in the given order, loading all RTIs and rules in two queries. */
    List<ProgrammeView> views(List<Programme> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ProgrammeRti>> rtiMap = new LinkedHashMap<>();
        Map<Long, List<ProgrammeRule>> ruleMap = new LinkedHashMap<>();
        page.forEach(p -> {
            rtiMap.put(p.id(), new ArrayList<>());
            ruleMap.put(p.id(), new ArrayList<>());
        });
        rtis.findByProgrammeIdInOrderById(rtiMap.keySet()).forEach(r -> rtiMap.get(r.programmeId()).add(r));
        rules.findByProgrammeIdInOrderById(ruleMap.keySet()).forEach(r -> ruleMap.get(r.programmeId()).add(r));
        Map<Long, Integer> enrolled = counts(enrolments.findProgrammeIdByProgrammeIdIn(rtiMap.keySet()));
        Map<Long, Integer> active = counts(enrolments.activeProgrammeIds(rtiMap.keySet(), LocalDate.now()));
        return page.stream().map(p -> ProgrammeView.of(p, rtiMap.get(p.id()), ruleMap.get(p.id()),
                enrolled.getOrDefault(p.id(), 0), active.getOrDefault(p.id(), 0))).toList();
    }

    /** The ids of a region's programmes (its own, not those of regions inside it). */
    List<Long> idsInRegion(long regionId) {
        return programmes.findByRegionIdInOrderById(List.of(regionId)).stream().map(Programme::id).toList();
    }

    private static Map<Long, Integer> counts(List<Long> programmeIds) {
        Map<Long, Integer> counts = new HashMap<>();
        programmeIds.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    private void saveChildren(long id, ProgrammeRequest request) {
        List<ProgrammeRule> rows = new ArrayList<>();
        request.services().forEach(s -> rows.add(new ProgrammeRule(null, id, ProgrammeRule.Kind.SERVICE, s.name())));
        Eligibility e = request.eligibility();
        e.regionIds().stream().distinct().forEach(r -> rows.add(new ProgrammeRule(null, id, ProgrammeRule.Kind.REGION, r.toString())));
        e.districtIds().stream().distinct().forEach(d -> rows.add(new ProgrammeRule(null, id, ProgrammeRule.Kind.DISTRICT, d.toString())));
        e.naceCodes().forEach(n -> rows.add(new ProgrammeRule(null, id, ProgrammeRule.Kind.NACE_PREFIX, n)));
        e.sizeClasses().forEach(s -> rows.add(new ProgrammeRule(null, id, ProgrammeRule.Kind.SIZE_CLASS, s.name())));
        rules.saveAll(rows);
        rtis.saveAll(request.rtiIds().stream().distinct().map(r -> new ProgrammeRti(null, id, r)).toList());
    }

    private void checkReferences(Programme p, ProgrammeRequest request) {
        Check.that(regions.existsById(p.regionId()), "regionId", "region " + p.regionId() + " does not exist");
        if (p.isAdaptation()) {
            Programme parent = programmes.findById(p.parentId())
                    .orElseThrow(() -> DomainException.invalid("parentId", "programme " + p.parentId() + " does not exist"));
            Check.that(!parent.isAdaptation(), "parentId", "programme " + parent.id() + " is itself an adaptation; adapt the base programme");
            Check.that(parent.regionId().equals(p.regionId()), "regionId", "an adaptation belongs to the agency of its base programme (region "
                    + parent.regionId() + ")");
            District district = districts.findById(p.districtId())
                    .orElseThrow(() -> DomainException.invalid("districtId", "district " + p.districtId() + " does not exist"));
            Check.that(regionAndAncestors(district.regionId()).contains(p.regionId()), "districtId",
                    "district " + district.id() + " is not in the agency's region " + p.regionId());
        }
        for (int i = 0; i < request.rtiIds().size(); i++) {
            Long rti = request.rtiIds().get(i);
            String field = "rtiIds[" + i + "]";
            Institution institution = institutions.findById(Check.notNull(rti, field))
                    .orElseThrow(() -> DomainException.invalid(field, "institution " + rti + " does not exist"));
            Check.that(institution.kind() == Institution.Kind.RTI, field, "institution " + rti + " is a " + institution.kind() + ", not an RTI");
        }
        Eligibility e = request.eligibility();
        // A programme is place-based: its eligible regions and districts lie in its own region. Uptake counts the
        // eligible firms by district, size and sector, so a rule naming another region's districts would show its
        // agency counts of firms it has no business counting.
        for (int i = 0; i < e.regionIds().size(); i++) {
            Long r = e.regionIds().get(i);
            String field = "eligibility.regionIds[" + i + "]";
            Check.that(r != null && regions.existsById(r), field, "region " + r + " does not exist");
            Check.that(regionAndAncestors(r).contains(p.regionId()), field, "region " + r + " is not in the programme's region " + p.regionId());
        }
        for (int i = 0; i < e.districtIds().size(); i++) {
            Long d = e.districtIds().get(i);
            String field = "eligibility.districtIds[" + i + "]";
            District district = d == null ? null : districts.findById(d).orElse(null);
            Check.that(district != null, field, "district " + d + " does not exist");
            Check.that(regionAndAncestors(district.regionId()).contains(p.regionId()), field,
                    "district " + d + " is not in the programme's region " + p.regionId());
        }
    }

    /** The region and every region above it. */
    Set<Long> regionAndAncestors(long regionId) {
        return regionTree.regionAndAncestors(regionId);
    }
}
