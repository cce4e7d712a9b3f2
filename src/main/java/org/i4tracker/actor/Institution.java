package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

/**
 * A non-firm actor of the local system (seed 000): a research-and-technology institute, a
 * university, local government, a business association or an NGO; each is a market or a
 * non-market actor. It may serve one district or the whole region.
 */
@MappedEntity("institution")
public record Institution(@Id @GeneratedValue @Nullable Long id,
                          Long regionId,
                          @Nullable Long districtId,
                          String name,
                          Kind kind,
                          boolean marketActor,
                          @Version @Nullable Long version) {

    public enum Kind { RTI, UNIVERSITY, LOCAL_GOVERNMENT, BUSINESS_ASSOCIATION, NGO }

    public Institution {
        Check.notNull(regionId, "regionId");
        name = Check.notBlank(name, "name", 200);
        Check.notNull(kind, "kind");
    }
}
