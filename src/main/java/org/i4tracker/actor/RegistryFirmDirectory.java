package org.i4tracker.actor;

import jakarta.inject.Singleton;
import org.i4tracker.access.FirmDirectory;
import org.i4tracker.district.DistrictRepository;

import java.util.Optional;

@Singleton
class RegistryFirmDirectory implements FirmDirectory {

    private final FirmRepository firms;
    private final DistrictRepository districts;

    RegistryFirmDirectory(FirmRepository firms, DistrictRepository districts) {
        this.firms = firms;
        this.districts = districts;
    }

    @Override
    public Optional<Long> regionOf(long firmId) {
        return firms.findById(firmId).flatMap(f -> districts.findById(f.districtId())).map(d -> d.regionId());
    }
}
