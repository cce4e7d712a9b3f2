package org.i4tracker.district;

import jakarta.inject.Singleton;
import org.i4tracker.access.RegionDirectory;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Regions nest (a province inside a region); this walks the nesting for eligibility and access control. */
@Singleton
public class RegionTree implements RegionDirectory {

    private final RegionRepository regions;
    private final DistrictRepository districts;

    RegionTree(RegionRepository regions, DistrictRepository districts) {
        this.regions = regions;
        this.districts = districts;
    }

    @Override
    public Optional<Long> regionOfDistrict(long districtId) {
        return districts.findById(districtId).map(District::regionId);
    }

    @Override
    public Set<Long> regionAndAncestors(long regionId) {
        Set<Long> result = new HashSet<>();
        Long current = regionId;
        while (current != null && result.add(current)) {
            current = regions.findById(current).map(Region::parentId).orElse(null);
        }
        return result;
    }
}
