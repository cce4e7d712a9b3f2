package org.i4tracker.programme;

import jakarta.inject.Singleton;
import org.i4tracker.access.AgencyVisibleFirms;

import java.util.HashSet;
import java.util.Set;

/**
 * Tells access control which firms an agency may see: those that consented to a programme of its
 * region, while their enrolment lasts.
 */
@Singleton
class ConsentedFirms implements AgencyVisibleFirms {

    private final EnrolmentConsent.Repository consents;

    ConsentedFirms(EnrolmentConsent.Repository consents) {
        this.consents = consents;
    }

    @Override
    public Set<Long> consentedFirms(long regionId) {
        return new HashSet<>(consents.consentedFirmsInRegion(regionId));
    }
}
