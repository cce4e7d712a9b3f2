package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/** An enrolment as the API shows it, with the services the firm used. */
public record EnrolmentView(Long id, Long programmeId, Long firmId, LocalDate enrolledOn, @Nullable LocalDate withdrawnOn,
                            @Nullable String withdrawalReason, List<ServiceUsed> services, Long version) {

    /** A service the firm used and the day it first did (null when not recorded). */
    public record ServiceUsed(ProgrammeServiceType service, @Nullable LocalDate usedOn) {
        public ServiceUsed {
            org.i4tracker.common.Check.notNull(service, "service");
        }
    }

    static EnrolmentView of(Enrolment e, List<ServiceUse> uses) {
        return new EnrolmentView(e.id(), e.programmeId(), e.firmId(), e.enrolledOn(), e.withdrawnOn(), e.withdrawalReason(),
                uses.stream().map(u -> new ServiceUsed(u.service(), u.usedOn())).toList(), e.version());
    }
}
