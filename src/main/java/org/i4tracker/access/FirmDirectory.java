package org.i4tracker.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What access control needs to know about a firm without depending on the registry: its region. */
public interface FirmDirectory {
    Optional<Long> regionOf(long firmId);

    /** The names of the firms with these ids that exist, by id (for lists that show a firm beside its id). */
    Map<Long, String> namesOf(Collection<Long> firmIds);

    /** The ids of the firms registered in the districts. */
    Set<Long> firmsInDistricts(Collection<Long> districtIds);
}
