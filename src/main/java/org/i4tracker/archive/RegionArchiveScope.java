package org.i4tracker.archive;

import java.util.Set;
import java.util.TreeSet;

/**
 * What one region export covers: the region and the regions inside it, their districts, and the firms of
 * those districts that the caller may see ({@code FirmAccess}); every set in ascending id order.
 */
public record RegionArchiveScope(long regionId, Set<Long> regionIds, Set<Long> districtIds, Set<Long> firmIds) {

    public RegionArchiveScope {
        regionIds = new TreeSet<>(regionIds);
        districtIds = new TreeSet<>(districtIds);
        firmIds = new TreeSet<>(firmIds);
        if (!regionIds.contains(regionId)) {
            throw new IllegalArgumentException("the scope's regions must include region " + regionId);
        }
    }
}
