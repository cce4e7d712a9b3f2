package org.i4tracker.district;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;
import org.i4tracker.common.NaceCode;

/** An industrial district: a territorial concentration of firms of one sector inside a region. */
@MappedEntity("district")
public record District(@Id @GeneratedValue @Nullable Long id,
                       Long regionId,
                       String name,
                       String naceCode,
                       @Nullable String description,
                       @Version @Nullable Long version) {

    public District {
        Check.notNull(regionId, "regionId");
        name = Check.notBlank(name, "name", 200);
        naceCode = NaceCode.of(naceCode, "naceCode").value();
        description = Check.optionalText(description, "description", 2000);
    }
}
