package org.i4tracker.actor;

import io.micronaut.core.annotation.Introspected;
import org.i4tracker.common.SizeClass;

/** A firm as the API shows it, with its derived size class and its capability profile. */
@Introspected
public record FirmView(long id, long districtId, String code, String name, String naceCode, int employees,
                       SizeClass sizeClass, boolean marketActor, Capabilities capabilities, long version) {

    static FirmView of(Firm firm, Capabilities capabilities) {
        return new FirmView(firm.id(), firm.districtId(), firm.code(), firm.name(), firm.naceCode(), firm.employees(),
                firm.sizeClass(), firm.marketActor(), capabilities, firm.version());
    }
}
