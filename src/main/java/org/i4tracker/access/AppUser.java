package org.i4tracker.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;
import org.i4tracker.common.Check;

/**
 * A person who logs in, with one role and the scope that role needs: a firm user's firm, an
 * assessor's institute, an analyst's region. The password is stored only as a bcrypt hash; it is
 * {@code passwordTemporary} while it is one somebody else chose (an administrator activating an RTI's invitation of a
 * firm's user), until the user sets its own.
 */
@MappedEntity("app_user")
record AppUser(@Id @GeneratedValue @Nullable Long id,
               String username,
               String passwordHash,
               Role role,
               @Nullable Long firmId,
               @Nullable Long institutionId,
               @Nullable Long regionId,
               boolean enabled,
               @Nullable String createdBy,
               boolean passwordTemporary,
               @Version @Nullable Long version) {

    AppUser {
        username = Check.notBlank(username, "username", 200);
        Check.that(username.matches("[A-Za-z0-9._@-]+"), "username", "may contain only letters, digits and . _ @ -");
        Check.notNull(role, "role");
        Check.that(role != Role.FIRM_USER || firmId != null, "firmId", "is required for a FIRM_USER");
        Check.that(role != Role.RTI_ASSESSOR || institutionId != null, "institutionId", "is required for an RTI_ASSESSOR");
        Check.that(role != Role.AGENCY_ANALYST || regionId != null, "regionId", "is required for an AGENCY_ANALYST");
    }
}
