package org.i4tracker.district;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    @Override
    public Set<Long> regionAndDescendants(long regionId) {
        if (!regions.existsById(regionId)) {
            return Set.of();
        }
        Map<Long, List<Long>> children = new HashMap<>();
        for (Region r : regions.findAll()) {
            if (r.parentId() != null) {
                children.computeIfAbsent(r.parentId(), k -> new ArrayList<>()).add(r.id());
            }
        }
        Set<Long> result = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(regionId));
        while (!todo.isEmpty()) {
            Long current = todo.pop();
            if (result.add(current)) {
                todo.addAll(children.getOrDefault(current, List.of()));
            }
        }
        return result;
    }

    @Override
    public Set<String> codesOf(Collection<Long> regionIds) {
        Set<String> codes = new HashSet<>();
        if (!regionIds.isEmpty()) {
            regions.findByIdIn(regionIds).forEach(r -> codes.add(r.code()));
        }
        return codes;
    }

    @Override
    public Set<Long> districtsOf(Collection<Long> regionIds) {
        Set<Long> result = new HashSet<>();
        regionIds.forEach(r -> districts.findByRegionId(r).forEach(d -> result.add(d.id())));
        return result;
    }
}
