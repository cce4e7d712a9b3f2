package org.i4tracker.actor;

import jakarta.inject.Singleton;
import org.i4tracker.district.DistrictUsage;

@Singleton
class ActorDistrictUsage implements DistrictUsage {

    private final FirmRepository firms;
    private final InstitutionRepository institutions;

    ActorDistrictUsage(FirmRepository firms, InstitutionRepository institutions) {
        this.firms = firms;
        this.institutions = institutions;
    }

    @Override
    public boolean isInUse(long districtId) {
        return firms.existsByDistrictId(districtId) || institutions.existsByDistrictId(districtId);
    }
}
