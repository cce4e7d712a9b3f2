package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An enrolment as the API shows it: the programme and the firm by name, the services the firm used, and whether the
 * firm lets the programme's agency see its firm-level data ({@code consented}, since {@code consentedAt}). Only users
 * who may see the firm are shown an enrolment, so its names and consent state are theirs to read.
 */
public record EnrolmentView(Long id, Long programmeId, String programmeCode, String programmeName, Long firmId,
                            String firmName, LocalDate enrolledOn, @Nullable LocalDate withdrawnOn,
                            @Nullable String withdrawalReason, List<ServiceUsed> services, boolean consented,
                            @Nullable Instant consentedAt, Long version) {

    /** A service the firm used and the day it first did (null when not recorded). */
    public record ServiceUsed(ProgrammeServiceType service, @Nullable LocalDate usedOn) {
        public ServiceUsed {
            org.i4tracker.common.Check.notNull(service, "service");
        }
    }

    static EnrolmentView of(Enrolment e, Programme programme, String firmName, List<ServiceUse> uses, @Nullable Instant consentedAt) {
        return new EnrolmentView(e.id(), e.programmeId(), programme.code(), programme.name(), e.firmId(), firmName, e.enrolledOn(),
                e.withdrawnOn(), e.withdrawalReason(), uses.stream().map(u -> new ServiceUsed(u.service(), u.usedOn())).toList(),
                consentedAt != null, consentedAt, e.version());
    }
}
