package org.i4tracker.actor;

import jakarta.inject.Singleton;
import org.i4tracker.access.FirmDirectory;
import org.i4tracker.common.Chunks;
import org.i4tracker.district.DistrictRepository;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    public Map<Long, String> namesOf(Collection<Long> firmIds) {
        Map<Long, String> names = new HashMap<>();
        for (List<Long> chunk : Chunks.of(List.copyOf(new HashSet<>(firmIds)), 500)) {
            firms.findByIdIn(chunk).forEach(f -> names.put(f.id(), f.name()));
        }
        return names;
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
