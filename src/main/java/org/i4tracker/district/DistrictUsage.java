package org.i4tracker.district;

/**
 * Tells whether other features still refer to a district, so it cannot be deleted. Implemented
 * by the actor registry; declared here so that {@code district} does not depend on {@code actor}.
 */
public interface DistrictUsage {
    boolean isInUse(long districtId);
}
