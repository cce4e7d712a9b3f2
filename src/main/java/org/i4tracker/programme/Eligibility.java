package org.i4tracker.programme;

import org.i4tracker.common.Check;
import org.i4tracker.common.NaceCode;
import org.i4tracker.common.SizeClass;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may enrol in a programme (both enrolment dates may be null: no limit): a firm is eligible when it passes every rule that is set.
 * An empty list sets no rule of that kind. The firm is always in the agency's region (or a sub-region of it).
 * <ul>
 * <li>place — the firm's district is listed, or its region or an ancestor region is listed;</li>
 * <li>naceCodes — the firm's NACE code starts with one of the prefixes (e.g. {@code 15}, {@code 23.3});</li>
 * <li>sizeClasses — the firm's size class is listed;</li>
 * <li>enrolFrom / enrolUntil — the enrolment day is inside the window (inclusive).</li>
 * </ul>
 */
public record Eligibility(List<Long> regionIds, List<Long> districtIds, List<String> naceCodes,
                          List<SizeClass> sizeClasses, LocalDate enrolFrom, LocalDate enrolUntil) {

    public Eligibility {
        regionIds = List.copyOf(regionIds == null ? List.of() : regionIds);
        districtIds = List.copyOf(districtIds == null ? List.of() : districtIds);
        naceCodes = naceCodes == null ? List.of() : naceCodes.stream().map(c -> NaceCode.of(c, "naceCodes").value())
                .distinct().toList();
        sizeClasses = List.copyOf(sizeClasses == null ? List.of() : Set.copyOf(sizeClasses)).stream().sorted().toList();
        Check.that(enrolFrom == null || enrolUntil == null || !enrolUntil.isBefore(enrolFrom), "enrolUntil",
                "must not be before enrolFrom");
    }

    public static Eligibility none() {
        return new Eligibility(List.of(), List.of(), List.of(), List.of(), null, null);
    }

    /** What eligibility needs to know about a firm. {@code regionIds} = its district's region and all ancestors. */
    public record FirmFacts(long districtId, Set<Long> regionIds, String naceCode, SizeClass sizeClass) {
    }

    /** The first rule the firm fails on that day, as (field, reason); empty when eligible. */
    public Optional<Failure> check(FirmFacts firm, long agencyRegionId, LocalDate day) {
        // always inside the programme's region: rules stored before they were checked against it may name others
        if (!firm.regionIds().contains(agencyRegionId)) {
            return fail("eligibility.regionIds", "the firm is outside the agency's region " + agencyRegionId);
        }
        if ((!regionIds.isEmpty() || !districtIds.isEmpty())
                && !districtIds.contains(firm.districtId()) && regionIds.stream().noneMatch(firm.regionIds()::contains)) {
            return fail(districtIds.isEmpty() ? "eligibility.regionIds" : "eligibility.districtIds",
                    "the firm's district " + firm.districtId() + " is not in the eligible regions " + regionIds
                            + " or districts " + districtIds);
        }
        if (!naceCodes.isEmpty() && naceCodes.stream().noneMatch(p -> firm.naceCode().startsWith(p))) {
            return fail("eligibility.naceCodes", "the firm's NACE code " + firm.naceCode() + " does not start with any of "
                    + String.join(", ", naceCodes));
        }
        if (!sizeClasses.isEmpty() && !sizeClasses.contains(firm.sizeClass())) {
            return fail("eligibility.sizeClasses", "the firm's size class " + firm.sizeClass() + " is not one of "
                    + sizeClasses.stream().map(Enum::name).collect(Collectors.joining(", ")));
        }
        if (enrolFrom != null && day.isBefore(enrolFrom)) {
            return fail("eligibility.enrolFrom", "enrolment opens on " + enrolFrom + "; " + day + " is too early");
        }
        if (enrolUntil != null && day.isAfter(enrolUntil)) {
            return fail("eligibility.enrolUntil", "enrolment closed on " + enrolUntil + "; " + day + " is too late");
        }
        return Optional.empty();
    }

    /** Whether the firm passes every rule except the enrolment window (used to count eligible firms). */
    public boolean admits(FirmFacts firm, long agencyRegionId) {
        return new Eligibility(regionIds, districtIds, naceCodes, sizeClasses, null, null)
                .check(firm, agencyRegionId, LocalDate.MIN).isEmpty();
    }

    public record Failure(String field, String reason) {
    }

    private static Optional<Failure> fail(String field, String reason) {
        return Optional.of(new Failure(field, reason));
    }
}
