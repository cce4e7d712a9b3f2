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
 * {@link FirmServingSource}); an agency analyst sees no single firm's data here, only aggregates.
 */
@Singleton
public class FirmAccess {

    private final CurrentUser user;
    private final RtiAssignment.Repository assignments;
    private final List<FirmServingSource> sources;

    FirmAccess(CurrentUser user, RtiAssignment.Repository assignments, List<FirmServingSource> sources) {
        this.user = user;
        this.assignments = assignments;
        this.sources = sources;
    }

    /** The firms the current user may see, or empty when the user may see all firms. */
    public Optional<Set<Long>> visibleFirms() {
        return switch (user.role()) {
            case ADMIN -> Optional.empty();
            case FIRM_USER -> Optional.of(user.firmId().map(Set::of).orElse(Set.of()));
            case RTI_ASSESSOR -> Optional.of(served(user.institutionId().orElseThrow()));
            case AGENCY_ANALYST -> Optional.of(Set.of());
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

    static DomainException forbidden(long firmId) {
        return DomainException.forbidden("firm " + firmId + " is outside your scope");
    }
}
