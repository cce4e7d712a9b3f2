package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A programme as the API shows it, with its RTIs, services, eligibility and co-funding, and how many firms enrolled in
 * it: {@code enrolledFirms} counts every enrolment of this programme (withdrawn ones too), {@code activeFirms} those not
 * withdrawn (a withdrawal dated later counts from its day). They are counts of its own enrolments; a regional base programme's uptake also counts its district
 * adaptations'. Counts, like the uptake report, are aggregates: they name no firm.
 */
public record ProgrammeView(Long id, String code, String name, @Nullable String description, Long regionId,
                            @Nullable Long parentId, @Nullable Long districtId, LocalDate startsOn,
                            @Nullable LocalDate endsOn, List<Long> rtiIds, List<ProgrammeServiceType> services,
                            Eligibility eligibility, CoFunding coFunding, int enrolledFirms, int activeFirms, Long version) {

    /** Shares of a supported project's cost, in percent; they add up to 100. */
    public record CoFunding(BigDecimal publicShare, BigDecimal firmShare) {
    }

    static ProgrammeView of(Programme p, List<ProgrammeRti> rtis, List<ProgrammeRule> rules, int enrolledFirms, int activeFirms) {
        return new ProgrammeView(p.id(), p.code(), p.name(), p.description(), p.regionId(), p.parentId(), p.districtId(),
                p.startsOn(), p.endsOn(), rtis.stream().map(ProgrammeRti::institutionId).toList(),
                values(rules, ProgrammeRule.Kind.SERVICE).stream().map(ProgrammeServiceType::valueOf).toList(),
                new Eligibility(values(rules, ProgrammeRule.Kind.REGION).stream().map(Long::valueOf).toList(),
                        values(rules, ProgrammeRule.Kind.DISTRICT).stream().map(Long::valueOf).toList(),
                        values(rules, ProgrammeRule.Kind.NACE_PREFIX),
                        values(rules, ProgrammeRule.Kind.SIZE_CLASS).stream().map(org.i4tracker.common.SizeClass::valueOf).toList(),
                        p.enrolFrom(), p.enrolUntil()),
                new CoFunding(p.publicShare(), p.firmShare()), enrolledFirms, activeFirms, p.version());
    }

    private static List<String> values(List<ProgrammeRule> rules, ProgrammeRule.Kind kind) {
        return rules.stream().filter(r -> r.kind() == kind).map(ProgrammeRule::value).toList();
    }
}
