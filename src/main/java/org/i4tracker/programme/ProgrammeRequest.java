package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import org.i4tracker.common.Check;

import java.time.LocalDate;
import java.util.List;

/** What a client sends to create or change a programme; {@code version} is required on update. */
public record ProgrammeRequest(String code, String name, @Nullable String description, Long regionId,
                               @Nullable Long parentId, @Nullable Long districtId, LocalDate startsOn,
                               @Nullable LocalDate endsOn, @Nullable List<Long> rtiIds,
                               @Nullable List<ProgrammeServiceType> services, @Nullable Eligibility eligibility,
                               ProgrammeView.CoFunding coFunding, @Nullable Long version) {

    public ProgrammeRequest {
        rtiIds = rtiIds == null ? List.of() : List.copyOf(rtiIds);
        services = services == null ? List.of() : services.stream().distinct().toList();
        eligibility = eligibility == null ? Eligibility.none() : eligibility;
        Check.notNull(coFunding, "coFunding");
    }

    Programme toProgramme(Long id) {
        return new Programme(id, code, name, description, regionId, parentId, districtId, startsOn, endsOn,
                eligibility.enrolFrom(), eligibility.enrolUntil(), coFunding.publicShare(), coFunding.firmShare(), version);
    }
}
