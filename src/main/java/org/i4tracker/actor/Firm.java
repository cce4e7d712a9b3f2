package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;
import org.i4tracker.common.NaceCode;
import org.i4tracker.common.SizeClass;

/** A firm of a district: a market actor (seed 000) identified by a code unique within its district. */
@MappedEntity("firm")
public record Firm(@Id @GeneratedValue @Nullable Long id,
                   Long districtId,
                   String code,
                   String name,
                   String naceCode,
                   int employees,
                   boolean marketActor,
                   @Version @Nullable Long version) {

    public Firm {
        Check.notNull(districtId, "districtId");
        code = Check.notBlank(code, "code", 64);
        name = Check.notBlank(name, "name", 200);
        naceCode = NaceCode.of(naceCode, "naceCode").value();
        Check.range(employees, 0, 1_000_000, "employees");
    }

    public SizeClass sizeClass() {
        return SizeClass.of(employees);
    }
}
