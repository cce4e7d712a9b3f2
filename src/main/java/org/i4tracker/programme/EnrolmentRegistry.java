package org.i4tracker.programme;

import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.FirmRepository;
import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;
import org.i4tracker.district.DistrictRepository;
import org.i4tracker.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Enrols firms in programmes after checking eligibility, records the services they use and withdrawals. */
@Singleton
public class EnrolmentRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentRegistry.class);

    private final ProgrammeRegistry programmes;
    private final EnrolmentRepository enrolments;
    private final ServiceUseRepository uses;
    private final FirmRepository firms;
    private final DistrictRepository districts;
    private final FirmAccess access;
    private final EnrolmentConsent.Repository consents;

    EnrolmentRegistry(ProgrammeRegistry programmes, EnrolmentRepository enrolments, ServiceUseRepository uses,
                      FirmRepository firms, DistrictRepository districts, FirmAccess access, EnrolmentConsent.Repository consents) {
        this.programmes = programmes;
        this.access = access;
        this.consents = consents;
        this.enrolments = enrolments;
        this.uses = uses;
        this.firms = firms;
        this.districts = districts;
    }

    /** The programmes a firm is enrolled in and has not withdrawn from, by programme id. */
    public List<Long> currentProgrammesOf(long firmId) {
        return enrolments.findByFirmIdAndWithdrawnOnIsNullOrderByProgrammeId(firmId).stream().map(Enrolment::programmeId).toList();
    }

    /**
     * The enrolments that count for a programme's uptake and evaluation, oldest first: its own and, for a
     * regional base programme, those of its district adaptations (seed 002: one regional programme delivered
     * through district adaptations), so that the agency's view of the regional programme includes every
     * firm reached through it. A firm enrolled more than once counts once, from its earliest enrolment.
     */
    public List<Enrolment> of(long programmeId) {
        programmes.require(programmeId);
        List<Enrolment> all = new ArrayList<>(enrolments.findByProgrammeIdOrderByEnrolledOn(programmeId));
        programmes.adaptationIds(programmeId).forEach(a -> all.addAll(enrolments.findByProgrammeIdOrderByEnrolledOn(a)));
        Map<Long, Enrolment> earliest = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(Enrolment::enrolledOn).thenComparing(Enrolment::id))
                .forEach(e -> earliest.putIfAbsent(e.firmId(), e));
        return new ArrayList<>(earliest.values());
    }

    /** The services used by the given enrolments, by enrolment id. */
    Map<Long, List<ServiceUse>> servicesUsed(List<Enrolment> list) {
        Map<Long, List<ServiceUse>> byEnrolment = new LinkedHashMap<>();
        list.forEach(e -> byEnrolment.put(e.id(), new ArrayList<>()));
        if (!list.isEmpty()) {
            uses.findByEnrolmentIdInOrderById(byEnrolment.keySet()).forEach(u -> byEnrolment.get(u.enrolmentId()).add(u));
        }
        return byEnrolment;
    }

    /** The enrolments of a programme whose firms the current user may see. */
    PageResponse<EnrolmentView> list(long programmeId, Pageable pageable) {
        programmes.require(programmeId);
        var visible = access.visibleFirms();
        if (visible.isPresent() && visible.get().isEmpty()) {
            return PageResponse.of(List.of(), pageable.getNumber(), pageable.getSize(), 0);
        }
        Page<Enrolment> page = visible.isEmpty() ? enrolments.findByProgrammeId(programmeId, pageable)
                : enrolments.findByProgrammeIdAndFirmIdIn(programmeId, visible.get(), pageable);
        return PageResponse.of(views(page.getContent()), page.getPageNumber(), page.getSize(), page.getTotalSize());
    }

    /**
     * A firm's enrolments, in programmes of {@code regionId} only when it is given (an agency analyst reads those of its
     * own region's programmes). The caller has checked that the current user may see the firm.
     */
    PageResponse<EnrolmentView> ofFirm(long firmId, Long regionId, Pageable pageable) {
        Page<Enrolment> page;
        if (regionId == null) {
            page = enrolments.findByFirmId(firmId, pageable);
        } else {
            List<Long> regional = programmes.idsInRegion(regionId);
            if (regional.isEmpty()) {
                return PageResponse.of(List.of(), pageable.getNumber(), pageable.getSize(), 0);
            }
            page = enrolments.findByFirmIdAndProgrammeIdIn(firmId, regional, pageable);
        }
        return PageResponse.of(views(page.getContent()), page.getPageNumber(), page.getSize(), page.getTotalSize());
    }

    EnrolmentView view(long programmeId, long enrolmentId) {
        return views(List.of(require(programmeId, enrolmentId))).get(0);
    }

    /** Views in the given order, reading the programmes, firm names, services and consents once for all of them. */
    private List<EnrolmentView> views(List<Enrolment> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<Long, Programme> programmeById = new HashMap<>();
        list.forEach(e -> programmeById.computeIfAbsent(e.programmeId(), programmes::require));
        Map<Long, String> firmNames = new HashMap<>();
        firms.findByIdIn(list.stream().map(Enrolment::firmId).distinct().toList()).forEach(f -> firmNames.put(f.id(), f.name()));
        Map<Long, List<ServiceUse>> used = servicesUsed(list);
        Map<Long, Instant> consentedAt = new HashMap<>();
        consents.findByEnrolmentIdIn(list.stream().map(Enrolment::id).toList()).forEach(c -> consentedAt.put(c.enrolmentId(), c.grantedAt()));
        return list.stream().map(e -> EnrolmentView.of(e, programmeById.get(e.programmeId()), firmNames.get(e.firmId()),
                used.get(e.id()), consentedAt.get(e.id()))).toList();
    }

    @Transactional
    public EnrolmentView enrol(long programmeId, long firmId, LocalDate enrolledOn, List<EnrolmentView.ServiceUsed> services) {
        Programme programme = programmes.require(programmeId);
        Firm firm = firms.findById(firmId).orElseThrow(() -> DomainException.invalid("firmId", "firm " + firmId + " does not exist"));
        checkEligible(programme, firm, enrolledOn);
        checkServices(programme, services, enrolledOn);
        if (enrolments.existsByProgrammeIdAndFirmId(programmeId, firmId)) {
            throw DomainException.conflict("firmId", "firm " + firmId + " is already enrolled in programme " + programmeId);
        }
        Enrolment saved = enrolments.save(new Enrolment(null, programmeId, firmId, enrolledOn, null, null, null));
        saveUses(saved.id(), services);
        LOG.info("enrolment created id={} programme={} firm={} on={}", saved.id(), programmeId, firmId, enrolledOn);
        return view(programmeId, saved.id());
    }

    @Transactional
    EnrolmentView changeServices(long programmeId, long enrolmentId, List<EnrolmentView.ServiceUsed> services, Long version) {
        Enrolment e = require(programmeId, enrolmentId);
        Check.notNull(version, "version");
        checkServices(programmes.require(programmeId), services, e.enrolledOn());
        Enrolment saved = enrolments.update(new Enrolment(e.id(), e.programmeId(), e.firmId(), e.enrolledOn(), e.withdrawnOn(),
                e.withdrawalReason(), version));
        uses.deleteByEnrolmentId(enrolmentId);
        saveUses(enrolmentId, services);
        LOG.info("enrolment services changed id={} services={} version={}", enrolmentId, services.size(), saved.version());
        return view(programmeId, enrolmentId);
    }

    @Transactional
    EnrolmentView withdraw(long programmeId, long enrolmentId, LocalDate withdrawnOn, String reason, Long version) {
        Enrolment e = require(programmeId, enrolmentId);
        Check.notNull(version, "version");
        Check.notNull(withdrawnOn, "withdrawnOn");
        if (e.withdrawnOn() != null) {
            throw DomainException.conflict("withdrawnOn", "enrolment " + enrolmentId + " was already withdrawn on " + e.withdrawnOn());
        }
        Enrolment saved = enrolments.update(new Enrolment(e.id(), e.programmeId(), e.firmId(), e.enrolledOn(), withdrawnOn, reason, version));
        LOG.info("enrolment withdrawn id={} programme={} firm={} on={}", enrolmentId, programmeId, e.firmId(), withdrawnOn);
        return views(List.of(saved)).get(0);
    }

    /** Facts eligibility needs about a firm. */
    Eligibility.FirmFacts facts(Firm firm) {
        long regionId = districts.findById(firm.districtId()).orElseThrow().regionId();
        return new Eligibility.FirmFacts(firm.districtId(), programmes.regionAndAncestors(regionId), firm.naceCode(), firm.sizeClass());
    }

    /**
     * {@link #facts} for a long list of firms: the district's region chain is read once per district instead of
     * once per firm (a programme's population can be thousands of firms in a handful of districts).
     */
    java.util.function.Function<Firm, Eligibility.FirmFacts> factsReadingEachDistrictOnce() {
        Map<Long, java.util.Set<Long>> regionsOf = new java.util.HashMap<>();
        return firm -> new Eligibility.FirmFacts(firm.districtId(), regionsOf.computeIfAbsent(firm.districtId(),
                d -> programmes.regionAndAncestors(districts.findById(d).orElseThrow().regionId())), firm.naceCode(), firm.sizeClass());
    }

    private void checkEligible(Programme programme, Firm firm, LocalDate day) {
        Check.notNull(day, "enrolledOn");
        if (day.isBefore(programme.startsOn()) || programme.endsOn() != null && day.isAfter(programme.endsOn())) {
            throw DomainException.unprocessable("enrolledOn", "programme " + programme.id() + " runs from " + programme.startsOn()
                    + (programme.endsOn() == null ? "" : " to " + programme.endsOn()) + "; " + day + " is outside it");
        }
        if (programme.isAdaptation() && !programme.districtId().equals(firm.districtId())) {
            throw DomainException.unprocessable("districtId", "programme " + programme.id() + " is the adaptation for district "
                    + programme.districtId() + "; firm " + firm.id() + " is in district " + firm.districtId());
        }
        Eligibility rules = programmes.view(programme.id()).eligibility();
        rules.check(facts(firm), programme.regionId(), day).ifPresent(f -> {
            throw DomainException.unprocessable(f.field(), "firm " + firm.id() + " is not eligible: " + f.reason());
        });
    }

    private void checkServices(Programme programme, List<EnrolmentView.ServiceUsed> services, LocalDate enrolledOn) {
        Set<ProgrammeServiceType> offered = EnumSet.noneOf(ProgrammeServiceType.class);
        offered.addAll(programmes.view(programme.id()).services());
        if (programme.isAdaptation()) {
            offered.addAll(programmes.view(programme.parentId()).services());
        }
        Set<ProgrammeServiceType> seen = EnumSet.noneOf(ProgrammeServiceType.class);
        for (int i = 0; i < services.size(); i++) {
            EnrolmentView.ServiceUsed s = Check.notNull(services.get(i), "services[" + i + "]");
            Check.that(seen.add(s.service()), "services[" + i + "].service", s.service() + " is listed twice");
            if (!offered.contains(s.service())) {
                throw DomainException.unprocessable("services[" + i + "].service", "programme " + programme.id()
                        + " does not offer " + s.service() + "; it offers " + offered);
            }
            Check.that(s.usedOn() == null || !s.usedOn().isBefore(enrolledOn), "services[" + i + "].usedOn",
                    "must not be before enrolledOn " + enrolledOn);
        }
    }

    private void saveUses(long enrolmentId, List<EnrolmentView.ServiceUsed> services) {
        uses.saveAll(services.stream().map(s -> new ServiceUse(null, enrolmentId, s.service(), s.usedOn())).toList());
    }

    Enrolment require(long programmeId, long enrolmentId) {
        return enrolments.findByIdAndProgrammeId(enrolmentId, programmeId)
                .orElseThrow(() -> DomainException.notFound("enrolment", enrolmentId + " of programme " + programmeId));
    }
}
