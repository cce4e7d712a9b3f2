package org.i4tracker.access;

import java.util.Set;

/**
 * Firms an RTI serves for a reason other than explicit assignment, e.g. because it delivers a
 * programme they are enrolled in. Features implement it; {@link FirmAccess} asks all of them.
 */
public interface FirmServingSource {
    Set<Long> firmsServedBy(long institutionId);
}
