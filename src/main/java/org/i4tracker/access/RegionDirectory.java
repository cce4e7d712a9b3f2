package org.i4tracker.access;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** What access control needs to know about regions without depending on the registry. */
public interface RegionDirectory {

    /** The district's region, empty when the district does not exist. */
    Optional<Long> regionOfDistrict(long districtId);

    /** The region and every region above it. */
    Set<Long> regionAndAncestors(long regionId);

    /** The region and every region nested in it, at any depth; empty when there is no such region. */
    Set<Long> regionAndDescendants(long regionId);

    /** The codes of the regions with these ids (ids that name no region are left out). */
    Set<String> codesOf(Collection<Long> regionIds);

    /** The districts lying directly in one of the regions. */
    Set<Long> districtsOf(Collection<Long> regionIds);
}
