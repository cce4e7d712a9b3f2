package org.i4tracker.access;

import java.util.Optional;

/** What access control needs to know about a firm without depending on the registry: its region. */
public interface FirmDirectory {
    Optional<Long> regionOf(long firmId);
}
