package org.i4tracker.programme;

import jakarta.inject.Singleton;
import org.i4tracker.access.CurrentUser;
import org.i4tracker.access.FirmAccess;
import org.i4tracker.access.Role;
import org.i4tracker.common.DomainException;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who may manage a programme and its enrolments. The firm side of every decision is
 * {@link FirmAccess}'s; this adds the programme side:
 * <ul>
 *   <li>programmes are created, changed and deleted by an administrator or the agency of their region; an RTI that
 *       delivers a programme serves its enrolled firms, so only an administrator adds a delivering RTI once firms are
 *       enrolled (the agency names them before the first enrolment, and may always remove one);</li>
 *   <li>an enrolment is firm-level data: it is listed and read only by users who may see its firm;</li>
 *   <li>a firm is enrolled, and an enrolment changed or withdrawn, by an administrator, by the agency of the
 *       programme's region, or by an RTI that delivers the programme — and in every case only for a firm the
 *       writer already sees, so that enrolling never widens the writer's own scope.</li>
 * </ul>
 */
@Singleton
class ProgrammeScope {

    private final FirmAccess firms;
    private final CurrentUser user;
    private final ProgrammeRtiRepository rtis;
    private final EnrolmentRepository enrolments;

    ProgrammeScope(FirmAccess firms, CurrentUser user, ProgrammeRtiRepository rtis, EnrolmentRepository enrolments) {
        this.firms = firms;
        this.user = user;
        this.rtis = rtis;
        this.enrolments = enrolments;
    }

    /** 403 unless the current user manages programmes of the region. */
    void requireManage(Programme programme) {
        firms.requireRegion(programme.regionId());
    }

    /**
     * 403 unless an administrator asks, when the change adds a delivering RTI to a programme with an enrolment that
     * is not withdrawn: the RTI would serve those firms (their assessments, plants, users) without a grant from an
     * administrator or from the firms.
     */
    void requireRtiChange(Programme current, List<Long> requested) {
        if (user.is(Role.ADMIN)) {
            return;
        }
        List<Long> delivering = deliveringRtis(current);
        List<Long> added = requested.stream().filter(r -> !delivering.contains(r)).distinct().toList();
        LocalDate today = LocalDate.now();
        if (!added.isEmpty() && enrolments.findByProgrammeIdOrderByEnrolledOn(current.id()).stream()
                .anyMatch(e -> e.grantsServiceOn(today))) {
            throw DomainException.forbidden("rtiIds: programme " + current.id() + " has enrolled firms, and a delivering RTI serves them;"
                    + " only an administrator adds an RTI (" + added.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ") to it");
        }
    }

    /**
     * 403 to an agency analyst for a programme of another region: an agency studies the uptake and effect of
     * its own programmes. Administrators and RTIs pass; the figures are aggregates either way.
     */
    void requireAnalyse(Programme programme) {
        if (user.is(Role.AGENCY_ANALYST)) {
            firms.requireRegion(programme.regionId());
        }
    }

    /** The region whose programmes a list shows: an agency analyst's own (403 for another), else the one asked for. */
    Long listedRegion(Long asked) {
        if (!user.is(Role.AGENCY_ANALYST)) {
            return asked;
        }
        long own = user.regionId().orElseThrow();
        if (asked != null && asked != own) {
            firms.requireRegion(asked);
        }
        return own;
    }

    /** 404 unless the current user may see the enrolment's firm. */
    void requireRead(Enrolment enrolment) {
        firms.require(enrolment.firmId(),
                () -> DomainException.notFound("enrolment", enrolment.id() + " of programme " + enrolment.programmeId()));
    }

    /**
     * 403 unless an administrator enrols, when the enrolment would make an RTI that delivers the programme serve a firm
     * it does not serve yet: every delivering RTI serves the programme's enrolled firms, so an agency enrolling a
     * consented firm, or one RTI enrolling a firm into a programme it delivers with others, would otherwise grant the
     * firm's data to an institute neither the firm nor an administrator chose.
     */
    void requireNoNewService(Programme programme, long firmId) {
        if (user.is(Role.ADMIN)) {
            return;
        }
        List<Long> newlyServing = deliveringRtis(programme).stream().filter(rti -> !firms.serves(rti, firmId)).toList();
        if (!newlyServing.isEmpty()) {
            throw DomainException.forbidden("enrolling firm " + firmId + " in programme " + programme.id() + " would let RTI "
                    + newlyServing.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ", which delivers it, serve the firm; only an administrator grants that (an enrolment or an RTI assignment)");
        }
    }

    /** The institutes that deliver the programme (the ones {@link ProgrammeServing} lets serve its enrolled firms). */
    private List<Long> deliveringRtis(Programme programme) {
        return rtis.findByProgrammeIdInOrderById(List.of(programme.id())).stream().map(ProgrammeRti::institutionId).distinct().toList();
    }

    /** Throws unless the current user may enrol the firm in the programme, or change its enrolment there. */
    void requireEnrol(Programme programme, long firmId) {
        firms.require(firmId, () -> DomainException.invalid("firmId", "firm " + firmId + " does not exist"));
        switch (user.role()) {
            case ADMIN -> { }
            case AGENCY_ANALYST -> firms.requireRegion(programme.regionId());
            case RTI_ASSESSOR -> {
                long institution = user.institutionId().orElseThrow();
                boolean delivers = rtis.existsByProgrammeIdAndInstitutionId(programme.id(), institution)
                        || programme.parentId() != null && rtis.existsByProgrammeIdAndInstitutionId(programme.parentId(), institution);
                if (!delivers) {
                    throw DomainException.forbidden("your institute does not deliver programme " + programme.id());
                }
            }
            case FIRM_USER -> throw DomainException.forbidden("firm users do not manage enrolments");
        }
    }
}
