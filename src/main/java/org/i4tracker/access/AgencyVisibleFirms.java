package org.i4tracker.access;

import java.util.Set;

/**
 * Firms whose firm-level data an agency analyst of a region may see: those enrolled in the
 * agency's programmes that consented. The programme feature implements it.
 */
public interface AgencyVisibleFirms {
    Set<Long> consentedFirms(long regionId);
}
