package org.i4tracker.technology;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

/** An Industry 4.0 technology whose spread across firms is tracked (DESIGN.md §2). */
@MappedEntity("technology")
public record Technology(@Id @GeneratedValue @Nullable Long id,
                         String code,
                         String name,
                         @Nullable String description,
                         @Version @Nullable Long version) {

    public Technology {
        code = Check.notBlank(code, "code", 64);
        Check.that(code.matches("[A-Z0-9_]+"), "code", "must be upper case letters, digits and '_' (e.g. CONNECTED_MACHINES)");
        name = Check.notBlank(name, "name", 200);
        description = Check.optionalText(description, "description", 2000);
    }
}
