package org.i4tracker.access;

import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import org.i4tracker.common.DomainException;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The one place that decides whether the current user may read or change a firm's data. Every
 * route, list, filter and export that touches firm-level data asks it (DESIGN.md §1, default deny):
 * <ul>
 *   <li>an administrator: every firm;</li>
 *   <li>a firm user: its own firm;</li>
 *   <li>an RTI assessor: the firms its institute serves — assigned by an administrator
 *       ({@link RtiAssignment}) or reached through another grant ({@link FirmServingSource}: an
 *       active enrolment in a programme the institute delivers). The assessor's own writes never
 *       add to that set: it may enrol only firms it already serves, and a withdrawn enrolment ends
 *       the access it gave;</li>
 *   <li>an agency analyst: the firms that consented to be seen by a programme of its region
 *       ({@link AgencyVisibleFirms}); everything else only inside aggregates. It never changes
 *       firm-level data.</li>
 * </ul>
 * A firm outside the scope is answered exactly like a firm that does not exist (404), so the
 * answer tells nothing about which firms exist. Each permitted single-firm read is noted on the
 * request for the audit trail ({@link AuditFilter}).
 */
@Singleton
public class FirmAccess {

    /** Request attribute naming the firm whose data the request read, for {@link AuditFilter}. */
    static final String AUDITED_FIRM = "i4.audit.firm";

    private final CurrentUser user;
    private final RtiAssignment.Repository assignments;
    private final List<FirmServingSource> sources;
    private final List<AgencyVisibleFirms> agencySources;
    private final RegionDirectory regions;

    FirmAccess(CurrentUser user, RtiAssignment.Repository assignments, List<FirmServingSource> sources,
               List<AgencyVisibleFirms> agencySources, RegionDirectory regions) {
        this.user = user;
        this.regions = regions;
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
        return visibility().test(firmId);
    }

    /** Whether the current user may see a firm, with the scope read once for all the firms it is asked about. */
    public LongPredicate visibility() {
        Optional<Set<Long>> firms = visibleFirms();
        return firms.isEmpty() ? id -> true : firms.get()::contains;
    }

    /**
     * Throws 404 ("firm N does not exist") unless the current user may read the firm's data, and
     * notes the read for the audit trail.
     */
    public void require(long firmId) {
        require(firmId, () -> hidden(firmId));
    }

    /**
     * The same, for a firm reached through one of its objects (an assessment, a plant, an enrolment):
     * throws {@code hiddenAs} — the answer for an object that does not exist — when the firm is outside
     * the current user's scope.
     */
    public void require(long firmId, Supplier<DomainException> hiddenAs) {
        if (!canSee(firmId)) {
            throw hiddenAs.get();
        }
        ServerRequestContext.currentRequest().ifPresent(r -> r.setAttribute(AUDITED_FIRM, firmId));
    }

    /**
     * Throws unless the current user may change the firm's data: an administrator, the RTI serving
     * it, or the firm itself. An agency analyst gets 403 for a firm it sees and 404 for one it does not.
     */
    public void requireWrite(long firmId) {
        require(firmId);
        if (user.is(Role.AGENCY_ANALYST)) {
            throw DomainException.forbidden("agency analysts do not change firm-level data");
        }
    }

    /**
     * Whether the current user may change a firm's data ({@link #requireWrite} for many firms), with the scope read once,
     * now: an agency analyst changes no firm. Work that runs later on another thread, where there is no current user (an
     * import job), asks for it on the request thread and keeps the answer.
     */
    public LongPredicate writable() {
        return user.is(Role.AGENCY_ANALYST) ? id -> false : visibility();
    }

    /** The items whose firm the current user may see, in their order. */
    public <T> List<T> visible(Collection<T> items, ToLongFunction<T> firmOf) {
        LongPredicate visible = visibility();
        return items.stream().filter(i -> visible.test(firmOf.applyAsLong(i))).toList();
    }

    /**
     * Throws 403 unless the current user may manage things of the region: an administrator any
     * region, an agency analyst its own. Other roles never manage regional things.
     */
    public void requireRegion(long regionId) {
        if (user.is(Role.ADMIN)) {
            return;
        }
        if (!user.is(Role.AGENCY_ANALYST) || user.regionId().map(r -> r != regionId).orElse(true)) {
            throw DomainException.forbidden("region " + regionId + " is outside your scope");
        }
    }

    /**
     * The codes of the regions whose stored reference figures (employment statistics) the current user may change, or
     * empty when it may change those of every region: an administrator every region; an agency analyst its own region
     * and the regions nested in it; other roles none. Adding figures for a region that has none changes nobody's
     * figures and is not limited by this.
     */
    public Optional<Set<String>> managedRegionCodes() {
        return switch (user.role()) {
            case ADMIN -> Optional.empty();
            case AGENCY_ANALYST -> Optional.of(regions.codesOf(regions.regionAndDescendants(user.regionId().orElseThrow())));
            case FIRM_USER, RTI_ASSESSOR -> Optional.of(Set.of());
        };
    }

    /**
     * Throws 404 when the district does not exist, and 403 to an agency analyst when it lies outside
     * the agency's region: an agency studies its own region's districts. Firm-level rows inside a
     * district view still pass {@link #visible}.
     */
    public void requireDistrict(long districtId) {
        long region = regions.regionOfDistrict(districtId).orElseThrow(() -> DomainException.notFound("district", districtId));
        if (user.is(Role.AGENCY_ANALYST) && !regions.regionAndAncestors(region).contains(user.regionId().orElseThrow())) {
            throw DomainException.forbidden("district " + districtId + " is outside your region");
        }
    }

    /** Records that an RTI serves a firm (idempotent): an administrator's grant, also made by the demo loader. */
    public void assign(long institutionId, long firmId) {
        if (!assignments.existsByInstitutionIdAndFirmId(institutionId, firmId)) {
            assignments.save(new RtiAssignment(null, institutionId, firmId));
        }
    }

    /**
     * Records that the current RTI assessor's institute serves a firm it has just registered: the
     * firm's data exists only because the assessor wrote it, so no one else's data becomes visible.
     */
    public void assignToCurrentInstitute(long firmId) {
        if (user.is(Role.RTI_ASSESSOR)) {
            assign(user.institutionId().orElseThrow(), firmId);
        }
    }

    /** Whether the institute serves the firm today (assignment, registration or a programme it delivers). */
    public boolean serves(long institutionId, long firmId) {
        return served(institutionId).contains(firmId);
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

    /** The answer for a firm outside the scope: the same as for a firm that does not exist. */
    static DomainException hidden(long firmId) {
        return DomainException.notFound("firm", firmId);
    }
}
