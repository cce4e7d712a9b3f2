package org.i4tracker.actor;

import jakarta.inject.Singleton;
import org.i4tracker.access.FirmDirectory;
import org.i4tracker.district.DistrictRepository;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

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

    @Override
    public Set<Long> firmsInDistricts(Collection<Long> districtIds) {
        Set<Long> ids = new HashSet<>();
        districtIds.forEach(d -> firms.findByDistrictId(d).forEach(f -> ids.add(f.id())));
        return ids;
    }
}
