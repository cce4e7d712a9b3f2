package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import org.i4tracker.common.Check;

/** What a client sends to create or update a firm; {@code version} is required on update. */
record FirmRequest(Long districtId, String code, String name, String naceCode, Integer employees,
                   @Nullable Boolean marketActor, @Nullable Capabilities capabilities, @Nullable Long version) {

    Firm toFirm(Long id) {
        Check.notNull(employees, "employees");
        return new Firm(id, districtId, code, name, naceCode, employees, marketActor == null || marketActor, version);
    }

    Capabilities capabilitiesOrNone() {
        return capabilities == null ? Capabilities.NONE : capabilities;
    }
}
