package org.i4tracker.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

import java.time.LocalDate;

/** A firm's participation in a programme from {@code enrolledOn}, until it withdraws (if it does). */
@MappedEntity("enrolment")
public record Enrolment(@Id @GeneratedValue @Nullable Long id,
                        Long programmeId,
                        Long firmId,
                        LocalDate enrolledOn,
                        @Nullable LocalDate withdrawnOn,
                        @Nullable String withdrawalReason,
                        @Version @Nullable Long version) {

    public Enrolment {
        Check.notNull(programmeId, "programmeId");
        Check.notNull(firmId, "firmId");
        Check.notNull(enrolledOn, "enrolledOn");
        Check.that(withdrawnOn == null || !withdrawnOn.isBefore(enrolledOn), "withdrawnOn", "must not be before enrolledOn");
        withdrawalReason = Check.optionalText(withdrawalReason, "reason", 2000);
    }

    /**
     * Whether the enrolment lets the programme's delivering RTIs serve the firm on the given day: until it is withdrawn
     * (from the day it is recorded, even when dated later).
     */
    public boolean grantsServiceOn(LocalDate day) {
        return withdrawnOn == null || withdrawnOn.isAfter(day);
    }

    /** Whether the firm takes part on the given day. */
    public boolean activeOn(LocalDate day) {
        return !enrolledOn.isAfter(day) && grantsServiceOn(day);
    }
}
