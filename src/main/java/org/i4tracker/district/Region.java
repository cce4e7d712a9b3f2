package org.i4tracker.district;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

/** A territory (NUTS-like code) that may sit inside a parent region. */
@MappedEntity("region")
public record Region(@Id @GeneratedValue @Nullable Long id,
                     String code,
                     String name,
                     @Nullable Long parentId,
                     @Version @Nullable Long version) {

    public Region {
        code = Check.notBlank(code, "code", 32);
        Check.that(code.matches("[A-Za-z0-9_.-]+"), "code", "may contain only letters, digits, '.', '_' and '-'");
        name = Check.notBlank(name, "name", 200);
        Check.that(parentId == null || !parentId.equals(id), "parentId", "a region cannot be its own parent");
    }
}
