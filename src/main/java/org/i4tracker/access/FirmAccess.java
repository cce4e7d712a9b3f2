package org.i4tracker.access;

import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Row-level scope over firm data (DESIGN.md §1, default deny): an admin sees every firm, a firm
 * user only its own, an RTI assessor the firms its institute serves (explicit assignment or any
 * {@link FirmServingSource}); an agency analyst only firms enrolled in its region's programmes that
 * consented ({@link AgencyVisibleFirms}) — everything else it sees as aggregates.
 */
@Singleton
public class FirmAccess {

    private final CurrentUser user;
    private final RtiAssignment.Repository assignments;
    private final List<FirmServingSource> sources;
    private final List<AgencyVisibleFirms> agencySources;

    FirmAccess(CurrentUser user, RtiAssignment.Repository assignments, List<FirmServingSource> sources,
               List<AgencyVisibleFirms> agencySources) {
        this.user = user;
        this.assignments = assignments;
        this.sources = sources;
        this.agencySources = agencySources;
    }

    /** The firms the current user may see, or empty when the user may see all firms. */
    public Optional<Set<Long>> visibleFirms() {
        return switch (user.role()) {
            case ADMIN -> Optional.empty();
            case FIRM_USER -> Optional.of(user.firmId().map(Set::of).orElse(Set.of()));
            case RTI_ASSESSOR -> Optional.of(served(user.institutionId().orElseThrow()));
            case AGENCY_ANALYST -> Optional.of(consented(user.regionId().orElseThrow()));
        };
    }

    public boolean canSee(long firmId) {
        return visibleFirms().map(ids -> ids.contains(firmId)).orElse(true);
    }

    /** Throws 403 unless the current user may read or change the firm's data. */
    public void require(long firmId) {
        if (!canSee(firmId)) {
            throw forbidden(firmId);
        }
    }

    /** Records that an RTI serves a firm (idempotent). */
    public void assign(long institutionId, long firmId) {
        if (!assignments.existsByInstitutionIdAndFirmId(institutionId, firmId)) {
            assignments.save(new RtiAssignment(null, institutionId, firmId));
        }
    }

    /** Records that the current RTI assessor's institute now serves a firm it created. */
    public void assignToCurrentInstitute(long firmId) {
        if (user.is(Role.RTI_ASSESSOR)) {
            assign(user.institutionId().orElseThrow(), firmId);
        }
    }

    Set<Long> served(long institutionId) {
        Set<Long> firms = new HashSet<>(assignments.findFirmIds(institutionId));
        sources.forEach(s -> firms.addAll(s.firmsServedBy(institutionId)));
        return firms;
    }

    private Set<Long> consented(long regionId) {
        Set<Long> firms = new HashSet<>();
        agencySources.forEach(s -> firms.addAll(s.consentedFirms(regionId)));
        return firms;
    }

    static DomainException forbidden(long firmId) {
        return DomainException.forbidden("firm " + firmId + " is outside your scope");
    }
}
